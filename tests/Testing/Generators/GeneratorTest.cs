using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using Consistency.Testing.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Consistency.Testing.Generators
{
    /// <summary>What one generator run produced.</summary>
    public sealed record GeneratorRun(
        GeneratorDriver Driver,
        CSharpCompilation InputCompilation,
        Compilation OutputCompilation,
        ImmutableArray<Diagnostic> GeneratorDiagnostics,
        GeneratorRunResult Result);

    /// <summary>
    /// Runs an incremental generator with step tracking over test sources, checks that its output compiles with the
    /// user's code, and compares the generated files with committed baselines.
    /// </summary>
    public sealed class GeneratorTest
    {
        /// <summary>Set to 1 to rewrite the baseline files with what the generator produces now.</summary>
        public const string UpdateBaselinesVariable = "CONSISTENCY_UPDATE_BASELINES";

        private readonly Func<IIncrementalGenerator> createGenerator;

        public GeneratorTest(Func<IIncrementalGenerator> createGenerator) => this.createGenerator = createGenerator;

        public SourceFileList Sources { get; } = new("/0/Test", ".cs");

        public ReferenceAssemblies ReferenceAssemblies { get; set; } = ReferenceAssemblies.Default;

        public List<MetadataReference> AdditionalReferences { get; } = new();

        /// <summary>
        /// Generators that run next to the one under test, as in a real build (e.g. the System.Text.Json generator,
        /// see <see cref="SdkGenerators"/>). Results, diagnostics and baselines stay those of the generator under test.
        /// </summary>
        public List<ISourceGenerator> AdditionalGenerators { get; } = new();

        public LanguageVersion LanguageVersion { get; set; } = LanguageVersion.Latest;

        public NullableContextOptions NullableContextOptions { get; set; } = NullableContextOptions.Enable;

        /// <summary>MSBuild properties the generator reads as <c>build_property.Name</c>.</summary>
        public Dictionary<string, string> GlobalOptions { get; } = new(StringComparer.Ordinal);

        /// <summary>The diagnostics the generator is expected to report (ids and, when given, locations and messages).</summary>
        public List<DiagnosticResult> ExpectedDiagnostics { get; } = new();

        /// <summary>Compiler warnings in the output that are acceptable; by default the output must have none.</summary>
        public bool AllowCompilerWarnings { get; set; }

        // The .NET SDK passes NoWarn 1701;1702 (assembly unification of references built against an older framework).
        private static readonly ImmutableDictionary<string, ReportDiagnostic> SdkSuppressedWarnings = ImmutableDictionary.CreateRange(new[]
        {
            new KeyValuePair<string, ReportDiagnostic>("CS1701", ReportDiagnostic.Suppress),
            new KeyValuePair<string, ReportDiagnostic>("CS1702", ReportDiagnostic.Suppress),
        });

        public CSharpParseOptions ParseOptions => new(LanguageVersion, DocumentationMode.Diagnose);

        public CSharpCompilation CreateCompilation()
        {
            var trees = Sources.Select(s => CSharpSyntaxTree.ParseText(SourceText.From(s.Content, Encoding.UTF8), ParseOptions, s.Path));
            return CSharpCompilation.Create(
                "TestProject",
                trees,
                ReferenceAssemblies.Resolve().Concat(AdditionalReferences),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions, deterministic: true)
                    .WithSpecificDiagnosticOptions(SdkSuppressedWarnings));
        }

        public GeneratorDriver CreateDriver()
            => CSharpGeneratorDriver.Create(
                new[] { createGenerator().AsSourceGenerator() }.Concat(AdditionalGenerators),
                additionalTexts: null,
                parseOptions: ParseOptions,
                optionsProvider: new GlobalOptionsProvider(GlobalOptions),
                driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

        /// <summary>Runs the generator and verifies its diagnostics and that the output compiles without errors or warnings.</summary>
        public GeneratorRun Run()
        {
            var input = CreateCompilation();
            var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(input, out var output, out var diagnostics);
            GeneratorPass.ThrowIfAnyThrew(driver.GetRunResult());
            var result = driver.GetRunResult().Results[0];

            var state = new EvaluatedSolution(ImmutableArray.Create(new EvaluatedProject("TestProject", Sources.ToImmutableArray(), ImmutableArray<TestFile>.Empty, ImmutableArray<TestFile>.Empty, ImmutableArray<MetadataReference>.Empty, ImmutableArray<string>.Empty, OutputKind.DynamicallyLinkedLibrary)), ImmutableArray<DiagnosticResult>.Empty);
            var expected = ExpectedDiagnostics.Select(d => d.HasLocation ? d.WithLocations(d.Locations.Select(l => string.IsNullOrEmpty(l.Path) ? l with { Path = state.DefaultPath } : l).ToImmutableArray()) : d).ToImmutableArray();
            DiagnosticComparer.AssertEqual(expected, DiagnosticRunner.Sort(result.Diagnostics), state, "generator diagnostics");

            foreach (var generated in result.GeneratedSources)
            {
                var parseErrors = generated.SyntaxTree.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
                if (parseErrors.Count > 0)
                {
                    throw new VerificationException($"Generated file {generated.HintName} does not parse:{Environment.NewLine}{string.Join(Environment.NewLine, parseErrors)}{Environment.NewLine}{generated.SourceText}");
                }
            }

            // Errors anywhere fail; warnings count where the generator wrote them (the user's own code is the user's).
            var generatedTrees = new HashSet<SyntaxTree>(result.GeneratedSources.Select(g => g.SyntaxTree));
            var outputProblems = output.GetDiagnostics()
                .Where(d => d.Severity == DiagnosticSeverity.Error
                    || (!AllowCompilerWarnings && d.Severity == DiagnosticSeverity.Warning && (d.Location.SourceTree is null || generatedTrees.Contains(d.Location.SourceTree))))
                .ToList();
            if (outputProblems.Count > 0 && result.Diagnostics.All(d => d.Severity != DiagnosticSeverity.Error))
            {
                var files = string.Join(Environment.NewLine, result.GeneratedSources.Select(g => $"--- {g.HintName}{Environment.NewLine}{g.SourceText}"));
                throw new VerificationException($"The user's code with the generated code does not compile cleanly:{Environment.NewLine}{string.Join(Environment.NewLine, outputProblems.Select(DiagnosticRunner.Describe))}{Environment.NewLine}{files}");
            }

            return new GeneratorRun(driver, input, output, diagnostics, result);
        }

        /// <summary>
        /// Compares every generated file with <c>{baselineDirectory}/{testName}.{HintName}.txt</c>; a missing or different
        /// baseline fails, unless the update variable is set, in which case the baseline is written.
        /// </summary>
        public static void VerifyBaselines(GeneratorRun run, string baselineDirectory, string testName)
            => VerifyBaselines(run, baselineDirectory, testName, Environment.GetEnvironmentVariable(UpdateBaselinesVariable) == "1");

        /// <summary>As <see cref="VerifyBaselines(GeneratorRun, string, string)"/>, with the update mode given explicitly.</summary>
        public static void VerifyBaselines(GeneratorRun run, string baselineDirectory, string testName, bool update)
        {
            var failures = new StringBuilder();
            var produced = new HashSet<string>(StringComparer.Ordinal);
            foreach (var generated in run.Result.GeneratedSources.OrderBy(g => g.HintName, StringComparer.Ordinal))
            {
                string path = Path.Combine(baselineDirectory, $"{testName}.{generated.HintName}.txt");
                produced.Add(Path.GetFileName(path));
                string actual = TextDiff.Normalize(generated.SourceText.ToString());
                if (update)
                {
                    Directory.CreateDirectory(baselineDirectory);
                    File.WriteAllText(path, actual);
                    continue;
                }

                if (!File.Exists(path))
                {
                    failures.AppendLine(CultureInfo($"No baseline {path}; run with {UpdateBaselinesVariable}=1 to create it. Generated:")).AppendLine(actual);
                    continue;
                }

                string expected = TextDiff.Normalize(File.ReadAllText(path));
                if (!string.Equals(expected, actual, StringComparison.Ordinal))
                {
                    failures.AppendLine(CultureInfo($"{generated.HintName} differs from {path} (- baseline, + generated):")).AppendLine(TextDiff.Describe(expected, actual));
                }
            }

            if (!update && Directory.Exists(baselineDirectory))
            {
                foreach (var stale in Directory.GetFiles(baselineDirectory, testName + ".*.txt").Select(Path.GetFileName).Where(f => !produced.Contains(f!)))
                {
                    failures.AppendLine(CultureInfo($"Baseline {stale} exists but the generator no longer produces it."));
                }
            }

            if (failures.Length > 0)
            {
                throw new VerificationException(failures.ToString());
            }
        }

        private static string CultureInfo(FormattableString text) => FormattableString.Invariant(text);

        private sealed class GlobalOptionsProvider : AnalyzerConfigOptionsProvider
        {
            private readonly DictionaryOptions global;

            public GlobalOptionsProvider(Dictionary<string, string> properties)
                => global = new DictionaryOptions(properties.ToImmutableDictionary(kv => "build_property." + kv.Key, kv => kv.Value));

            public override AnalyzerConfigOptions GlobalOptions => global;

            public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => DictionaryOptions.Empty;

            public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => DictionaryOptions.Empty;
        }

        private sealed class DictionaryOptions : AnalyzerConfigOptions
        {
            public static readonly DictionaryOptions Empty = new(ImmutableDictionary<string, string>.Empty);
            private readonly ImmutableDictionary<string, string> values;

            public DictionaryOptions(ImmutableDictionary<string, string> values) => this.values = values;

            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
