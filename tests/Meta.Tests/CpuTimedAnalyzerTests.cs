using System;
using System.Collections.Concurrent;
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
            foreach (var kind in CallbackCountingAnalyzer.NestedKinds)
            {
                Assert.True(counting.CallsOf(kind) > 0, $"No {kind} callback ran: the test would not tell whether it is timed.");
            }

            Assert.Equal(counting.All, timed.Calls);
        }

        [DiagnosticAnalyzer(LanguageNames.CSharp)]
        private sealed class CallbackCountingAnalyzer : DiagnosticAnalyzer
        {
            // The driver runs no analyzer whose every diagnostic is off: one it never reports keeps this one running.
            private static readonly DiagnosticDescriptor Unreported = new("TIMED0001", "Unreported", "Unreported", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

            public static readonly ImmutableArray<string> NestedKinds = ImmutableArray.Create(
                "symbol end", "operation", "operation block end", "syntax node", "code block end");

            private readonly ConcurrentDictionary<string, int> calls = new(StringComparer.Ordinal);
            private int all;

            public int All => Volatile.Read(ref all);

            public int CallsOf(string kind) => calls.TryGetValue(kind, out int count) ? count : 0;

            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Unreported);

            public override void Initialize(AnalysisContext context)
            {
                context.EnableConcurrentExecution();
                context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
                context.RegisterCompilationStartAction(start =>
                {
                    Count("compilation start");
                    start.RegisterSymbolStartAction(
                        symbol =>
                        {
                            Count("symbol start");
                            symbol.RegisterSymbolEndAction(_ => Count("symbol end"));
                        },
                        SymbolKind.NamedType);
                    start.RegisterOperationBlockStartAction(block =>
                    {
                        Count("operation block start");
                        block.RegisterOperationAction(_ => Count("operation"), OperationKind.Invocation);
                        block.RegisterOperationBlockEndAction(_ => Count("operation block end"));
                    });
                    start.RegisterCodeBlockStartAction<SyntaxKind>(block =>
                    {
                        Count("code block start");
                        block.RegisterSyntaxNodeAction(_ => Count("syntax node"), SyntaxKind.InvocationExpression);
                        block.RegisterCodeBlockEndAction(_ => Count("code block end"));
                    });
                });
            }

            private void Count(string kind)
            {
                Interlocked.Increment(ref all);
                calls.AddOrUpdate(kind, 1, (_, count) => count + 1);
            }
        }
    }
}
