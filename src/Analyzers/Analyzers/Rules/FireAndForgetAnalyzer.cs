using System.Collections.Generic;
using System.Collections.Immutable;
using Consistency.Analyzers.Effects;
using Consistency.Analyzers.Flow;
using Consistency.Analyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Consistency.Analyzers.Rules
{
    /// <summary>
    /// CH0011: a publish or a database write whose task nobody observes — discarded (<c>_ = …</c>, a call statement
    /// without <c>await</c>), handed to a discarded <c>Task.Run</c>/<c>ContinueWith</c>/<c>Task.WhenAll</c>, or awaited
    /// only inside an <c>async void</c> lambda or method. A failure is then never seen and the process may stop first.
    /// <para>
    /// The task is followed upwards from the call: through <c>await</c> and <c>return</c> to the function that carries
    /// it (a lambda's task goes where the lambda goes), through <c>ContinueWith</c>/<c>ConfigureAwait</c> and through
    /// <c>Task.Run</c>/<c>Task.WhenAll</c>/<c>Task.WhenAny</c>; it is observed as soon as it is stored, passed, returned
    /// from a method or awaited in a method that returns a task.
    /// </para>
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class FireAndForgetAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: how the task is lost (a <see cref="LossKind"/> name).</summary>
        public const string LossProperty = "Loss";

        /// <summary>Diagnostic property, present when the first additional location is the expression whose task is discarded.</summary>
        public const string CarrierProperty = "Carrier";

        private static readonly DiagnosticDescriptor Rule = new(
            RuleIdentifiers.FireAndForgetEffect,
            title: "Publish or database write is not awaited",
            messageFormat: "'{0}' {1} but {2}: a failure is never observed and the process can stop before it completes; await it",
            RuleCategories.Reliability,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "A publish or a database write whose task is discarded runs unobserved: when it fails nobody retries, logs or reports it, and when the process stops (a Lambda invocation returns, a host shuts down) it may never complete. Await the task, or return it to a caller that awaits it.",
            helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.FireAndForgetEffect));

        /// <summary>How a task ends up unobserved.</summary>
        public enum LossKind
        {
            /// <summary>The task (or the task that carries it) is discarded with <c>_ =</c> or as a call statement: awaiting it fixes it.</summary>
            Discarded,

            /// <summary>Awaited inside an <c>async void</c> lambda or method: nobody can await that.</summary>
            AsyncVoid,
        }

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
                var tasks = TaskSymbols.Create(compilation);
                if (engine.Catalogue.IsEmpty || tasks is null)
                {
                    return;
                }

                start.RegisterOperationAction(c => AnalyzeInvocation(c, engine, tasks), OperationKind.Invocation);
            });
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, FlowEngine engine, TaskSymbols tasks)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (!tasks.IsTaskLike(invocation.Type))
            {
                return; // cheapest test first: most calls do not return a task
            }

            if (!engine.MayBeOrReachEffect(invocation.TargetMethod, context.CancellationToken))
            {
                return; // no effect of this name, in the catalogue or in the compilation
            }

            if (FindLoss(invocation, context.ContainingSymbol, tasks) is not { } loss)
            {
                return;
            }

            string name;
            string what;
            var additional = new List<Location>();
            if (engine.Catalogue.TryClassify(invocation, out var effect))
            {
                if (!IsCovered(effect))
                {
                    return;
                }

                name = effect.OperationName;
                what = Describe(effect);
            }
            else if (invocation.TargetMethod.MethodKind != MethodKind.LocalFunction
                && FindInHelper(invocation, engine, context.CancellationToken) is { } inner)
            {
                name = invocation.TargetMethod.Name;
                what = Describe(inner.Effect) + " in '" + inner.Effect.OperationName + "'";
                additional.Add(inner.EffectLocation);
            }
            else
            {
                return;
            }

            var properties = ImmutableDictionary<string, string?>.Empty.Add(LossProperty, loss.Kind.ToString());
            if (loss.Carrier != invocation && loss.Carrier is not (IMethodBodyOperation or IBlockOperation or ILocalFunctionOperation))
            {
                additional.Insert(0, loss.Carrier.Syntax.GetLocation());
                properties = properties.Add(CarrierProperty, "1");
            }

            context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Syntax.GetLocation(), additional, properties, name, what, loss.Description));
        }

        private static bool IsCovered(Effect effect) => effect.Kind is EffectKind.Publish or EffectKind.DbWrite;

        private static string Describe(Effect effect) => effect.Kind == EffectKind.Publish ? "publishes" : "writes the database";

        /// <summary>The first publish or write in the body of a helper of the compilation that the call runs.</summary>
        private static EffectOccurrence? FindInHelper(IInvocationOperation invocation, FlowEngine engine, System.Threading.CancellationToken cancellationToken)
        {
            foreach (var callee in engine.ResolveCallees(invocation.TargetMethod, invocation.IsVirtual, cancellationToken))
            {
                foreach (var occurrence in engine.GetSummary(callee, cancellationToken).Occurrences)
                {
                    if (IsCovered(occurrence.Effect))
                    {
                        return occurrence;
                    }
                }
            }

            return null;
        }

        /// <summary>Follows the task of <paramref name="task"/> upwards; null when something observes it.</summary>
        private static Loss? FindLoss(IOperation task, ISymbol containingSymbol, TaskSymbols tasks)
        {
            var current = task;
            for (int guard = 0; guard < 32; guard++)
            {
                var parent = SkipConversions(current, out var child);
                switch (parent)
                {
                    case IExpressionStatementOperation:
                        return new Loss(LossKind.Discarded, current, Phrase(task, current, "its task is discarded"));

                    case ISimpleAssignmentOperation { Target: IDiscardOperation } assignment when assignment.Value == child:
                        return new Loss(LossKind.Discarded, current, Phrase(task, current, "its task is discarded"));

                    case IInvocationOperation continuation when continuation.Instance == child && tasks.IsContinuation(continuation.TargetMethod):
                        current = continuation;
                        continue;

                    case IArgumentOperation { Parent: IInvocationOperation combinator } when tasks.IsCombinator(combinator.TargetMethod):
                        current = combinator;
                        continue;

                    case IArrayInitializerOperation or ICollectionExpressionOperation:
                        // params Task[] / params ReadOnlySpan<Task> of Task.WhenAll: the array goes to the combinator.
                        if (CombinatorOfParams(parent, tasks) is not { } combinatorOfParams)
                        {
                            return null;
                        }

                        current = combinatorOfParams;
                        continue;

                    case IAwaitOperation await:
                        if (FunctionResult(await, containingSymbol, tasks, out var next) is { } lost)
                        {
                            return lost;
                        }

                        if (next is null)
                        {
                            return null;
                        }

                        current = next;
                        continue;

                    case IReturnOperation @return:
                        if (FunctionResult(@return, containingSymbol, tasks, out var returned) is { } lostReturn)
                        {
                            return lostReturn;
                        }

                        if (returned is null)
                        {
                            return null;
                        }

                        current = returned;
                        continue;

                    default:
                        return null; // stored, passed, compared, waited on: observed
                }
            }

            return null;
        }

        /// <summary>
        /// The task of the function that awaits or returns the operation: a method's is its callers' business (unless
        /// it is <c>async void</c>); a lambda's goes where the lambda goes, followed when it is handed to <c>Task.Run</c>.
        /// </summary>
        private static Loss? FunctionResult(IOperation operation, ISymbol containingSymbol, TaskSymbols tasks, out IOperation? next)
        {
            next = null;
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case IAnonymousFunctionOperation lambda:
                        if (lambda.Symbol.ReturnsVoid)
                        {
                            return lambda.Symbol.IsAsync ? new Loss(LossKind.AsyncVoid, lambda, "it is awaited in an async void lambda that nobody awaits") : null;
                        }

                        if (lambda.Parent is IDelegateCreationOperation { Parent: IArgumentOperation { Parent: IInvocationOperation run } } && tasks.IsRun(run.TargetMethod))
                        {
                            next = run;
                        }

                        return null;

                    case ILocalFunctionOperation local:
                        return AsyncVoidMethod(local.Symbol, local);

                    case IMethodBodyOperation or IBlockOperation { Parent: null }:
                        // The driver's containing symbol is the method of this body: no lookup by position needed.
                        return containingSymbol is IMethodSymbol method ? AsyncVoidMethod(method, current) : null;
                }
            }

            return null;
        }

        private static Loss? AsyncVoidMethod(IMethodSymbol method, IOperation at)
            => method.IsAsync && method.ReturnsVoid ? new Loss(LossKind.AsyncVoid, at, "it is awaited in async void '" + method.Name + "' that nobody awaits") : null;

        private static string Phrase(IOperation task, IOperation carrier, string tail)
        {
            if (carrier == task)
            {
                return tail;
            }

            string via = carrier is IInvocationOperation invocation ? invocation.TargetMethod.Name : "the call";
            return "it runs in '" + via + "' whose task is discarded";
        }

        private static IInvocationOperation? CombinatorOfParams(IOperation collection, TaskSymbols tasks)
        {
            var current = collection;
            if (current is IArrayInitializerOperation { Parent: IArrayCreationOperation creation })
            {
                current = creation;
            }

            return SkipConversions(current, out _) is IArgumentOperation { Parent: IInvocationOperation combinator } && tasks.IsCombinator(combinator.TargetMethod)
                ? combinator
                : null;
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

        private readonly struct Loss
        {
            public Loss(LossKind kind, IOperation carrier, string description)
            {
                Kind = kind;
                Carrier = carrier;
                Description = description;
            }

            public LossKind Kind { get; }

            /// <summary>The operation whose task is lost (the call itself, or the Task.Run/ContinueWith/lambda carrying it).</summary>
            public IOperation Carrier { get; }

            public string Description { get; }
        }

        /// <summary>The task types (shared, <see cref="TaskTypes"/>) and the task methods whose result carries another task.</summary>
        private sealed class TaskSymbols
        {
            private readonly TaskTypes types;
            private readonly INamedTypeSymbol? taskFactory;

            private TaskSymbols(TaskTypes types, INamedTypeSymbol? taskFactory)
            {
                this.types = types;
                this.taskFactory = taskFactory;
            }

            /// <summary>Null when the compilation has no <c>Task</c>: then no call returns one.</summary>
            public static TaskSymbols? Create(Compilation compilation)
            {
                var types = TaskTypes.GetOrCreate(compilation);
                return types.Task is null
                    ? null
                    : new TaskSymbols(types, compilation.GetBestTypeByMetadataName("System.Threading.Tasks.TaskFactory"));
            }

            public bool IsTaskLike(ITypeSymbol? type) => types.IsTaskLike(type);

            /// <summary><c>ContinueWith</c>, <c>ConfigureAwait</c>: the result carries the task.</summary>
            public bool IsContinuation(IMethodSymbol method)
                => method.Name is "ContinueWith" or "ConfigureAwait" && IsTaskLike(method.ContainingType);

            /// <summary><c>Task.WhenAll</c>, <c>Task.WhenAny</c>: the result carries the tasks passed.</summary>
            public bool IsCombinator(IMethodSymbol method)
                => method.Name is "WhenAll" or "WhenAny" && SymbolEqualityComparer.Default.Equals(method.ContainingType, types.Task);

            /// <summary><c>Task.Run</c>, <c>Task.Factory.StartNew</c>: the result carries the task of the lambda.</summary>
            public bool IsRun(IMethodSymbol method)
                => (method.Name == "Run" && SymbolEqualityComparer.Default.Equals(method.ContainingType, types.Task))
                    || (method.Name == "StartNew" && SymbolEqualityComparer.Default.Equals(method.ContainingType?.OriginalDefinition, taskFactory));
        }
    }
}
