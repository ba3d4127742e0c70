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
    /// Analyzer execution time against the compiler's binding time (<c>GetDiagnostics</c>: declarations, every method
    /// body, flow analysis) on the same compilation, both single-threaded. Two measures: CPU time of the thread inside
    /// each analyzer's callbacks against the compiler's thread CPU time (robust on a machine shared with other work),
    /// and the driver's own telemetry (<c>logAnalyzerExecutionTime</c>, wall-clock) against the compiler's wall-clock
    /// time, from a pass of its own without the CPU timer. Each figure is the minimum of the repetitions, each on a
    /// fresh compilation (nothing cached from the previous one). Reading a thread's CPU clock is a system call: what it
    /// adds to each callback, measured on an empty callback, is subtracted from the CPU figures (and shown). The
    /// analyzers' compilation has its declarations built before they start: that is compiler work counted in the
    /// compiler's time, done once whatever analyzers run.
    /// </summary>
    internal static class InProcessBenchmark
    {
        public static async Task RunAsync(int unitLines, int[] scales, int repetitions)
        {
            Console.WriteLine("## In-process: analyzer execution time / compiler binding time");
            Console.WriteLine();

            await WarmUpAsync(ServiceCodeGenerator.Generate(ServiceCodeGenerator.ModulesFor(unitLines))).ConfigureAwait(false);

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
                    if (measurement.Collections.Count > 0)
                    {
                        // The CPU figures include these: a repetition hit by a full collection is told apart this way.
                        Console.WriteLine($"{scale}x repetition {r + 1}: garbage collections that began in callbacks: "
                            + string.Join(", ", measurement.Collections.Select(p => $"{p.Key} {p.Value.Count} ({p.Value.PauseMs:F0} ms paused)")));
                    }

                    best = best is null ? measurement : best.Min(measurement);
                }

                rows.Add((scale, sources.Count, lines, best!));
            }

            var analyzerNames = rows[0].Result.AnalyzerTimes.Keys.ToList();
            Console.WriteLine("| scale | files | lines | compiler CPU (ms) | all analyzers CPU (ms) | CPU ratio | " + string.Join(" | ", analyzerNames.Select(n => n + " CPU ratio")) + " | compiler wall (ms) | telemetry (ms) | telemetry ratio | analyzers allocated (MB) | callbacks | clock reads subtracted (ms) | diagnostics |");
            Console.WriteLine("|---|---|---|---|---|---|" + string.Concat(analyzerNames.Select(_ => "---|")) + "---|---|---|---|---|---|---|");
            foreach (var (scale, files, lines, result) in rows)
            {
                double total = result.AnalyzerCpuMs;
                double telemetry = result.TelemetryTimes.Values.Sum();
                Console.WriteLine(
                    $"| {scale}x | {files} | {lines:N0} | {result.CompilerCpuMs:F0} | {total:F1} | {Percent(total, result.CompilerCpuMs)} | "
                    + string.Join(" | ", analyzerNames.Select(n => Percent(result.AnalyzerTimes[n], result.CompilerCpuMs)))
                    + $" | {result.CompilerMs:F0} | {telemetry:F1} | {Percent(telemetry, result.CompilerMs)} | {result.AllocatedMegabytes:F1} | {result.Callbacks:N0} | {result.Callbacks * result.OverheadPerCallMicroseconds / 1000:F1} ({result.OverheadPerCallMicroseconds:F2} µs each)"
                    + $" | {string.Join(", ", result.DiagnosticCounts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "×" + p.Value))} |");
            }

            Console.WriteLine();
            foreach (var (scale, _, _, result) in rows)
            {
                Console.WriteLine($"telemetry {scale}x, per analyzer (ms, ratio to the compiler's wall-clock): "
                    + string.Join(", ", analyzerNames.Select(n => $"{n} {result.TelemetryTimes[n]:F1} ({Percent(result.TelemetryTimes[n], result.CompilerMs)})")));
            }

            Console.WriteLine();
            var first = rows[0];
            foreach (var row in rows.Skip(1))
            {
                double lineGrowth = (double)row.Lines / first.Lines;
                double compilerGrowth = row.Result.CompilerCpuMs / first.Result.CompilerCpuMs;
                double analyzerGrowth = row.Result.AnalyzerCpuMs / Math.Max(0.001, first.Result.AnalyzerCpuMs);
                Console.WriteLine($"growth {row.Scale}x vs 1x: lines ×{lineGrowth:F1}, compiler CPU ×{compilerGrowth:F1}, analyzer CPU ×{analyzerGrowth:F1}");
            }

            Console.WriteLine();
        }

        /// <summary>
        /// Runs the 1x compilation until the analyzers run at their steady speed, and prints each run with the compiler's
        /// time beside it. The analyzers are compiled just in time, first unoptimized, then with instrumentation, and
        /// only then optimized, method by method as calls accumulate, and the instrumented code is the slowest of the
        /// three: on this machine that lasted about a dozen analyses of the code (each run analyses it twice, timed and
        /// for the telemetry). (The compiler is precompiled; it speeds up over the first few runs too, and has settled
        /// well before the analyzers.) Measured before that, a row compares code at different stages of that process;
        /// the first run is what a fresh compiler process pays (just-in-time compilation included), and is printed as
        /// such.
        /// </summary>
        private static async Task WarmUpAsync(IReadOnlyList<(string Path, string Text)> sources)
        {
            const int MinimumRuns = 8, MaximumRuns = 30, SettledRuns = 3;
            double fastest = double.MaxValue;
            int settled = 0;
            var runs = new List<string>();
            for (int run = 1; run <= MaximumRuns && settled < SettledRuns; run++)
            {
                var measurement = await MeasureAsync(sources).ConfigureAwait(false);
                double analyzers = measurement.AnalyzerCpuMs;
                runs.Add($"{analyzers:F0}/{measurement.CompilerCpuMs:F0}");
                if (run == 1)
                {
                    Console.WriteLine($"first compilation of the process (1x, fresh compiler process, just-in-time compilation included): analyzers {analyzers:F0} ms CPU, compiler {measurement.CompilerCpuMs:F0} ms CPU, {Percent(analyzers, measurement.CompilerCpuMs)}");
                }

                // Settled: three runs in a row within 15% of the fastest so far, none of them clearly faster than it
                // (a clear new low means the code is still being optimized), after enough runs for the instrumented
                // stage to have begun.
                bool newLow = analyzers * 1.15 < fastest;
                settled = run >= MinimumRuns && !newLow && analyzers <= fastest * 1.15 ? settled + 1 : 0;
                fastest = Math.Min(fastest, analyzers);
            }

            Console.WriteLine($"warm-up runs at 1x, analyzers/compiler CPU (ms): {string.Join(", ", runs)}");
            Console.WriteLine();
        }

        internal static string Percent(double part, double whole) => whole <= 0 ? "n/a" : (100 * part / whole).ToString("F2", System.Globalization.CultureInfo.InvariantCulture) + "%";

        private static async Task<Measurement> MeasureAsync(IReadOnlyList<(string Path, string Text)> sources)
        {
            var trees = QualityCompilation.ParseAll(sources);

            // The compiler alone, on its own fresh compilation.
            Collect();
            var compilation = QualityCompilation.Create("Bench", trees, concurrentBuild: false);
            var cpu = ThreadCpuTime.Now;
            var stopwatch = Stopwatch.StartNew();
            var compilerDiagnostics = compilation.GetDiagnostics();
            double compilerMs = stopwatch.Elapsed.TotalMilliseconds;
            double compilerCpuMs = (ThreadCpuTime.Now - cpu).TotalMilliseconds;
            var errors = compilerDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count > 0)
            {
                throw new InvalidOperationException("The generated service code does not compile:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Take(20)));
            }

            // The analyzers, on another fresh compilation of the same trees.
            var timed = ProductComponents.CreateAnalyzers().Select(a => new CpuTimedAnalyzer(a)).ToImmutableArray();
            var (_, diagnostics, _) = await AnalyzeAsync(trees, timed.CastArray<DiagnosticAnalyzer>(), logExecutionTime: false, concurrent: false).ConfigureAwait(false);

            // Each measured callback also pays for reading the thread's CPU clock (a system call, about half a
            // microsecond here); small callbacks run hundreds of thousands of times at 16x, so that is subtracted.
            double overheadPerCallMs = CpuTimedAnalyzer.MeasureOverheadPerCallMilliseconds();
            long allocated = 0;
            long callbacks = 0;
            var collections = new SortedDictionary<string, (long Count, double PauseMs)>(StringComparer.Ordinal);
            var times = new SortedDictionary<string, double>(StringComparer.Ordinal);
            foreach (var analyzer in timed)
            {
                times[ProductComponents.Describe(analyzer.Inner)] = analyzer.CpuMillisecondsLessClockReads(overheadPerCallMs);
                allocated += analyzer.AllocatedBytes;
                callbacks += analyzer.Calls;
                if (analyzer.Collections > 0)
                {
                    collections[ProductComponents.Describe(analyzer.Inner)] = (analyzer.Collections, analyzer.CollectionPauses.TotalMilliseconds);
                }
            }

            var counts = diagnostics.GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var telemetryTimes = await MeasureTelemetryAsync(trees, diagnostics).ConfigureAwait(false);
            return new Measurement(compilerMs, compilerCpuMs, times, telemetryTimes, counts, allocated / (1024.0 * 1024.0), callbacks, overheadPerCallMs * 1000)
            {
                Collections = collections,
            };
        }

        /// <summary>
        /// The driver's telemetry (<c>logAnalyzerExecutionTime</c>), from a pass of its own over another fresh compilation
        /// with the analyzers as they ship: in the CPU pass every callback also reads the thread's clock twice, which the
        /// telemetry would count as the analyzers' time.
        /// </summary>
        private static async Task<IReadOnlyDictionary<string, double>> MeasureTelemetryAsync(List<SyntaxTree> trees, ImmutableArray<Diagnostic> timedDiagnostics)
        {
            var analyzers = ProductComponents.CreateAnalyzers();
            var (withAnalyzers, diagnostics, _) = await AnalyzeAsync(trees, analyzers, logExecutionTime: true, concurrent: false).ConfigureAwait(false);

            // The timing wrapper of the CPU pass must not change what the analyzers find: the same rules at the same places.
            var shipped = Describe(diagnostics);
            var timed = Describe(timedDiagnostics);
            if (!shipped.SequenceEqual(timed, StringComparer.Ordinal))
            {
                throw new InvalidOperationException(
                    $"The analyzers reported {shipped.Count} diagnostics as shipped and {timed.Count} under the CPU timer; the first that differs: "
                    + (shipped.Except(timed, StringComparer.Ordinal).Concat(timed.Except(shipped, StringComparer.Ordinal)).FirstOrDefault() ?? "(a repeated one)"));
            }

            return await ReadTelemetryAsync(withAnalyzers, analyzers).ConfigureAwait(false);
        }

        /// <summary>The driver's telemetry of an analysis run with <c>logAnalyzerExecutionTime</c>: each analyzer's execution time (ms).</summary>
        internal static async Task<IReadOnlyDictionary<string, double>> ReadTelemetryAsync(CompilationWithAnalyzers analysis, ImmutableArray<DiagnosticAnalyzer> analyzers)
        {
            var times = new SortedDictionary<string, double>(StringComparer.Ordinal);
            foreach (var analyzer in analyzers)
            {
                var telemetry = await analysis.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).ConfigureAwait(false);
                times[ProductComponents.Describe(analyzer)] = telemetry.ExecutionTime.TotalMilliseconds;
            }

            return times;
        }

        /// <summary>Each diagnostic as its rule and place, sorted: what two analyses must agree on to be compared.</summary>
        internal static List<string> Describe(ImmutableArray<Diagnostic> diagnostics)
            => diagnostics.Select(d => d.Id + " " + d.Location.GetLineSpan()).OrderBy(d => d, StringComparer.Ordinal).ToList();

        /// <summary>
        /// Runs the analyzers on a fresh compilation of the trees, after a full collection, single-threaded or as a build
        /// does (the compilation binding on several threads, the analyzers run concurrently); throws when one of them
        /// threw. Also gives the CPU time of every thread of the process over the analysis.
        /// </summary>
        internal static async Task<(CompilationWithAnalyzers Analysis, ImmutableArray<Diagnostic> Diagnostics, double ProcessCpuMs)> AnalyzeAsync(List<SyntaxTree> trees, ImmutableArray<DiagnosticAnalyzer> analyzers, bool logExecutionTime, bool concurrent)
        {
            Collect();
            var exceptions = new List<string>();
            var options = AnalysisOptions(exceptions, concurrent, logExecutionTime);

            // The compiler's declaration phase (references bound, the declaration table merged) is part of the compiler
            // time, and a build does it once whatever analyzers run. Done here first, so that it is not charged to
            // whichever analyzer's compilation start action happens to look up the first type.
            var analyzed = QualityCompilation.Create("Bench", trees, concurrentBuild: concurrent);
            _ = analyzed.GlobalNamespace;
            var analysis = analyzed.WithAnalyzers(analyzers, options);
            var before = ProcessCpu();
            var diagnostics = await analysis.GetAnalyzerDiagnosticsAsync(CancellationToken.None).ConfigureAwait(false);
            double processCpuMs = (ProcessCpu() - before).TotalMilliseconds;
            ThrowIfAnAnalyzerThrew(exceptions, diagnostics);
            return (analysis, diagnostics, processCpuMs);
        }

        /// <summary>Options of an analysis that keeps the exceptions its analyzers throw, for <see cref="ThrowIfAnAnalyzerThrew"/>.</summary>
        internal static CompilationWithAnalyzersOptions AnalysisOptions(List<string> exceptions, bool concurrent, bool logExecutionTime)
            => new(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (exception, analyzer, _) => { lock (exceptions) { exceptions.Add(analyzer.GetType().Name + ": " + exception); } },
                concurrentAnalysis: concurrent,
                logAnalyzerExecutionTime: logExecutionTime,
                reportSuppressedDiagnostics: false);

        /// <summary>A measurement of analyzers that threw measures nothing.</summary>
        internal static void ThrowIfAnAnalyzerThrew(List<string> exceptions, ImmutableArray<Diagnostic> diagnostics)
        {
            if (exceptions.Count > 0 || diagnostics.Any(d => d.Id == "AD0001"))
            {
                throw new InvalidOperationException("An analyzer threw: " + string.Join(Environment.NewLine, exceptions));
            }
        }

        /// <summary>CPU time of every thread of the process, the runtime's included.</summary>
        internal static TimeSpan ProcessCpu()
        {
            using var process = Process.GetCurrentProcess();
            return process.TotalProcessorTime;
        }

        /// <summary>The smaller of two figures per key (per analyzer): the fastest of the repetitions.</summary>
        internal static Dictionary<string, double> MinPerKey(IReadOnlyDictionary<string, double> first, IReadOnlyDictionary<string, double> second)
            => first.ToDictionary(p => p.Key, p => Math.Min(p.Value, second.TryGetValue(p.Key, out var o) ? o : p.Value), StringComparer.Ordinal);

        internal static void Collect()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }

        internal sealed class Measurement
        {
            public Measurement(double compilerMs, double compilerCpuMs, IReadOnlyDictionary<string, double> analyzerTimes, IReadOnlyDictionary<string, double> telemetryTimes, IReadOnlyDictionary<string, int> diagnosticCounts, double allocatedMegabytes, long callbacks, double overheadPerCallMicroseconds)
            {
                Callbacks = callbacks;
                OverheadPerCallMicroseconds = overheadPerCallMicroseconds;
                AllocatedMegabytes = allocatedMegabytes;
                CompilerMs = compilerMs;
                CompilerCpuMs = compilerCpuMs;
                AnalyzerTimes = analyzerTimes;
                TelemetryTimes = telemetryTimes;
                DiagnosticCounts = diagnosticCounts;
            }

            public double CompilerMs { get; }

            /// <summary>CPU time of the compiling thread.</summary>
            public double CompilerCpuMs { get; }

            /// <summary>Wall-clock time inside each analyzer's callbacks, as the driver's telemetry reports it.</summary>
            public IReadOnlyDictionary<string, double> TelemetryTimes { get; }

            /// <summary>CPU time of the threads inside each analyzer's callbacks, less what reading the clock costs.</summary>
            public IReadOnlyDictionary<string, double> AnalyzerTimes { get; }

            /// <summary>All analyzers together: the sum of <see cref="AnalyzerTimes"/>.</summary>
            public double AnalyzerCpuMs => AnalyzerTimes.Values.Sum();

            public IReadOnlyDictionary<string, int> DiagnosticCounts { get; }

            /// <summary>Garbage collections that began inside each analyzer's callbacks in one repetition, and their pauses (none for a minimum over repetitions).</summary>
            public IReadOnlyDictionary<string, (long Count, double PauseMs)> Collections { get; init; } = new Dictionary<string, (long, double)>();

            /// <summary>Callbacks measured, all analyzers together.</summary>
            public long Callbacks { get; }

            /// <summary>What measuring one callback costs (an empty callback measured the same way), subtracted from each.</summary>
            public double OverheadPerCallMicroseconds { get; }

            /// <summary>Managed memory allocated inside the analyzers' callbacks (binding done there included).</summary>
            public double AllocatedMegabytes { get; }

            public Measurement Min(Measurement other)
                => new(
                    Math.Min(CompilerMs, other.CompilerMs),
                    Math.Min(CompilerCpuMs, other.CompilerCpuMs),
                    MinPerKey(AnalyzerTimes, other.AnalyzerTimes),
                    MinPerKey(TelemetryTimes, other.TelemetryTimes),
                    DiagnosticCounts,
                    Math.Min(AllocatedMegabytes, other.AllocatedMegabytes),
                    Callbacks,
                    Math.Min(OverheadPerCallMicroseconds, other.OverheadPerCallMicroseconds));
        }
    }
}
