using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Consistency.Quality;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Consistency.Benchmarks
{
    /// <summary>
    /// What the analyzers cost the whole process, whoever does the work. The single-threaded measurement times the
    /// analyzers' callbacks; it does not see the analyzer driver's dispatch of their actions, nor work that moves between
    /// the driver and a callback. Here the figure is the CPU time of every thread of the process over the analysis, with
    /// our analyzers and with a single analyzer that does nothing but register an operation-block action (which makes the
    /// driver bind every method body into IOperation trees, as any IOperation analyzer does, the SDK's included); the
    /// difference is what ours add. Measured three times: single-threaded, as the table of the in-process measurement;
    /// single-threaded with the files in the reverse order (callers before the methods they call); and concurrent, as a
    /// build and the IDE run the analyzers (the compilation binds on several threads and the driver runs the analyzers in
    /// no fixed order). The driver's telemetry of the same passes shows where the time is charged: a
    /// method analysed before the methods it calls binds their bodies inside its own callback, and the driver later finds
    /// them bound; the compiler binds them again (<see cref="EarlyBindingBenchmark"/>).
    /// </summary>
    internal static class WholeProcessBenchmark
    {
        private const int WarmUpRounds = 4;

        public static async Task RunAsync(int unitLines, int scale, int rounds)
        {
            Console.WriteLine($"## Whole-process CPU ({scale}x): with our analyzers and with a do-nothing IOperation analyzer");
            Console.WriteLine();

            var sources = ServiceCodeGenerator.Generate(ServiceCodeGenerator.ModulesFor(unitLines) * scale);
            var inOrder = QualityCompilation.ParseAll(sources);

            // The generated files list the methods a service calls before the service, so a single-threaded analysis
            // reaches callees first; in the reverse order it reaches callers first, as a project whose files sort the
            // other way would.
            var reversed = Enumerable.Reverse(inOrder).ToList();
            var doNothing = ImmutableArray.Create<DiagnosticAnalyzer>(new DoNothingOperationAnalyzer());
            var rows = new List<string>();
            var perAnalyzer = new List<string>();
            var modes = new (string Name, bool Concurrent, List<SyntaxTree> Trees)[]
            {
                ("single-threaded (as the table above)", false, inOrder),
                ("single-threaded, files in reverse order", false, reversed),
                ("concurrent (as a build and the IDE run)", true, inOrder),
            };
            foreach (var (mode, concurrent, trees) in modes)
            {
                var compiler = new List<double>();
                var baseline = new List<double>();
                var ours = new List<double>();
                var telemetry = new List<IReadOnlyDictionary<string, double>>();

                // Unmeasured rounds first: the code paths of each mode (the concurrent driver's above all, which the
                // single-threaded measurements before never ran) are compiled just in time over the first rounds, and
                // a round measured then counts that compilation on the runtime's threads.
                for (int round = 0; round < WarmUpRounds; round++)
                {
                    await InProcessBenchmark.AnalyzeAsync(trees, doNothing, logExecutionTime: true, concurrent).ConfigureAwait(false);
                    await InProcessBenchmark.AnalyzeAsync(trees, ProductComponents.CreateAnalyzers(), logExecutionTime: true, concurrent).ConfigureAwait(false);
                }

                // Alternating rounds, so that a slower spell of the machine falls on all three.
                for (int round = 0; round < rounds; round++)
                {
                    compiler.Add(MeasureCompiler(trees, concurrent));
                    baseline.Add((await InProcessBenchmark.AnalyzeAsync(trees, doNothing, logExecutionTime: true, concurrent).ConfigureAwait(false)).ProcessCpuMs);
                    var analyzers = ProductComponents.CreateAnalyzers();
                    var (analysis, _, processCpuMs) = await InProcessBenchmark.AnalyzeAsync(trees, analyzers, logExecutionTime: true, concurrent).ConfigureAwait(false);
                    ours.Add(processCpuMs);
                    telemetry.Add(await InProcessBenchmark.ReadTelemetryAsync(analysis, analyzers).ConfigureAwait(false));
                    Console.WriteLine($"{mode}, round {round + 1}: process CPU (ms) compiler {compiler[round]:F0}, do-nothing analyzer {baseline[round]:F0}, ours {ours[round]:F0}; telemetry of ours {telemetry[round].Values.Sum():F0}");
                }

                double compilerMs = Median(compiler), baselineMs = Median(baseline), oursMs = Median(ours);
                var telemetryMs = telemetry[0].Keys.ToDictionary(k => k, k => Median(telemetry.Select(t => t[k]).ToList()), StringComparer.Ordinal);
                double telemetryTotal = telemetryMs.Values.Sum();
                rows.Add($"| {mode} | {compilerMs:F0} | {baselineMs:F0} | {oursMs:F0} | {oursMs - baselineMs:F0} | {InProcessBenchmark.Percent(oursMs - baselineMs, compilerMs)} | {telemetryTotal:F0} | {InProcessBenchmark.Percent(telemetryTotal, compilerMs)} |");
                perAnalyzer.Add($"telemetry per analyzer, {mode} (ms, median): " + string.Join(", ", telemetryMs.Select(p => $"{p.Key} {p.Value:F0}")));
            }

            Console.WriteLine();
            Console.WriteLine("| compilation and analysis | compiler, process CPU (ms) | analysis with a do-nothing IOperation analyzer (ms) | with ours (ms) | added by ours (ms) | added / compiler | telemetry of ours (ms) | telemetry / compiler |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|");
            rows.ForEach(Console.WriteLine);
            Console.WriteLine($"(medians of {rounds} alternating rounds after {WarmUpRounds} unmeasured ones per mode, each on a fresh compilation; process CPU counts every thread, the runtime's included)");
            perAnalyzer.ForEach(Console.WriteLine);
            Console.WriteLine();
        }

        private static double MeasureCompiler(List<SyntaxTree> trees, bool concurrent)
        {
            InProcessBenchmark.Collect();
            var compilation = QualityCompilation.Create("Bench", trees, concurrentBuild: concurrent);
            var before = InProcessBenchmark.ProcessCpu();
            _ = compilation.GetDiagnostics();
            return (InProcessBenchmark.ProcessCpu() - before).TotalMilliseconds;
        }

        internal static double Median(List<double> values)
        {
            var sorted = values.OrderBy(v => v).ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        }

        /// <summary>Registers an operation-block action that does nothing: the driver binds every body for it, as for any IOperation analyzer.</summary>
        [DiagnosticAnalyzer(LanguageNames.CSharp)]
        private sealed class DoNothingOperationAnalyzer : DiagnosticAnalyzer
        {
            private static readonly DiagnosticDescriptor Rule = new("BENCH0001", "Nothing", "Nothing", "Benchmark", DiagnosticSeverity.Warning, isEnabledByDefault: true);

            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

            public override void Initialize(AnalysisContext context)
            {
                context.EnableConcurrentExecution();
                context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
                context.RegisterOperationBlockAction(_ => { });
            }
        }
    }
}
