using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Consistency.Quality;
using Consistency.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Abstractions;

namespace Consistency.Corpus.Tests
{
    /// <summary>
    /// Precision and recall of every rule on a labelled corpus of realistic service methods. Each method carries a
    /// <c>// expect: CH0001, CH0003</c> (or <c>// expect: none</c>) label written from RULES.md §2; a diagnostic counts for
    /// the method that contains it. Scores are asserted against floors in <c>floors.txt</c>; a rule no shipped analyzer
    /// reports yet is printed as not implemented.
    /// </summary>
    public sealed class CorpusTests
    {
        private static readonly Regex Label = new(@"//\s*expect:\s*(?<ids>.+)$", RegexOptions.Multiline);
        private static readonly Lazy<Task<CorpusRun>> Run = new(RunCorpusAsync);
        private readonly ITestOutputHelper output;

        public CorpusTests(ITestOutputHelper output) => this.output = output;

        [Fact]
        public async Task Corpus_compiles_and_every_method_is_labelled()
        {
            var run = await Run.Value;
            var errors = run.Compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, "the corpus must compile:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Take(20)));
            Assert.Empty(run.Unlabelled);
            Assert.True(run.Cases.Count >= 150, $"the corpus has {run.Cases.Count} labelled methods; it must have at least 150");
        }

        [Fact]
        public async Task Every_rule_meets_its_floor()
        {
            var run = await Run.Value;
            var floors = ReadFloors();
            var implemented = ProductComponents.ImplementedRuleIds();
            var rules = run.Cases.SelectMany(c => c.Expected).Concat(floors.Keys).Distinct().OrderBy(r => r, StringComparer.Ordinal).ToList();
            var failures = new List<string>();
            output.WriteLine($"{run.Cases.Count} labelled methods");
            output.WriteLine("| rule | labelled | flagged | TP | FP | FN | precision | recall | floor |");
            output.WriteLine("|---|---|---|---|---|---|---|---|---|");
            foreach (var rule in rules)
            {
                int labelled = run.Cases.Count(c => c.Expected.Contains(rule));
                if (!implemented.Contains(rule))
                {
                    output.WriteLine($"| {rule} | {labelled} | not implemented | | | | | | |");
                    continue;
                }

                int tp = run.Cases.Count(c => c.Expected.Contains(rule) && c.Actual.Contains(rule));
                int fp = run.Cases.Count(c => !c.Expected.Contains(rule) && c.Actual.Contains(rule)) + run.Stray.Count(d => d.Id == rule);
                int fn = run.Cases.Count(c => c.Expected.Contains(rule) && !c.Actual.Contains(rule));
                double precision = tp + fp == 0 ? 1 : (double)tp / (tp + fp);
                double recall = tp + fn == 0 ? 1 : (double)tp / (tp + fn);
                string floorText = floors.TryGetValue(rule, out var floor) ? $"{floor.Precision:F2} / {floor.Recall:F2}" : "none";
                output.WriteLine($"| {rule} | {labelled} | {tp + fp} | {tp} | {fp} | {fn} | {precision:F2} | {recall:F2} | {floorText} |");
                foreach (var missed in run.Cases.Where(c => c.Expected.Contains(rule) != c.Actual.Contains(rule)))
                {
                    output.WriteLine($"    {(missed.Actual.Contains(rule) ? "false positive" : "missed")}: {missed.Name}");
                }

                if (floors.TryGetValue(rule, out floor) && (precision + 1e-9 < floor.Precision || recall + 1e-9 < floor.Recall))
                {
                    failures.Add($"{rule}: precision {precision:F2} (floor {floor.Precision:F2}), recall {recall:F2} (floor {floor.Recall:F2})");
                }
            }

            Assert.True(failures.Count == 0, "below the floor: " + string.Join("; ", failures));
        }

        private static Dictionary<string, (double Precision, double Recall)> ReadFloors()
        {
            var floors = new Dictionary<string, (double, double)>(StringComparer.Ordinal);
            foreach (var line in File.ReadAllLines(TestPaths.FromRoot("tests", "Corpus.Tests", "floors.txt")))
            {
                string text = line.Trim();
                if (text.Length == 0 || text.StartsWith('#'))
                {
                    continue;
                }

                var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                floors[parts[0]] = (double.Parse(parts[1], CultureInfo.InvariantCulture), double.Parse(parts[2], CultureInfo.InvariantCulture));
            }

            return floors;
        }

        private static async Task<CorpusRun> RunCorpusAsync()
        {
            string directory = TestPaths.FromRoot("tests", "Corpus.Tests", "Corpus");
            var trees = Directory.GetFiles(directory, "*.cs").OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => QualityCompilation.Parse("Corpus/" + Path.GetFileName(f), File.ReadAllText(f)))
                .ToList();
            var compilation = QualityCompilation.Create("Corpus", trees);
            var analyzers = ProductComponents.CreateAnalyzers();
            var exceptions = new List<string>();
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (exception, analyzer, _) => { lock (exceptions) { exceptions.Add(analyzer.GetType().Name + ": " + exception); } },
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false);
            var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
            Assert.Empty(exceptions);

            var cases = new List<Case>();
            var unlabelled = new List<string>();
            foreach (var tree in trees)
            {
                foreach (var member in tree.GetRoot().DescendantNodes().OfType<BaseMethodDeclarationSyntax>())
                {
                    if (member.Body is null && member.ExpressionBody is null)
                    {
                        continue; // a declaration without a body (interface member): nothing can be reported in it
                    }

                    string name = Describe(member);
                    var match = Label.Match(member.GetLeadingTrivia().ToFullString());
                    if (!match.Success)
                    {
                        unlabelled.Add(name);
                        continue;
                    }

                    string ids = match.Groups["ids"].Value.Trim();
                    var expected = ids.Equals("none", StringComparison.OrdinalIgnoreCase)
                        ? ImmutableHashSet<string>.Empty
                        : ids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToImmutableHashSet(StringComparer.Ordinal);
                    cases.Add(new Case(name, tree, member.Span, expected));
                }
            }

            var stray = new List<Diagnostic>();
            foreach (var diagnostic in diagnostics)
            {
                var owner = cases.Where(c => c.Tree == diagnostic.Location.SourceTree && c.Span.Contains(diagnostic.Location.SourceSpan)).OrderBy(c => c.Span.Length).FirstOrDefault();
                if (owner is null)
                {
                    stray.Add(diagnostic);
                }
                else
                {
                    owner.Actual.Add(diagnostic.Id);
                }
            }

            return new CorpusRun(compilation, cases, unlabelled, stray);
        }

        private static string Describe(BaseMethodDeclarationSyntax member)
        {
            string type = member.FirstAncestorOrSelf<TypeDeclarationSyntax>()?.Identifier.Text ?? "?";
            string name = member switch
            {
                MethodDeclarationSyntax method => method.Identifier.Text,
                ConstructorDeclarationSyntax => ".ctor",
                _ => member.Kind().ToString(),
            };
            int line = member.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
            return $"{type}.{name} ({Path.GetFileName(member.SyntaxTree.FilePath)}:{line})";
        }

        private sealed record CorpusRun(CSharpCompilation Compilation, List<Case> Cases, List<string> Unlabelled, List<Diagnostic> Stray);

        private sealed class Case
        {
            public Case(string name, SyntaxTree tree, Microsoft.CodeAnalysis.Text.TextSpan span, ImmutableHashSet<string> expected)
            {
                Name = name;
                Tree = tree;
                Span = span;
                Expected = expected;
            }

            public string Name { get; }

            public SyntaxTree Tree { get; }

            public Microsoft.CodeAnalysis.Text.TextSpan Span { get; }

            public ImmutableHashSet<string> Expected { get; }

            public HashSet<string> Actual { get; } = new(StringComparer.Ordinal);
        }
    }
}
