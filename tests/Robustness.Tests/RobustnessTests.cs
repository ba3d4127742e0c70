using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Consistency.Quality;
using Consistency.Testing;
using Consistency.Testing.References;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit.Abstractions;

namespace Consistency.Robustness.Tests
{
    /// <summary>
    /// Zero crashes of any analyzer, code fix or generator, on code as it is typed (every prefix of a file cut at a token
    /// boundary, and random token deletions) and on a large body of ordinary C# (the repository's own sources). The seed
    /// is fixed; the default size keeps the suite fast, and <c>CONSISTENCY_ROBUSTNESS_SIZE=large</c> runs every prefix
    /// and many more deletions for a release.
    /// </summary>
    public sealed class RobustnessTests
    {
        private const int Seed = 20_251_122;
        private static readonly bool Large = string.Equals(Environment.GetEnvironmentVariable("CONSISTENCY_ROBUSTNESS_SIZE"), "large", StringComparison.OrdinalIgnoreCase);
        private readonly ITestOutputHelper output;

        public RobustnessTests(ITestOutputHelper output) => this.output = output;

        [Fact]
        public void Components_are_discovered_by_reflection()
        {
            Assert.NotEmpty(ProductComponents.AnalyzerTypes);
            Assert.Contains(ProductComponents.AnalyzerTypes, t => t.Name == "DualWriteAnalyzer");
            output.WriteLine($"analyzers: {string.Join(", ", ProductComponents.AnalyzerTypes.Select(t => t.Name))}");
            output.WriteLine($"fixers: {string.Join(", ", ProductComponents.FixerTypes.Select(t => t.Name))}");
            output.WriteLine($"generators: {string.Join(", ", ProductComponents.GeneratorTypes.Select(t => t.Name))}");
        }

        [Fact]
        public async Task Code_as_it_is_typed_never_crashes_a_component()
        {
            var runner = new ComponentRunner();
            var random = new Random(Seed);
            var seeds = SeedFiles();
            var baseCompilation = QualityCompilation.Create("Typing", seeds.Select(s => QualityCompilation.Parse(s.Path, s.Text)));
            int prefixesPerFile = Large ? int.MaxValue : 24;
            int deletionsPerFile = Large ? 400 : 12;

            foreach (var (path, text) in seeds)
            {
                var original = baseCompilation.SyntaxTrees.Single(t => t.FilePath == path);
                var tokens = original.GetRoot().DescendantTokens().Where(t => t.Span.Length > 0).ToList();

                // Prefixes: the file as typed up to a token boundary, evenly spread (or all of them).
                int stride = Math.Max(1, tokens.Count / Math.Min(prefixesPerFile, tokens.Count));
                for (int i = random.Next(stride); i < tokens.Count; i += stride)
                {
                    await RunVariantAsync(runner, baseCompilation, original, text.Substring(0, tokens[i].Span.End), $"{path} cut after token {i} ({tokens[i].Text})");
                }

                // Deletions: one to three tokens removed anywhere.
                for (int d = 0; d < deletionsPerFile; d++)
                {
                    var removed = Enumerable.Range(0, random.Next(1, 4)).Select(_ => tokens[random.Next(tokens.Count)].Span).Distinct().OrderByDescending(s => s.Start).ToList();
                    string variant = text;
                    foreach (var span in removed)
                    {
                        variant = variant.Remove(span.Start, span.Length);
                    }

                    await RunVariantAsync(runner, baseCompilation, original, variant, $"{path} without tokens at {string.Join(", ", removed.Select(s => s.Start))}");
                }
            }

            Report(runner, "typing");
            Assert.True(runner.DiagnosticsSeen > 0, "no diagnostic on any variant: the run did not exercise the analyzers");
        }

        [Fact]
        public async Task The_repository_sources_never_crash_a_component()
        {
            var runner = new ComponentRunner();
            var files = Directory.GetFiles(TestPaths.FromRoot("src"), "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                    && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToList();
            Assert.True(files.Count > 50, $"only {files.Count} source files found");

            // Ordinary C# at scale: the sources as one compilation (unresolved Roslyn and runtime types are fine: the
            // components must cope with errors), and then the generated service code of a few modules.
            var trees = files.Select(f => QualityCompilation.Parse(f, File.ReadAllText(f)));
            await runner.RunAsync(QualityCompilation.Create("Sources", trees), tree: null, "src/");
            var service = ServiceCodeGenerator.Generate(Large ? 24 : 2);
            await runner.RunAsync(QualityCompilation.Create("Service", service), tree: null, "generated service code");
            Report(runner, "corpus");
            Assert.True(runner.DiagnosticsSeen > 0, "the analyzers reported nothing on the generated service code: the run did not exercise them");
        }

        [Fact]
        public async Task Any_one_library_alone_never_crashes_a_component()
        {
            // A project references a few of the libraries the rules know, rarely all of them: every catalogue must cope
            // with the types it looks for being absent. The labelled corpus, with the framework only, with each library
            // alone, and with DynamoDB or the attributes alone (the code then has unresolved names, as a project has
            // while a package is being added).
            var runner = new ComponentRunner();
            string corpus = TestPaths.FromRoot("tests", "Corpus.Tests", "Corpus");
            var trees = QualityCompilation.ParseAll(Directory.GetFiles(corpus, "*.cs").OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => ("Corpus/" + Path.GetFileName(f), File.ReadAllText(f))));
            var sets = new List<(string Name, ReferenceAssemblies References)>
            {
                ("the framework alone", ReferenceAssemblies.Net),
                ("AWSSDK.DynamoDBv2 alone", ReferenceAssemblies.Net.WithDynamoDb()),
                ("Consistency.Abstractions alone", ReferenceAssemblies.Net.WithAbstractions()),
            };
            sets.AddRange(StandInLibrary.AllNames.Select(name => (name + " alone", ReferenceAssemblies.Net.WithStandIns(name))));
            foreach (var (name, references) in sets)
            {
                var compilation = CSharpCompilation.Create(
                    "OneLibrary",
                    trees,
                    references.Resolve(),
                    new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
                await runner.RunAsync(compilation, tree: null, name);
            }

            Report(runner, "one library");
            Assert.Equal(sets.Count, runner.Runs);
        }

        private static async Task RunVariantAsync(ComponentRunner runner, CSharpCompilation baseCompilation, SyntaxTree original, string text, string description)
        {
            var tree = QualityCompilation.Parse(original.FilePath, text);
            await runner.RunAsync(baseCompilation.ReplaceSyntaxTree(original, tree), tree, description);
        }

        /// <summary>The files edited as if typed: the generated service module (every API family and handler framework) and the labelled corpus.</summary>
        private static List<(string Path, string Text)> SeedFiles()
        {
            var files = ServiceCodeGenerator.Generate(1).ToList();
            string corpus = TestPaths.FromRoot("tests", "Corpus.Tests", "Corpus");
            if (Directory.Exists(corpus))
            {
                files.AddRange(Directory.GetFiles(corpus, "*.cs").OrderBy(f => f, StringComparer.Ordinal).Select(f => ("Corpus/" + Path.GetFileName(f), File.ReadAllText(f))));
            }

            return files;
        }

        private void Report(ComponentRunner runner, string what)
        {
            output.WriteLine($"{what}: {runner.Runs} runs, {runner.DiagnosticsSeen} diagnostics, {runner.FixesApplied} fixes applied, {runner.Failures.Count} crashes");
            Assert.True(runner.Failures.IsEmpty, $"{runner.Failures.Count} crashes in {runner.Runs} runs:{Environment.NewLine}{string.Join(Environment.NewLine + Environment.NewLine, runner.Failures.Take(10))}");
        }
    }
}
