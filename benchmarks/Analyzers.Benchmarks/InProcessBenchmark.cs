using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Consistency.Quality;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Consistency.Benchmarks
{
    /// <summary>
    /// Analyzer execution time (the driver's per-analyzer telemetry) against the compiler's binding time
    /// (<c>GetDiagnostics</c>: declarations, every method body, flow analysis) on the same compilation, both
    /// single-threaded so that the ratio compares CPU time with CPU time. Each figure is the minimum of the
    /// repetitions, each on a fresh compilation (nothing cached from the previous one).
    /// </summary>
    internal static class InProcessBenchmark
    {
        public static async Task RunAsync(int unitLines, int[] scales, int repetitions)
        {
            Console.WriteLine("## In-process: analyzer execution time / compiler binding time");
            Console.WriteLine();

            // Warm-up: JIT the compiler and the analyzers on a small compilation.
            var warmUp = ServiceCodeGenerator.Generate(2);
            await MeasureAsync(warmUp).ConfigureAwait(false);

            var rows = new List<(int Scale, int Files, int Lines, Measurement Result)>();
            int unitModules = ServiceCodeGenerator.ModulesFor(unitLines);
            foreach (int scale in scales)
            {
                var sources = ServiceCodeGenerator.Generate(unitModules * scale);
                int lines = sources.Sum(s => ServiceCodeGenerator.CountLines(s.Text));
                Measurement? best = null;
                for (int r = 0; r < repetitions; r++)
                {
                    var measurement = await MeasureAsync(sources).ConfigureAwait(false);
                    best = best is null ? measurement : best.Min(measurement);
                }

                rows.Add((scale, sources.Count, lines, best!));
            }

            var analyzerNames = rows[0].Result.AnalyzerTimes.Keys.ToList();
            Console.WriteLine("| scale | files | lines | compiler (ms) | all analyzers (ms) | ratio | " + string.Join(" | ", analyzerNames.Select(n => n + " ratio")) + " | diagnostics |");
            Console.WriteLine("|---|---|---|---|---|---|" + string.Concat(analyzerNames.Select(_ => "---|")) + "---|");
            foreach (var (scale, files, lines, result) in rows)
            {
                double total = result.AnalyzerTimes.Values.Sum();
                Console.WriteLine(
                    $"| {scale}x | {files} | {lines:N0} | {result.CompilerMs:F0} | {total:F1} | {Percent(total, result.CompilerMs)} | "
                    + string.Join(" | ", analyzerNames.Select(n => Percent(result.AnalyzerTimes[n], result.CompilerMs)))
                    + $" | {string.Join(", ", result.DiagnosticCounts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "×" + p.Value))} |");
            }

            Console.WriteLine();
            var first = rows[0];
            foreach (var row in rows.Skip(1))
            {
                double lineGrowth = (double)row.Lines / first.Lines;
                double compilerGrowth = row.Result.CompilerMs / first.Result.CompilerMs;
                double analyzerGrowth = row.Result.AnalyzerTimes.Values.Sum() / Math.Max(0.001, first.Result.AnalyzerTimes.Values.Sum());
                Console.WriteLine($"growth {row.Scale}x vs 1x: lines ×{lineGrowth:F1}, compiler time ×{compilerGrowth:F1}, analyzer time ×{analyzerGrowth:F1}");
            }

            Console.WriteLine();
        }

        internal static string Percent(double part, double whole) => whole <= 0 ? "n/a" : (100 * part / whole).ToString("F2", System.Globalization.CultureInfo.InvariantCulture) + "%";

        private static async Task<Measurement> MeasureAsync(IReadOnlyList<(string Path, string Text)> sources)
        {
            var trees = sources.Select(s => QualityCompilation.Parse(s.Path, s.Text)).ToList();

            // The compiler alone, on its own fresh compilation.
            Collect();
            var compilation = QualityCompilation.Create("Bench", trees, concurrentBuild: false);
            var stopwatch = Stopwatch.StartNew();
            var compilerDiagnostics = compilation.GetDiagnostics();
            double compilerMs = stopwatch.Elapsed.TotalMilliseconds;
            var errors = compilerDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count > 0)
            {
                throw new InvalidOperationException("The generated service code does not compile:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Take(20)));
            }

            // The analyzers, on another fresh compilation of the same trees.
            Collect();
            var analyzers = ProductComponents.CreateAnalyzers();
            var exceptions = new List<string>();
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (exception, analyzer, _) => { lock (exceptions) { exceptions.Add(analyzer.GetType().Name + ": " + exception); } },
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: true,
                reportSuppressedDiagnostics: false);
            var withAnalyzers = QualityCompilation.Create("Bench", trees, concurrentBuild: false).WithAnalyzers(analyzers, options);
            var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).ConfigureAwait(false);
            if (exceptions.Count > 0 || diagnostics.Any(d => d.Id == "AD0001"))
            {
                throw new InvalidOperationException("An analyzer threw: " + string.Join(Environment.NewLine, exceptions));
            }

            var times = new SortedDictionary<string, double>(StringComparer.Ordinal);
            foreach (var analyzer in analyzers)
            {
                var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).ConfigureAwait(false);
                times[ProductComponents.Describe(analyzer)] = telemetry.ExecutionTime.TotalMilliseconds;
            }

            var counts = diagnostics.GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            return new Measurement(compilerMs, times, counts);
        }

        private static void Collect()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }

        internal sealed class Measurement
        {
            public Measurement(double compilerMs, IReadOnlyDictionary<string, double> analyzerTimes, IReadOnlyDictionary<string, int> diagnosticCounts)
            {
                CompilerMs = compilerMs;
                AnalyzerTimes = analyzerTimes;
                DiagnosticCounts = diagnosticCounts;
            }

            public double CompilerMs { get; }

            public IReadOnlyDictionary<string, double> AnalyzerTimes { get; }

            public IReadOnlyDictionary<string, int> DiagnosticCounts { get; }

            public Measurement Min(Measurement other)
                => new(
                    Math.Min(CompilerMs, other.CompilerMs),
                    AnalyzerTimes.ToDictionary(p => p.Key, p => Math.Min(p.Value, other.AnalyzerTimes.TryGetValue(p.Key, out var o) ? o : p.Value), StringComparer.Ordinal),
                    DiagnosticCounts);
        }
    }
}
