using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Consistency.Quality
{
    /// <summary>
    /// Wraps an analyzer and adds up the CPU time of the calling thread spent in each of its callbacks (including the
    /// ones registered from start actions), so that the cost is measured without the time spent waiting for a core on a
    /// shared machine. What the driver's telemetry counts as execution time, counted in CPU time.
    /// </summary>
    public sealed class CpuTimedAnalyzer : DiagnosticAnalyzer
    {
        private long ticks;
        private long allocated;
        private long calls;
        private long collections;
        private long pauseTicks;

        public CpuTimedAnalyzer(DiagnosticAnalyzer inner) => Inner = inner;

        public DiagnosticAnalyzer Inner { get; }

        public TimeSpan CpuTime => TimeSpan.FromTicks(Interlocked.Read(ref ticks));

        /// <summary>Bytes allocated by the calling thread inside the callbacks: the garbage collections they cause are charged to whichever code allocates next.</summary>
        public long AllocatedBytes => Interlocked.Read(ref allocated);

        /// <summary>Callbacks measured. Each adds to <see cref="CpuTime"/> the cost of reading the CPU clock (a system call).</summary>
        public long Calls => Interlocked.Read(ref calls);

        /// <summary>
        /// <see cref="CpuTime"/> less what reading the clock cost in each callback (<see cref="MeasureOverheadPerCallMilliseconds"/>),
        /// in milliseconds: the analyzer's own time.
        /// </summary>
        public double CpuMillisecondsLessClockReads(double overheadPerCallMilliseconds)
            => Math.Max(0, CpuTime.TotalMilliseconds - (Calls * overheadPerCallMilliseconds));

        /// <summary>
        /// Garbage collections that began while a callback ran, and their pauses (wall-clock). A collection runs when an
        /// allocation finds the budget spent, wherever that allocation is, so a full collection of the compiler's heap
        /// can land in one analyzer's callback: shown apart so that a figure hit by one can be told from the others.
        /// </summary>
        public long Collections => Interlocked.Read(ref collections);

        /// <inheritdoc cref="Collections"/>
        public TimeSpan CollectionPauses => TimeSpan.FromTicks(Interlocked.Read(ref pauseTicks));

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Inner.SupportedDiagnostics;

        public override void Initialize(AnalysisContext context) => Inner.Initialize(new TimedAnalysisContext(context, this));

        internal Action<T> Wrap<T>(Action<T> action) => argument =>
        {
            var start = ThreadCpuTime.Now;
            long bytes = GC.GetAllocatedBytesForCurrentThread();
            int collected = GC.CollectionCount(0);
            var paused = GC.GetTotalPauseDuration();
            try
            {
                action(argument);
            }
            finally
            {
                Interlocked.Add(ref ticks, (ThreadCpuTime.Now - start).Ticks);
                Interlocked.Add(ref allocated, GC.GetAllocatedBytesForCurrentThread() - bytes);
                Interlocked.Increment(ref calls);
                int during = GC.CollectionCount(0) - collected;
                if (during > 0)
                {
                    Interlocked.Add(ref collections, during);
                    Interlocked.Add(ref pauseTicks, (GC.GetTotalPauseDuration() - paused).Ticks);
                }
            }
        };

        // A start action's context is wrapped too, so that the actions it registers (an operation block's operation and
        // end actions, a symbol's or a code block's) are timed like the others. The wrapping context is built before the
        // clock starts: one per block is the benchmark's cost, not the analyzer's.
        private Action<SymbolStartAnalysisContext> WrapStart(Action<SymbolStartAnalysisContext> action)
        {
            var timed = Wrap(action);
            return start => timed(new TimedSymbolStartContext(start, this));
        }

        private Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> WrapStart<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action)
            where TLanguageKindEnum : struct
        {
            var timed = Wrap(action);
            return start => timed(new TimedCodeBlockStartContext<TLanguageKindEnum>(start, this));
        }

        private Action<OperationBlockStartAnalysisContext> WrapStart(Action<OperationBlockStartAnalysisContext> action)
        {
            var timed = Wrap(action);
            return start => timed(new TimedOperationBlockStartContext(start, this));
        }

        /// <summary>
        /// What measuring one callback adds to <see cref="CpuTime"/>, found by measuring an empty callback the same way on
        /// the calling thread: the median of several batches. A loop over an empty callback reads the clock with warm
        /// caches, so this is if anything less than the overhead in a real callback, and subtracting it never
        /// flatters an analyzer.
        /// </summary>
        public static double MeasureOverheadPerCallMilliseconds(int batches = 7, int callsPerBatch = 20_000)
        {
            var perCall = new double[batches];
            Action<int> empty = _ => { };
            for (int b = 0; b < batches; b++)
            {
                var probe = new CpuTimedAnalyzer(new NoAnalyzer());
                var wrapped = probe.Wrap(empty);
                for (int i = 0; i < callsPerBatch; i++)
                {
                    wrapped(i);
                }

                perCall[b] = probe.CpuTime.TotalMilliseconds / callsPerBatch;
            }

            Array.Sort(perCall);
            return perCall[batches / 2];
        }

        private sealed class NoAnalyzer : DiagnosticAnalyzer
        {
            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray<DiagnosticDescriptor>.Empty;

            public override void Initialize(AnalysisContext context)
            {
            }
        }

        private sealed class TimedAnalysisContext : AnalysisContext
        {
            private readonly AnalysisContext context;
            private readonly CpuTimedAnalyzer owner;

            public TimedAnalysisContext(AnalysisContext context, CpuTimedAnalyzer owner)
            {
                this.context = context;
                this.owner = owner;
            }

            public override void EnableConcurrentExecution() => context.EnableConcurrentExecution();

            public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) => context.ConfigureGeneratedCodeAnalysis(analysisMode);

            public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action)
                => context.RegisterCompilationStartAction(owner.Wrap<CompilationStartAnalysisContext>(start => action(new TimedCompilationStartContext(start, owner))));

            public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => context.RegisterCompilationAction(owner.Wrap(action));

            public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => context.RegisterSyntaxTreeAction(owner.Wrap(action));

            public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => context.RegisterAdditionalFileAction(owner.Wrap(action));

            public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => context.RegisterSemanticModelAction(owner.Wrap(action));

            public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => context.RegisterSymbolAction(owner.Wrap(action), symbolKinds);

            public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) => context.RegisterSymbolStartAction(owner.WrapStart(action), symbolKind);

            public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => context.RegisterCodeBlockStartAction(owner.WrapStart(action));

            public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => context.RegisterCodeBlockAction(owner.Wrap(action));

            public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => context.RegisterSyntaxNodeAction(owner.Wrap(action), syntaxKinds);

            public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => context.RegisterOperationBlockStartAction(owner.WrapStart(action));

            public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => context.RegisterOperationBlockAction(owner.Wrap(action));

            public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => context.RegisterOperationAction(owner.Wrap(action), operationKinds);
        }

        private sealed class TimedCompilationStartContext : CompilationStartAnalysisContext
        {
            private readonly CompilationStartAnalysisContext context;
            private readonly CpuTimedAnalyzer owner;

            public TimedCompilationStartContext(CompilationStartAnalysisContext context, CpuTimedAnalyzer owner)
                : base(context.Compilation, context.Options, context.CancellationToken)
            {
                this.context = context;
                this.owner = owner;
            }

            public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => context.RegisterCompilationEndAction(owner.Wrap(action));

            public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => context.RegisterSyntaxTreeAction(owner.Wrap(action));

            public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => context.RegisterAdditionalFileAction(owner.Wrap(action));

            public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => context.RegisterSemanticModelAction(owner.Wrap(action));

            public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => context.RegisterSymbolAction(owner.Wrap(action), symbolKinds);

            public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) => context.RegisterSymbolStartAction(owner.WrapStart(action), symbolKind);

            public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => context.RegisterCodeBlockStartAction(owner.WrapStart(action));

            public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => context.RegisterCodeBlockAction(owner.Wrap(action));

            public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => context.RegisterSyntaxNodeAction(owner.Wrap(action), syntaxKinds);

            public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => context.RegisterOperationBlockStartAction(owner.WrapStart(action));

            public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => context.RegisterOperationBlockAction(owner.Wrap(action));

            public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => context.RegisterOperationAction(owner.Wrap(action), operationKinds);
        }

        // The nested start contexts below forward every registration. Their non-virtual properties that the public
        // constructors cannot set (IsGeneratedCode, FilterTree, FilterSpan) keep their defaults; no rule of ours reads
        // them from a start context.
        private sealed class TimedSymbolStartContext : SymbolStartAnalysisContext
        {
            private readonly SymbolStartAnalysisContext context;
            private readonly CpuTimedAnalyzer owner;

            public TimedSymbolStartContext(SymbolStartAnalysisContext context, CpuTimedAnalyzer owner)
#pragma warning disable CS0618 // Obsolete for contexts an analyzer would drive itself; this one forwards every registration to the driver's.
                : base(context.Symbol, context.Compilation, context.Options, context.CancellationToken)
#pragma warning restore CS0618
            {
                this.context = context;
                this.owner = owner;
            }

            public override void RegisterSymbolEndAction(Action<SymbolAnalysisContext> action) => context.RegisterSymbolEndAction(owner.Wrap(action));

            public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => context.RegisterCodeBlockStartAction(owner.WrapStart(action));

            public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => context.RegisterCodeBlockAction(owner.Wrap(action));

            public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => context.RegisterSyntaxNodeAction(owner.Wrap(action), syntaxKinds);

            public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => context.RegisterOperationBlockStartAction(owner.WrapStart(action));

            public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => context.RegisterOperationBlockAction(owner.Wrap(action));

            public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => context.RegisterOperationAction(owner.Wrap(action), operationKinds);
        }

        private sealed class TimedCodeBlockStartContext<TLanguageKindEnum> : CodeBlockStartAnalysisContext<TLanguageKindEnum>
            where TLanguageKindEnum : struct
        {
            private readonly CodeBlockStartAnalysisContext<TLanguageKindEnum> context;
            private readonly CpuTimedAnalyzer owner;

            public TimedCodeBlockStartContext(CodeBlockStartAnalysisContext<TLanguageKindEnum> context, CpuTimedAnalyzer owner)
#pragma warning disable CS0618 // Obsolete for contexts an analyzer would drive itself; this one forwards every registration to the driver's.
                : base(context.CodeBlock, context.OwningSymbol, context.SemanticModel, context.Options, context.CancellationToken)
#pragma warning restore CS0618
            {
                this.context = context;
                this.owner = owner;
            }

            public override void RegisterCodeBlockEndAction(Action<CodeBlockAnalysisContext> action) => context.RegisterCodeBlockEndAction(owner.Wrap(action));

            public override void RegisterSyntaxNodeAction(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => context.RegisterSyntaxNodeAction(owner.Wrap(action), syntaxKinds);
        }

        /// <summary>
        /// The actions registered are the driver's own, timed. (<see cref="OperationBlockStartAnalysisContext.GetControlFlowGraph"/>
        /// cannot be forwarded, it is not virtual: asked here it builds a graph instead of the driver's cached one. The end
        /// action's context is the driver's and shares its graphs.)
        /// </summary>
        private sealed class TimedOperationBlockStartContext : OperationBlockStartAnalysisContext
        {
            private readonly OperationBlockStartAnalysisContext context;
            private readonly CpuTimedAnalyzer owner;

            public TimedOperationBlockStartContext(OperationBlockStartAnalysisContext context, CpuTimedAnalyzer owner)
#pragma warning disable CS0618 // Obsolete for contexts an analyzer would drive itself; this one forwards every registration to the driver's.
                : base(context.OperationBlocks, context.OwningSymbol, context.Compilation, context.Options, context.CancellationToken)
#pragma warning restore CS0618
            {
                this.context = context;
                this.owner = owner;
            }

            public override void RegisterOperationBlockEndAction(Action<OperationBlockAnalysisContext> action) => context.RegisterOperationBlockEndAction(owner.Wrap(action));

            public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => context.RegisterOperationAction(owner.Wrap(action), operationKinds);
        }
    }
}
