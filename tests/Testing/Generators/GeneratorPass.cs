using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Consistency.Testing.Generators
{
    /// <summary>A project's compilation as a build sees it: its sources, what the generators add, and what they report.</summary>
    internal sealed record GeneratedCompilation(Compilation Compilation, ImmutableArray<Diagnostic> GeneratorDiagnostics);

    /// <summary>
    /// Runs a test's source generators over a workspace project (with its parse options, analyzer config and
    /// additional files), so that verifiers check the code the user's build compiles, not the sources alone.
    /// </summary>
    internal static class GeneratorPass
    {
        public static async Task<GeneratedCompilation> RunAsync(Project project, ImmutableArray<ISourceGenerator> generators, CancellationToken cancellationToken)
        {
            var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new VerificationException($"Project '{project.Name}' has no compilation.");
            if (generators.IsDefaultOrEmpty)
            {
                return new GeneratedCompilation(compilation, ImmutableArray<Diagnostic>.Empty);
            }

            GeneratorDriver driver = CSharpGeneratorDriver.Create(
                generators,
                project.AnalyzerOptions.AdditionalFiles,
                (CSharpParseOptions?)project.ParseOptions,
                project.AnalyzerOptions.AnalyzerConfigOptionsProvider);
            driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics, cancellationToken);
            ThrowIfAnyThrew(driver.GetRunResult());

            // What fails or warns in a build: info and hidden generator diagnostics do not.
            var reported = diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();
            return new GeneratedCompilation(output, reported);
        }

        /// <summary>A generator that throws fails the test with its exception (the compiler would report CS8785 and go on).</summary>
        public static void ThrowIfAnyThrew(GeneratorDriverRunResult run)
        {
            foreach (var result in run.Results)
            {
                if (result.Exception is not null)
                {
                    throw new VerificationException($"The generator {result.Generator.GetGeneratorType().Name} threw: {result.Exception}", result.Exception);
                }
            }
        }
    }
}
