using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Consistency.Analyzers.Effects;
using Consistency.Analyzers.Handlers;
using Consistency.Analyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Consistency.Analyzers.Rules
{
    /// <summary>
    /// CH0004: a message handler's flow sets an item's state from the message — low-level <c>UpdateItem</c> with a
    /// <c>SET</c>, an <c>Update</c> action of <c>TransactWriteItems</c>, a <c>PutItem</c> that replaces an existing item
    /// (<c>attribute_exists</c>), a SQL <c>UPDATE … SET</c> run by Dapper or ADO.NET, EF Core's <c>SaveChanges</c> of an
    /// entity the body loaded and changed, the DynamoDB context's <c>Save</c> of an item it loaded and changed — with no condition or comparison of a version, a sequence number or a
    /// timestamp. Messages
    /// arrive late and out of order (retries, several consumers, FIFO only per group), so an older message overwrites
    /// newer state. Absolute <c>SET</c>s are idempotent for duplicates (CH0002 does not report them) but not for
    /// reordering: this rule does, at Info.
    /// <para>
    /// Relative updates (<c>ADD</c>, <c>x = x + :n</c>) are CH0002's; unconditional creates are CH0003's. One diagnostic
    /// per write, at its call in the handler (the helper's call, with the write as additional location).
    /// </para>
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UnorderedUpdateAnalyzer : DiagnosticAnalyzer
    {
        private static readonly Regex SetClause = new(@"\bSET\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        private static readonly DiagnosticDescriptor Rule = new(
            RuleIdentifiers.UnorderedUpdate,
            title: "Update in a message handler without a version check",
            messageFormat: "'{0}' is a {1}, and '{2}' {3} with no version or order check: a message delivered late or out of order overwrites newer state; write only when the message's version is newer: a condition such as 'attribute_not_exists(#v) OR #v < :v' (DynamoDB) or 'AND version < @version' (SQL), or a comparison with the loaded entity's version before changing it (EF Core)",
            RuleCategories.Consistency,
            DiagnosticSeverity.Info,
            isEnabledByDefault: true,
            description: "Brokers do not keep order across retries, consumers and partitions: an update computed from an older message can arrive after a newer one. An update that sets state from the message without comparing a version, a sequence number or a timestamp then moves the item back in time. Store the message's version with the state and make the update conditional on it being newer.",
            helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.UnorderedUpdate));

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

#pragma warning disable RS1025, RS1026 // ConfigureDefaults enables concurrent execution and configures generated code; the meta-analyzer cannot see through it.
        public override void Initialize(AnalysisContext context)
#pragma warning restore RS1025, RS1026
        {
            context.ConfigureDefaults();
            HandlerWriteScan.Register(context, Rule, Describe, DescribeOther);
        }

        /// <summary>
        /// What a write of another store does without an order check: a Dapper or ADO.NET <c>UPDATE</c> whose <c>WHERE</c>
        /// compares no version or order, an EF Core save of a loaded entity's changes with no version compared; null otherwise.
        /// </summary>
        internal static string? DescribeOther(IInvocationOperation invocation, Effect effect, EffectCatalogue catalogue) => effect.Family switch
        {
            "Dapper" or "ADO.NET" => SqlStatements.TextOf(invocation) is { } sql && SqlStatements.IsUnorderedUpdate(sql) ? "sets the row's columns" : null,
            "EF Core" when (effect.Traits & EffectTraits.UnitOfWorkCommit) != 0 && EntityUpdates.SavesUnorderedChanges(invocation, catalogue)
                => "saves the changes to an entity it loaded",
            _ => null,
        };

        /// <summary>What the write does without an order check ("sets the item's attributes"), or null when it is ordered, relative, a create or unreadable.</summary>
        internal static string? Describe(IInvocationOperation invocation, DynamoDbWriteShape shape, DynamoDbWrites writes, EffectCatalogue catalogue)
        {
            switch (shape)
            {
                case DynamoDbWriteShape.Update:
                    var request = DynamoDbWrites.FindRequest(invocation, writes.UpdateItemRequest, out var local, out _);
                    return request is not null && IsUnorderedSet(request, local) ? "sets the item's attributes" : null;

                case DynamoDbWriteShape.Transaction:
                    if (writes.TransactUpdate is null)
                    {
                        return null;
                    }

                    var updates = new List<IObjectCreationOperation>();
                    foreach (var argument in invocation.Arguments)
                    {
                        if (argument.Value is { } value)
                        {
                            DynamoDbWrites.CollectCreations(value, writes.TransactUpdate, updates);
                        }
                    }

                    foreach (var update in updates)
                    {
                        if (IsUnorderedSet(update, local: null))
                        {
                            return "sets an item's attributes in its Update action";
                        }
                    }

                    return null;

                case DynamoDbWriteShape.Put:
                    // A put that must find the item (attribute_exists) replaces its state: an update by another name.
                    var put = DynamoDbWrites.FindRequest(invocation, writes.PutItemRequest, out var putLocal, out _);
                    return put is not null
                        && DynamoDbWrites.MemberValue(put, WellKnownDynamoDbWrites.ConditionExpression, putLocal) is { } condition
                        && EffectArguments.TextOf(condition) is { } text
                        && text.IndexOf("attribute_exists", System.StringComparison.OrdinalIgnoreCase) >= 0
                        && !DynamoDbWrites.IsIdempotentCondition(text)
                            ? "replaces the item"
                            : null;

                case DynamoDbWriteShape.ObjectSave:
                    return EntityUpdates.SavesUnorderedItem(invocation, catalogue) ? "saves the changes to an item it loaded" : null;

                default:
                    return null;
            }
        }

        private static bool IsUnorderedSet(IObjectCreationOperation request, ILocalSymbol? local)
        {
            if (DynamoDbWrites.MemberValue(request, WellKnownDynamoDbWrites.UpdateExpression, local) is not { } update
                || EffectArguments.TextOf(update) is not { } text
                || !SetClause.IsMatch(text)
                || IsRelative(text))
            {
                return false; // unreadable, no SET, or a relative update (CH0002)
            }

            if (DynamoDbWrites.MemberValue(request, WellKnownDynamoDbWrites.ConditionExpression, local) is not { } condition)
            {
                return true;
            }

            return EffectArguments.TextOf(condition) is { } conditionText && !DynamoDbWrites.IsIdempotentCondition(conditionText);
        }

        /// <summary><c>ADD</c>, <c>x = x + :n</c>, <c>list_append</c>: applied twice, counts twice (CH0002's hazard).</summary>
        private static bool IsRelative(string text)
            => Regex.IsMatch(text, @"\bADD\s|list_append\s*\(|=\s*[^,]*[+\-]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }
}
