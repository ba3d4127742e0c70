using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Consistency.Quality;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Consistency.Benchmarks
{
    /// <summary>
    /// The analyzers' cost per edit in an editor: after one file of the project changes, the editor makes a new
    /// compilation (the old one with that tree replaced) and analyses the edited document only
    /// (<c>GetAnalyzerSemanticDiagnosticsAsync</c> of its semantic model), against what the compiler does for the same
    /// document (its semantic model's <c>GetDiagnostics</c>), each on its own fresh copy of the edited compilation.
    /// A new compilation is a new set of source symbols: whatever the analyzers build once per compilation, they build
    /// again on every edit, and anything they read outside the edited document (other files' members and bodies) is
    /// work the editor would not do for that document otherwise. CPU time of the measuring thread; the analyzers'
    /// figure is the time inside their callbacks, less the cost of reading the clock. The edited documents are spread
    /// over the project (services, repositories, handlers, models); at each project size the same share of them.
    /// </summary>
    internal static class EditorBenchmark
    {
        public static void Run(int unitLines, int[] scales, int edits)
        {
            Console.WriteLine("## Editor: analyzer cost per edit of one document");
            Console.WriteLine();

            var rows = new List<(int Scale, int Files, List<Edit> Edits)>();
            foreach (int scale in scales)
            {
                var sources = ServiceCodeGenerator.Generate(ServiceCodeGenerator.ModulesFor(unitLines) * scale);
                var trees = QualityCompilation.ParseAll(sources);
                var baseline = QualityCompilation.Create("Bench", trees, concurrentBuild: false);
                _ = baseline.GlobalNamespace;

                // The analyzers and the compiler at their steady speed first: edits not measured, more of them at the
                // first size, where the runtime may still be optimizing the analyzers' code (run alone with --editor).
                for (int i = 0; i < (rows.Count == 0 ? 20 : 6); i++)
                {
                    _ = Measure(baseline, trees[(i * 7) % trees.Count], i);
                }

                var measured = new List<Edit>();
                for (int e = 0; e < edits; e++)
                {
                    var tree = trees[(int)((long)e * trees.Count / edits)];
                    measured.Add(Measure(baseline, tree, 100 + e));
                }

                rows.Add((scale, trees.Count, measured));
            }

            var names = rows[0].Edits[0].Analyzers.Keys.ToList();
            Console.WriteLine("| project | files | edits | compiler CPU per document, median (ms) | analyzers CPU per edit, median (ms) | max (ms) | median of the per-edit ratios | " + string.Join(" | ", names.Select(n => n + " median (ms)")) + " |");
            Console.WriteLine("|---|---|---|---|---|---|---|" + string.Concat(names.Select(_ => "---|")));
            foreach (var (scale, files, measured) in rows)
            {
                Console.WriteLine(
                    $"| {scale}x | {files} | {measured.Count} | {Median(measured.Select(r => r.CompilerCpuMs)):F1} | {Median(measured.Select(r => r.AnalyzerCpuMs)):F1} | {measured.Max(r => r.AnalyzerCpuMs):F1} | "
                    + InProcessBenchmark.Percent(Median(measured.Select(r => r.AnalyzerCpuMs / r.CompilerCpuMs)), 1) + " | "
                    + string.Join(" | ", names.Select(n => Median(measured.Select(r => r.Analyzers[n])).ToString("F2", System.Globalization.CultureInfo.InvariantCulture))) + " |");
            }

            Console.WriteLine();
        }

        private static Edit Measure(Compilation baseline, SyntaxTree tree, int edit)
        {
            // A comment added at the end: a new tree whose declarations and bodies mean what they meant.
            var text = tree.GetText();
            var edited = tree.WithChangedText(text.WithChanges(new Microsoft.CodeAnalysis.Text.TextChange(new Microsoft.CodeAnalysis.Text.TextSpan(text.Length, 0), $"{Environment.NewLine}// edit {edit}{Environment.NewLine}")));

            InProcessBenchmark.Collect();
            var forCompiler = baseline.ReplaceSyntaxTree(tree, edited);
            _ = forCompiler.GlobalNamespace;
            var cpu = ThreadCpuTime.Now;
            var compilerDiagnostics = forCompiler.GetSemanticModel(edited).GetDiagnostics();
            double compilerCpuMs = (ThreadCpuTime.Now - cpu).TotalMilliseconds;
            if (compilerDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                throw new InvalidOperationException("The edited document does not compile: " + compilerDiagnostics.First(d => d.Severity == DiagnosticSeverity.Error));
            }

            InProcessBenchmark.Collect();
            var forAnalyzers = baseline.ReplaceSyntaxTree(tree, edited);
            _ = forAnalyzers.GlobalNamespace;
            var timed = ProductComponents.CreateAnalyzers().Select(a => new CpuTimedAnalyzer(a)).ToImmutableArray();
            var exceptions = new List<string>();
            var analysis = forAnalyzers.WithAnalyzers(timed.CastArray<DiagnosticAnalyzer>(), InProcessBenchmark.AnalysisOptions(exceptions, concurrent: false, logExecutionTime: false));
            var diagnostics = analysis.GetAnalyzerSemanticDiagnosticsAsync(forAnalyzers.GetSemanticModel(edited), filterSpan: null, CancellationToken.None).GetAwaiter().GetResult();
            InProcessBenchmark.ThrowIfAnAnalyzerThrew(exceptions, diagnostics);

            double overheadPerCallMs = CpuTimedAnalyzer.MeasureOverheadPerCallMilliseconds();
            var times = new SortedDictionary<string, double>(StringComparer.Ordinal);
            foreach (var analyzer in timed)
            {
                times[ProductComponents.Describe(analyzer.Inner)] = analyzer.CpuMillisecondsLessClockReads(overheadPerCallMs);
            }

            return new Edit(compilerCpuMs, times);
        }

        private static double Median(IEnumerable<double> values) => WholeProcessBenchmark.Median(values.ToList());

        private sealed class Edit
        {
            public Edit(double compilerCpuMs, IReadOnlyDictionary<string, double> analyzers)
            {
                CompilerCpuMs = compilerCpuMs;
                Analyzers = analyzers;
            }

            public double CompilerCpuMs { get; }

            public IReadOnlyDictionary<string, double> Analyzers { get; }

            public double AnalyzerCpuMs => Analyzers.Values.Sum();
        }
    }
}
