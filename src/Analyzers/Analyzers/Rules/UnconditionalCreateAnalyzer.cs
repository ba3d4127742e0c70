using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Consistency.Analyzers.Effects;
using Consistency.Analyzers.Handlers;
using Consistency.Analyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Consistency.Analyzers.Rules
{
    /// <summary>
    /// CH0003: a message handler's flow creates a DynamoDB item with no condition — low-level <c>PutItem</c>, a
    /// <c>Put</c> action of <c>TransactWriteItems</c>, object persistence <c>Save</c> of a type without a
    /// <c>[DynamoDBVersion]</c> property, document model <c>Table.PutItem</c> — so a redelivered message writes the
    /// item again over whatever happened to it since the first delivery.
    /// <para>
    /// Roots: the handlers of <see cref="HandlerCatalogue"/>; the writes come from the flow engine (through helpers);
    /// what a write is and where its condition lives is data (<see cref="WellKnownDynamoDbWrites"/>). One diagnostic per
    /// unconditional create, at its call in the handler (the helper's call when it is inside one, with the write itself
    /// as additional location). A put under a generated key is CH0002's (a condition cannot help there).
    /// </para>
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UnconditionalCreateAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new(
            RuleIdentifiers.UnconditionalCreate,
            title: "Unconditional create in a message handler",
            messageFormat: "'{0}' is a {1}, called again when the message is redelivered, and '{2}' creates its item with no condition: the repeat writes the item again over every change made since; {3}",
            RuleCategories.Consistency,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "A DynamoDB put replaces the whole item. When the broker delivers the message again, an unconditional put in the handler recreates the item as the message describes it, undoing every update made after the first delivery. Make the create conditional (attribute_not_exists on the key, or a version attribute) and treat ConditionalCheckFailedException as \"already done\".",
            helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.UnconditionalCreate));

        private const string PutRemedy = "add ConditionExpression = \"attribute_not_exists(<key>)\" and treat ConditionalCheckFailedException as already done";
        private const string TransactionRemedy = "give the Put action a ConditionExpression with attribute_not_exists(<key>)";
        private const string SaveRemedy = "give the saved type a [DynamoDBVersion] property, or save with a SaveConfig whose ConditionalExpression checks ContextExpression.AttributeNotExists(<key>)";
        private const string DocumentRemedy = "pass a PutItemOperationConfig whose ConditionalExpression checks attribute_not_exists(<key>)";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

#pragma warning disable RS1025, RS1026 // ConfigureDefaults enables concurrent execution and configures generated code; the meta-analyzer cannot see through it.
        public override void Initialize(AnalysisContext context)
#pragma warning restore RS1025, RS1026
        {
            context.ConfigureDefaults();
            HandlerWriteScan.Register(context, Rule, Remedy);
        }

        /// <summary>What to do about an unconditional create, or null when the write is conditional, not a create, or cannot be read.</summary>
        internal static string? Remedy(IInvocationOperation invocation, DynamoDbWriteShape shape, DynamoDbWrites writes, EffectCatalogue catalogue)
        {
            switch (shape)
            {
                case DynamoDbWriteShape.Put:
                    var request = DynamoDbWrites.FindRequest(invocation, writes.PutItemRequest, out var local, out bool passed);
                    if (request is null)
                    {
                        // PutItem(tableName, item) has no condition at all; a request built elsewhere cannot be read.
                        return passed ? null : PutRemedy;
                    }

                    if (writes.ReadRequest(invocation).HasGeneratedKey)
                    {
                        return null; // a new key each time: CH0002
                    }

                    return IsUnconditional(DynamoDbWrites.MemberValue(request, WellKnownDynamoDbWrites.ConditionExpression, local)) ? PutRemedy : null;

                case DynamoDbWriteShape.Transaction:
                    if (writes.TransactPut is null || writes.ReadRequest(invocation).HasGeneratedKey)
                    {
                        return null;
                    }

                    var puts = new List<IObjectCreationOperation>();
                    foreach (var argument in invocation.Arguments)
                    {
                        if (argument.Value is { } value)
                        {
                            DynamoDbWrites.CollectCreations(value, writes.TransactPut, puts);
                        }
                    }

                    foreach (var put in puts)
                    {
                        if (IsUnconditional(DynamoDbWrites.MemberValue(put, WellKnownDynamoDbWrites.ConditionExpression, local: null)))
                        {
                            return TransactionRemedy;
                        }
                    }

                    return null;

                case DynamoDbWriteShape.ObjectSave:
                    // An object saved under a new key each time is a new item each time, as a put is: CH0002. An item the
                    // body loaded is updated, not created: CH0004.
                    return IsUnconditionalSave(invocation, writes) && !writes.ReadRequest(invocation).HasGeneratedKey && !EntityUpdates.SavesLoadedItem(invocation, catalogue)
                        ? SaveRemedy
                        : null;

                case DynamoDbWriteShape.DocumentPut:
                    foreach (var argument in invocation.Arguments)
                    {
                        if (argument.Parameter is not { Type.Name: "PutItemOperationConfig" or "PutItemDocumentOperationRequest" } || argument.IsImplicit || argument.Value is null)
                        {
                            continue;
                        }

                        var value = EffectArguments.Unwrap(argument.Value);
                        if (value is IDefaultValueOperation || value.ConstantValue is { HasValue: true, Value: null })
                        {
                            continue;
                        }

                        if (EffectArguments.FindCreation(value) is not { } config)
                        {
                            return null; // built elsewhere
                        }

                        if (DynamoDbWrites.MemberValue(config, WellKnownDynamoDbWrites.ConditionalExpression, (value as ILocalReferenceOperation)?.Local) is not null)
                        {
                            return null;
                        }
                    }

                    return DocumentRemedy;

                default:
                    return null;
            }
        }

        /// <summary>No condition at all, or a constant one that neither rejects a repeat nor requires an existing item.</summary>
        private static bool IsUnconditional(IOperation? condition)
        {
            if (condition is null)
            {
                return true;
            }

            if (EffectArguments.TextOf(condition) is not { } text)
            {
                return false; // computed: cannot tell
            }

            return !DynamoDbWrites.IsIdempotentCondition(text) && text.IndexOf("attribute_exists", System.StringComparison.OrdinalIgnoreCase) < 0;
        }

        private static bool IsUnconditionalSave(IInvocationOperation invocation, DynamoDbWrites writes)
        {
            ITypeSymbol? saved = null;
            bool skipVersionCheck = false;
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is not { } parameter || argument.Value is null || argument.IsImplicit)
                {
                    continue;
                }

                var value = EffectArguments.Unwrap(argument.Value);
                if (DynamoDbWrites.IsSavedObject(parameter))
                {
                    saved = value.Type;
                    continue;
                }

                if (parameter.Type.Name is not ("SaveConfig" or "DynamoDBOperationConfig")
                    || value is IDefaultValueOperation || value.ConstantValue is { HasValue: true, Value: null })
                {
                    continue;
                }

                if (EffectArguments.FindCreation(value) is not { } config)
                {
                    return false; // a config built elsewhere may carry a condition
                }

                var local = (value as ILocalReferenceOperation)?.Local;
                if (DynamoDbWrites.MemberValue(config, WellKnownDynamoDbWrites.ConditionalExpression, local) is not null)
                {
                    return false;
                }

                skipVersionCheck = DynamoDbWrites.MemberValue(config, WellKnownDynamoDbWrites.SkipVersionCheck, local) is { } skip
                    && EffectArguments.Unwrap(skip).ConstantValue is { HasValue: true, Value: true };
            }

            if (saved is null || saved.SpecialType == SpecialType.System_Object || saved.TypeKind is TypeKind.TypeParameter or TypeKind.Error)
            {
                return false; // the saved type is not known here
            }

            return skipVersionCheck || !writes.HasVersionProperty(saved);
        }
    }
}
