using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Consistency.Quality;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Consistency.Meta.Tests
{
    /// <summary>
    /// The cost benchmark's timing wrapper must time every callback an analyzer registers, including those registered
    /// from a symbol's, a code block's or an operation block's start action: a rule that moves its work there would
    /// otherwise look free.
    /// </summary>
    public class CpuTimedAnalyzerTests
    {
        private const string Source = """
            class Orders
            {
                private int count;

                int Next() => Add(1);

                int Add(int amount)
                {
                    count += amount;
                    return Add2(count);
                }

                static int Add2(int value) => value + 2;
            }
            """;

        [Fact]
        public async Task EveryCallback_IsTimed_NestedOnesIncluded()
        {
            var counting = new CallbackCountingAnalyzer();
            var timed = new CpuTimedAnalyzer(counting);
            var compilation = QualityCompilation.Create("Timed", new[] { ("Orders.cs", Source) });
            var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false);

            await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(timed), options).GetAnalyzerDiagnosticsAsync(CancellationToken.None);

            // One compilation start; per type a symbol start and end; per method an operation block start, its
            // invocations and its end, and a code block start, its invocation nodes and its end.
            Assert.True(counting.Nested > 0, "The analyzer registered no nested action that ran.");
            Assert.Equal(counting.All, timed.Calls);
        }

        [DiagnosticAnalyzer(LanguageNames.CSharp)]
        private sealed class CallbackCountingAnalyzer : DiagnosticAnalyzer
        {
            // The driver runs no analyzer whose every diagnostic is off: one it never reports keeps this one running.
            private static readonly DiagnosticDescriptor Unreported = new("TIMED0001", "Unreported", "Unreported", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

            private int all;
            private int nested;

            public int All => Volatile.Read(ref all);

            public int Nested => Volatile.Read(ref nested);

            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Unreported);

            public override void Initialize(AnalysisContext context)
            {
                context.EnableConcurrentExecution();
                context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
                context.RegisterCompilationStartAction(start =>
                {
                    Count(nestedCall: false);
                    start.RegisterSymbolStartAction(
                        symbol =>
                        {
                            Count(nestedCall: false);
                            symbol.RegisterSymbolEndAction(_ => Count(nestedCall: true));
                        },
                        SymbolKind.NamedType);
                    start.RegisterOperationBlockStartAction(block =>
                    {
                        Count(nestedCall: false);
                        block.RegisterOperationAction(_ => Count(nestedCall: true), OperationKind.Invocation);
                        block.RegisterOperationBlockEndAction(_ => Count(nestedCall: true));
                    });
                    start.RegisterCodeBlockStartAction<SyntaxKind>(block =>
                    {
                        Count(nestedCall: false);
                        block.RegisterSyntaxNodeAction(_ => Count(nestedCall: true), SyntaxKind.InvocationExpression);
                        block.RegisterCodeBlockEndAction(_ => Count(nestedCall: true));
                    });
                });
            }

            private void Count(bool nestedCall)
            {
                Interlocked.Increment(ref all);
                if (nestedCall)
                {
                    Interlocked.Increment(ref nested);
                }
            }
        }
    }
}
