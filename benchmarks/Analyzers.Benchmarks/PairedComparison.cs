using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Consistency.Quality;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Consistency.Benchmarks
{
    /// <summary>
    /// Compares builds of the analyzers on one machine in paired rounds: each round analyses the same generated code once
    /// with every build, in an order that rotates from round to round, so that what the machine does meanwhile falls on
    /// all of them alike. A change is judged by two ratios to the first build: its fastest round, and the median of its
    /// per-round ratios. Passing the same build twice (an A/A pair) shows how far two identical builds land apart on the
    /// machine that day: a change that moves less than that is noise.
    /// <para>
    /// Each build is a directory holding <c>Consistency.Analyzers.dll</c>, loaded into a context of its own (the
    /// <c>Consistency.*</c> assemblies from that directory, Roslyn and the runtime shared), and its analyzers are found by
    /// reflection as the other gates find them. The figures are CPU time inside the analyzers' callbacks less what
    /// reading the clock costs, as in <see cref="InProcessBenchmark"/>; the builds must report the same diagnostics
    /// (rule and place) in every round, or the comparison says so.
    /// </para>
    /// </summary>
    internal static class PairedComparison
    {
        public static int Run(IReadOnlyList<string> directories, int unitLines, int scale, int rounds, int warmUps, IReadOnlyCollection<string> ruleFilter)
        {
            if (directories.Count == 0)
            {
                Console.Error.WriteLine("--compare needs at least one directory with a build of Consistency.Analyzers.dll");
                return 2;
            }

            var builds = new List<Build>();
            foreach (string directory in directories)
            {
                var build = Build.Load(directory, ruleFilter);
                if (build.AnalyzerTypes.Length == 0)
                {
                    Console.Error.WriteLine($"{directory}: no analyzer of {(ruleFilter.Count == 0 ? "any rule" : string.Join(", ", ruleFilter))}");
                    return 2;
                }

                builds.Add(build);
            }

            var sources = ServiceCodeGenerator.Generate(ServiceCodeGenerator.ModulesFor(unitLines) * scale);
            var trees = QualityCompilation.ParseAll(sources);
            double overheadPerCallMs = CpuTimedAnalyzer.MeasureOverheadPerCallMilliseconds();
            Console.WriteLine($"## Paired comparison at {scale}x ({sources.Count} files), {rounds} rounds after {warmUps} warm-up analyses per build");
            Console.WriteLine();
            for (int b = 0; b < builds.Count; b++)
            {
                Console.WriteLine($"build {b}: {builds[b].Directory} ({string.Join(", ", builds[b].AnalyzerTypes.Select(t => t.Name))})");
            }

            Console.WriteLine();

            // The analyzers are compiled just in time and optimized as calls accumulate: every build is warmed up alike.
            for (int w = 0; w < warmUps; w++)
            {
                foreach (var build in builds)
                {
                    _ = Analyze(build, trees, overheadPerCallMs);
                }
            }

            var totals = builds.Select(_ => new double[rounds]).ToArray();
            var fastestPerAnalyzer = new Dictionary<string, double>[builds.Count];
            var diagnostics = new List<string>[builds.Count];

            // A build whose diagnostics change from one round to the next finds different things each time: not comparable either.
            var varies = new bool[builds.Count];
            for (int round = 0; round < rounds; round++)
            {
                var line = new List<string>();
                for (int k = 0; k < builds.Count; k++)
                {
                    int b = (k + round) % builds.Count;
                    var result = Analyze(builds[b], trees, overheadPerCallMs);
                    totals[b][round] = result.TotalMs;
                    varies[b] |= diagnostics[b] is not null && !result.Diagnostics.SequenceEqual(diagnostics[b], StringComparer.Ordinal);
                    diagnostics[b] ??= result.Diagnostics;
                    fastestPerAnalyzer[b] = fastestPerAnalyzer[b] is null ? result.PerAnalyzer : InProcessBenchmark.MinPerKey(fastestPerAnalyzer[b], result.PerAnalyzer);
                    line.Add($"build {b} {result.TotalMs.ToString("F1", CultureInfo.InvariantCulture)} ms");
                }

                Console.WriteLine($"round {round + 1}: {string.Join(", ", line)}");
            }

            // Builds that do not find the same things (rule and place) cannot be compared by cost as they stand.
            var sameDiagnostics = diagnostics.Select((d, b) => !varies[b] && !varies[0] && d.SequenceEqual(diagnostics[0], StringComparer.Ordinal)).ToArray();
            Console.WriteLine();
            Console.WriteLine("| build | diagnostics (same rules and places as build 0?) | fastest round (ms) | fastest / build 0 | median of the paired ratios to build 0 | per analyzer, fastest (ms) |");
            Console.WriteLine("|---|---|---|---|---|---|");
            double baseline = totals[0].Min();
            for (int b = 0; b < builds.Count; b++)
            {
                double fastest = totals[b].Min();
                var ratios = new double[rounds];
                for (int round = 0; round < rounds; round++)
                {
                    ratios[round] = totals[b][round] / totals[0][round];
                }

                Console.WriteLine(FormattableString.Invariant(
                    $"| {b} | {diagnostics[b].Count} ({(sameDiagnostics[b] ? "same" : varies[b] ? "different from round to round" : "different")}) | {fastest:F1} | {fastest / baseline:F3} | {WholeProcessBenchmark.Median(ratios.ToList()):F3} | {string.Join(", ", fastestPerAnalyzer[b].OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => FormattableString.Invariant($"{p.Key} {p.Value:F1}")))} |"));
            }

            Console.WriteLine();
            if (sameDiagnostics.Contains(false))
            {
                Console.WriteLine("The builds do not report the same diagnostics (rule and place): they do not find the same things, so their costs are not comparable as they stand.");
                return 1;
            }

            return 0;
        }

        private static (double TotalMs, List<string> Diagnostics, Dictionary<string, double> PerAnalyzer) Analyze(Build build, List<SyntaxTree> trees, double overheadPerCallMs)
        {
            // The same single-threaded analysis as the in-process benchmark's, on a fresh compilation of the same trees.
            var timed = ProductComponents.CreateAnalyzers(build.AnalyzerTypes).Select(a => new CpuTimedAnalyzer(a)).ToImmutableArray();
            var (_, diagnostics, _) = InProcessBenchmark.AnalyzeAsync(trees, timed.CastArray<DiagnosticAnalyzer>(), logExecutionTime: false, concurrent: false)
                .GetAwaiter().GetResult();

            var perAnalyzer = new Dictionary<string, double>(StringComparer.Ordinal);
            double total = 0;
            foreach (var analyzer in timed)
            {
                double ms = analyzer.CpuMillisecondsLessClockReads(overheadPerCallMs);
                perAnalyzer[ProductComponents.Describe(analyzer.Inner)] = ms;
                total += ms;
            }

            return (total, InProcessBenchmark.Describe(diagnostics), perAnalyzer);
        }

        /// <summary>One build of the analyzers, loaded apart from the others.</summary>
        private sealed class Build
        {
            private Build(string directory, ImmutableArray<Type> analyzerTypes)
            {
                Directory = directory;
                AnalyzerTypes = analyzerTypes;
            }

            public string Directory { get; }

            public ImmutableArray<Type> AnalyzerTypes { get; }

            public static Build Load(string directory, IReadOnlyCollection<string> ruleFilter)
            {
                string full = Path.GetFullPath(directory);
                var context = new BuildLoadContext(full);
                var assembly = context.LoadFromAssemblyPath(Path.Combine(full, ProductComponents.AnalyzersAssemblyName + ".dll"));
                var all = ProductComponents.AnalyzerTypesIn(assembly);
                var analyzers = ProductComponents.CreateAnalyzers(all);
                var types = all.Where((_, i) => ruleFilter.Count == 0 || analyzers[i].SupportedDiagnostics.Any(d => ruleFilter.Contains(d.Id))).ToImmutableArray();
                return new Build(full, types);
            }
        }

        /// <summary>Loads the product's assemblies from one build's directory; Roslyn and the runtime come from the host, shared by every build.</summary>
        private sealed class BuildLoadContext : AssemblyLoadContext
        {
            private readonly string directory;

            public BuildLoadContext(string directory)
                : base(directory)
            {
                this.directory = directory;
            }

            protected override Assembly? Load(AssemblyName assemblyName)
            {
                if (assemblyName.Name is { } name && name.StartsWith("Consistency.", StringComparison.Ordinal))
                {
                    string path = Path.Combine(directory, name + ".dll");
                    if (File.Exists(path))
                    {
                        return LoadFromAssemblyPath(path);
                    }
                }

                return null;
            }
        }
    }
}
