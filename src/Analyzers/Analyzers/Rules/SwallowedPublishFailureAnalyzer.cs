using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Consistency.Analyzers.Effects;
using Consistency.Analyzers.Flow;
using Consistency.Analyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Consistency.Analyzers.Rules
{
    /// <summary>
    /// CH0006: a publish whose failure nobody hears about.
    /// <list type="bullet">
    /// <item>A publish inside a <c>try</c> whose <c>catch</c> neither throws nor records the failure (logging alone is
    /// not handling): the message is gone and nothing retries it — worst after a database write, whose event is then
    /// lost for good.</item>
    /// <item>A batch publish whose response reports rejected entries (EventBridge <c>FailedEntryCount</c>, Kinesis
    /// <c>FailedRecordCount</c>, Firehose <c>FailedPutCount</c>, SQS/SNS <c>Failed</c>: see
    /// <see cref="WellKnownPublishContracts"/>) while the flow never reads them: the call "succeeds" and the rejected
    /// entries vanish.</item>
    /// </list>
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SwallowedPublishFailureAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: <see cref="SwallowedKind"/> or <see cref="PartialFailureKind"/>.</summary>
        public const string KindProperty = "Kind";

        /// <summary>Diagnostic property of a partial failure: the member to check.</summary>
        public const string MemberProperty = "Member";

        public const string SwallowedKind = "Swallowed";

        public const string PartialFailureKind = "PartialFailure";

        private static readonly DiagnosticDescriptor Rule = new(
            RuleIdentifiers.SwallowedPublishFailure,
            title: "Publish failure swallowed or partial failure ignored",
            messageFormat: "'{0}' {1}: {2}",
            RuleCategories.Consistency,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "A publish that fails must fail loudly: rethrow it so that the caller, the broker or the stream retries, or record it (a batch item failure, a failure list that is returned). A catch that only logs, or a batch response whose failed-entry count is never read, loses events silently.",
            helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.SwallowedPublishFailure));

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

#pragma warning disable RS1025, RS1026 // ConfigureDefaults enables concurrent execution and configures generated code; the meta-analyzer cannot see through it.
        public override void Initialize(AnalysisContext context)
#pragma warning restore RS1025, RS1026
        {
            context.ConfigureDefaults();
            context.RegisterCompilationStartAction(start =>
            {
                var compilation = start.Compilation;
                var engine = FlowEngine.GetOrCreate(compilation, start.Options);
                if (engine.Catalogue.IsEmpty)
                {
                    return;
                }

                var symbols = new Symbols(
                    compilation.GetBestTypeByMetadataName("System.OperationCanceledException"),
                    compilation.GetBestTypeByMetadataName("System.Runtime.ExceptionServices.ExceptionDispatchInfo"),
                    compilation.GetBestTypeByMetadataName("System.Collections.IEnumerable"),
                    TaskTypes.GetOrCreate(compilation));
                start.RegisterOperationAction(c => AnalyzeTry(c, engine, symbols), OperationKind.Try);

                var contracts = PublishContractCatalogue.GetOrCreate(compilation);
                if (contracts.HasPartialFailures)
                {
                    start.RegisterOperationAction(c => AnalyzeResponse(c, engine, contracts, symbols), OperationKind.Invocation);
                }
            });
        }

        // Swallowing catch ----------------------------------------------------------------------------------------

        private static void AnalyzeTry(OperationAnalysisContext context, FlowEngine engine, Symbols symbols)
        {
            var tryOperation = (ITryOperation)context.Operation;
            if (tryOperation.Catches.IsEmpty)
            {
                return;
            }

            ICatchClauseOperation? swallowing = null;
            foreach (var clause in tryOperation.Catches)
            {
                if (!IsCancellation(clause, symbols) && !Handles(clause, symbols))
                {
                    swallowing = clause;
                    break;
                }
            }

            if (swallowing is null)
            {
                return;
            }

            var finder = new PublishFinder(engine, symbols, context.CancellationToken);
            if (finder.Find(tryOperation.Body) is not { } found)
            {
                return;
            }

            var summary = context.ContainingSymbol is IMethodSymbol method ? engine.GetSummary(method, context.CancellationToken) : null;
            if (summary is not null && IsMarkedOnlyOnSuccess(summary, tryOperation.Body.Syntax, found.CallSite))
            {
                return; // a relay that marks the record after the publish, inside the try: a failure leaves it pending
            }

            string catchText = swallowing.ExceptionType is { SpecialType: not SpecialType.System_Object } type && swallowing.Syntax is CatchClauseSyntax { Declaration: not null }
                ? "catch (" + type.Name + ")"
                : "catch";
            string after = summary is not null && WriteBefore(summary, found.CallSite) is { } write ? " after '" + write + "' wrote the database" : string.Empty;

            var additional = new List<Location>();
            additional.Add(swallowing.Syntax is CatchClauseSyntax syntax ? syntax.CatchKeyword.GetLocation() : swallowing.Syntax.GetLocation());
            if (found.InnerLocation is { } inner)
            {
                additional.Add(inner);
            }

            var properties = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, SwallowedKind);
            context.ReportDiagnostic(Diagnostic.Create(
                Rule,
                found.CallSite.GetLocation(),
                additional,
                properties,
                found.Name,
                "can fail into '" + catchText + "', which neither rethrows nor records the failure" + after,
                "the message is lost silently; rethrow it (or report a batch item failure) so that it is retried"));
        }

        /// <summary>The first database write that may run before the publish in the method's flow, if any.</summary>
        private static string? WriteBefore(FlowSummary summary, SyntaxNode publishSite)
        {
            var occurrences = summary.Occurrences;
            int p = IndexOf(occurrences, publishSite, EffectKind.Publish);
            if (p < 0)
            {
                return null;
            }

            for (int w = 0; w < occurrences.Length; w++)
            {
                if (occurrences[w].Effect.IsWrite && summary.MayPrecede(w, p))
                {
                    return occurrences[w].Effect.OperationName;
                }
            }

            return null;
        }

        /// <summary>
        /// A write inside the try body that runs after the publish (marking an outbox record as sent, committing the
        /// consumer's work): when the publish throws, the write is skipped and the failure is recorded by the state
        /// that stays pending. That is the relay done right, not a swallowed failure.
        /// </summary>
        private static bool IsMarkedOnlyOnSuccess(FlowSummary summary, SyntaxNode tryBody, SyntaxNode publishSite)
        {
            var occurrences = summary.Occurrences;
            int p = IndexOf(occurrences, publishSite, EffectKind.Publish);
            if (p < 0)
            {
                return false;
            }

            var span = tryBody.Span;
            for (int w = 0; w < occurrences.Length; w++)
            {
                var write = occurrences[w];
                if (write.Effect.IsWrite
                    && write.CallSite.SyntaxTree == tryBody.SyntaxTree
                    && span.Contains(write.CallSite.Span)
                    && write.CallSite.SpanStart > publishSite.SpanStart
                    && summary.MayPrecede(p, w))
                {
                    return true;
                }
            }

            return false;
        }

        private static int IndexOf(ImmutableArray<EffectOccurrence> occurrences, SyntaxNode site, EffectKind kind)
        {
            for (int i = 0; i < occurrences.Length; i++)
            {
                var occurrence = occurrences[i];
                if (occurrence.Effect.Kind == kind && occurrence.CallSite.SyntaxTree == site.SyntaxTree && occurrence.CallSite.Span == site.Span)
                {
                    return i;
                }
            }

            return -1;
        }

        private static bool IsCancellation(ICatchClauseOperation clause, Symbols symbols)
        {
            if (symbols.OperationCanceled is null)
            {
                return false;
            }

            for (var type = clause.ExceptionType as INamedTypeSymbol; type is not null; type = type.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(type, symbols.OperationCanceled))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The catch throws (rethrow, a new exception, <c>ExceptionDispatchInfo.Throw</c>), returns a value to its caller,
        /// adds to a collection, or assigns state that outlives it (a failure flag, a counter, a field). Calls alone —
        /// logging — do not count.
        /// </summary>
        private static bool Handles(ICatchClauseOperation clause, Symbols symbols)
        {
            var handler = clause.Handler;
            foreach (var operation in handler.Descendants())
            {
                switch (operation)
                {
                    case IThrowOperation:
                        return true;

                    case IReturnOperation { ReturnedValue: not null } @return when !@return.IsInsideFunction(handler):
                        return true;

                    case IInvocationOperation invocation when IsRecording(invocation, symbols):
                        return true;

                    case IAssignmentOperation assignment when OutlivesCatch(assignment.Target, handler):
                        return true;

                    case IIncrementOrDecrementOperation increment when OutlivesCatch(increment.Target, handler):
                        return true;
                }
            }

            return false;
        }

        private static bool IsRecording(IInvocationOperation invocation, Symbols symbols)
        {
            var method = invocation.TargetMethod;
            if (method.Name == "Throw" && SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.ExceptionDispatchInfo))
            {
                return true;
            }

            if (method.Name is not ("Add" or "AddRange" or "Enqueue" or "Push" or "TryAdd" or "Insert" or "TryWrite" or "Post")
                || invocation.Instance?.Type is not { } receiver || symbols.Enumerable is null)
            {
                return false;
            }

            foreach (var implemented in receiver.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented, symbols.Enumerable))
                {
                    return true;
                }
            }

            // Channel writers and similar sinks are not enumerable: a TryWrite/Post on anything else still records.
            return method.Name is "TryWrite" or "Post";
        }

        private static bool OutlivesCatch(IOperation target, IOperation handler)
        {
            switch (target)
            {
                case ILocalReferenceOperation local:
                    var span = handler.Syntax.Span;
                    foreach (var reference in local.Local.DeclaringSyntaxReferences)
                    {
                        if (reference.SyntaxTree == handler.Syntax.SyntaxTree && span.Contains(reference.Span))
                        {
                            return false; // declared inside the catch: dies with it
                        }
                    }

                    return true;

                case IDiscardOperation:
                    return false;

                default:
                    return true; // a field, a property, a parameter, an element
            }
        }

        // Ignored partial failure -----------------------------------------------------------------------------------

        private static void AnalyzeResponse(OperationAnalysisContext context, FlowEngine engine, PublishContractCatalogue contracts, Symbols symbols)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (!contracts.TryGetPartialFailure(symbols.Tasks.ResultOf(invocation.Type), out var contract)
                || !engine.Catalogue.TryClassify(invocation, out var effect)
                || effect.Kind != EffectKind.Publish)
            {
                return;
            }

            if (IsFailureRead(invocation, contract))
            {
                return;
            }

            var properties = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, PartialFailureKind).Add(MemberProperty, contract.PrimaryMember);
            context.ReportDiagnostic(Diagnostic.Create(
                Rule,
                invocation.Syntax.GetLocation(),
                properties,
                effect.OperationName,
                "reports rejected entries in '" + contract.ResponseTypeMetadataName.Substring(contract.ResponseTypeMetadataName.LastIndexOf('.') + 1) + "." + contract.PrimaryMember + "', which the flow never reads",
                "the call succeeds while entries are rejected, and they are lost silently; check it and throw or retry the failed entries"));
        }

        /// <summary>True when the response's failure members are read, or the response leaves the flow (returned, passed, stored).</summary>
        private static bool IsFailureRead(IInvocationOperation invocation, PartialFailureContract contract)
        {
            IOperation value = invocation;
            var parent = SkipConversions(value, out value);
            if (parent is IAwaitOperation await)
            {
                value = await;
                parent = SkipConversions(await, out value);
            }

            switch (parent)
            {
                case IExpressionStatementOperation:
                    return false;

                case ISimpleAssignmentOperation { Target: IDiscardOperation }:
                    return false;

                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    return IsLocalChecked(declarator.Symbol, invocation, contract);

                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } assignment when assignment.Value == value:
                    return IsLocalChecked(local.Local, invocation, contract);

                case IPropertyReferenceOperation property when property.Instance == value:
                    return contract.FailureMembers.Contains(property.Property.Name);

                default:
                    return true;
            }
        }

        private static bool IsLocalChecked(ILocalSymbol local, IOperation from, PartialFailureContract contract)
        {
            var root = from.Root();

            foreach (var operation in root.Descendants())
            {
                if (operation is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    continue;
                }

                var parent = SkipConversions(reference, out var used);
                switch (parent)
                {
                    case IPropertyReferenceOperation property when property.Instance == used:
                        if (contract.FailureMembers.Contains(property.Property.Name))
                        {
                            return true;
                        }

                        break;

                    case IInvocationOperation call when call.Instance == used:
                        break; // response.ToString(), GetHashCode(): not a check

                    case IAssignmentOperation assignment when assignment.Target == used:
                        break; // overwritten, not read

                    case IVariableInitializerOperation or IAssignmentOperation or IArgumentOperation or IReturnOperation or IAnonymousObjectCreationOperation or ITupleOperation or IArrayInitializerOperation or ICollectionExpressionOperation or IInterpolationOperation:
                        return true; // the response leaves the flow: whoever gets it may check it

                    default:
                        break;
                }
            }

            return false;
        }

        private static IOperation? SkipConversions(IOperation operation, out IOperation child)
        {
            child = operation;
            var parent = operation.Parent;
            while (parent is IConversionOperation or IParenthesizedOperation)
            {
                child = parent;
                parent = parent.Parent;
            }

            return parent;
        }

        // Publishes inside a try body -------------------------------------------------------------------------------

        private readonly struct FoundPublish
        {
            public FoundPublish(SyntaxNode callSite, string name, Location? innerLocation)
            {
                CallSite = callSite;
                Name = name;
                InnerLocation = innerLocation;
            }

            public SyntaxNode CallSite { get; }

            public string Name { get; }

            public Location? InnerLocation { get; }
        }

        /// <summary>
        /// Finds the first publish (in source order) whose failure reaches the catch: direct calls, calls of helpers and
        /// local functions that publish, lambdas run by a call. Nested <c>try</c> blocks whose own catch swallows are
        /// skipped (they are reported for themselves); sends dispatched after a handler completes never throw here.
        /// </summary>
        private sealed class PublishFinder
        {
            private readonly FlowEngine engine;
            private readonly Symbols symbols;
            private readonly CancellationToken cancellationToken;
            private HashSet<IMethodSymbol>? visitedLocalFunctions;

            public PublishFinder(FlowEngine engine, Symbols symbols, CancellationToken cancellationToken)
            {
                this.engine = engine;
                this.symbols = symbols;
                this.cancellationToken = cancellationToken;
            }

            public FoundPublish? Find(IOperation body)
            {
                var stack = new Stack<IOperation>();
                stack.Push(body);
                while (stack.Count > 0)
                {
                    var operation = stack.Pop();
                    switch (operation)
                    {
                        case ILocalFunctionOperation:
                            continue; // runs where it is called

                        case ITryOperation nested when Swallows(nested):
                            continue;

                        case IInvocationOperation invocation when Classify(invocation) is { } found:
                            return found;
                    }

                    // Push children in reverse so that they are visited in source order.
                    var children = new List<IOperation>(operation.ChildOperations);
                    for (int i = children.Count - 1; i >= 0; i--)
                    {
                        stack.Push(children[i]);
                    }
                }

                return null;
            }

            private bool Swallows(ITryOperation nested)
            {
                foreach (var clause in nested.Catches)
                {
                    if (!Handles(clause, symbols))
                    {
                        return true;
                    }
                }

                return false;
            }

            private FoundPublish? Classify(IInvocationOperation invocation)
            {
                if (!engine.MayBeOrReachEffect(invocation.TargetMethod, cancellationToken))
                {
                    return null;
                }

                var catalogue = engine.Catalogue;
                if (catalogue.TryClassify(invocation, out var effect))
                {
                    return IsThrowingPublish(effect) ? new FoundPublish(invocation.Syntax, effect.OperationName, null) : null;
                }

                var target = invocation.TargetMethod;
                if (target.MethodKind == MethodKind.LocalFunction)
                {
                    return FindInLocalFunction(invocation, target) is { } inLocal
                        ? new FoundPublish(invocation.Syntax, inLocal.Name, inLocal.CallSite.GetLocation())
                        : null;
                }

                if (catalogue.TryClassifyMethod(target, out _))
                {
                    return null; // catalogued, and its condition says it is no effect
                }

                foreach (var callee in engine.ResolveCallees(target, invocation.IsVirtual, cancellationToken))
                {
                    foreach (var occurrence in engine.GetSummary(callee, cancellationToken).Occurrences)
                    {
                        if (IsThrowingPublish(occurrence.Effect))
                        {
                            return new FoundPublish(invocation.Syntax, occurrence.Effect.OperationName, occurrence.EffectLocation);
                        }
                    }
                }

                return null;
            }

            private FoundPublish? FindInLocalFunction(IInvocationOperation invocation, IMethodSymbol localFunction)
            {
                visitedLocalFunctions ??= new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
                if (!visitedLocalFunctions.Add(localFunction.OriginalDefinition) || invocation.SemanticModel is not { } model)
                {
                    return null;
                }

                foreach (var reference in localFunction.OriginalDefinition.DeclaringSyntaxReferences)
                {
                    if (reference.SyntaxTree == model.SyntaxTree
                        && model.GetOperation(reference.GetSyntax(cancellationToken), cancellationToken) is ILocalFunctionOperation { Body: { } body }
                        && Find(body) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            }

            private static bool IsThrowingPublish(Effect effect)
                => effect.Kind == EffectKind.Publish && (effect.Traits & EffectTraits.DeferredDispatch) == 0;
        }

        private sealed class Symbols
        {
            public Symbols(INamedTypeSymbol? operationCanceled, INamedTypeSymbol? exceptionDispatchInfo, INamedTypeSymbol? enumerable, TaskTypes tasks)
            {
                OperationCanceled = operationCanceled;
                ExceptionDispatchInfo = exceptionDispatchInfo;
                Enumerable = enumerable;
                Tasks = tasks;
            }

            public INamedTypeSymbol? OperationCanceled { get; }

            public INamedTypeSymbol? ExceptionDispatchInfo { get; }

            public INamedTypeSymbol? Enumerable { get; }

            public TaskTypes Tasks { get; }
        }
    }
}
