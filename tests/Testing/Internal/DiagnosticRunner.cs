using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Consistency.Testing.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Consistency.Testing.Internal
{
    /// <summary>A diagnostic and the project it was reported in.</summary>
    internal readonly record struct ReportedDiagnostic(ProjectId ProjectId, Diagnostic Diagnostic);

    /// <summary>Runs analyzers over every project of a solution, failing on any analyzer exception.</summary>
    internal static class DiagnosticRunner
    {
        /// <summary>
        /// The analyzers' and the compiler's diagnostics of every project; with source generators, over the compilation
        /// that includes their output, plus what the generators report at warning or error.
        /// </summary>
        public static async Task<ImmutableArray<ReportedDiagnostic>> GetDiagnosticsAsync(Solution solution, ImmutableArray<DiagnosticAnalyzer> analyzers, ImmutableArray<ISourceGenerator> generators, CancellationToken cancellationToken)
        {
            var all = ImmutableArray.CreateBuilder<ReportedDiagnostic>();
            foreach (var project in solution.Projects)
            {
                var generated = await GeneratorPass.RunAsync(project, generators, cancellationToken).ConfigureAwait(false);
                var compilation = generated.Compilation;
                all.AddRange(generated.GeneratorDiagnostics.Select(d => new ReportedDiagnostic(project.Id, d)));

                if (analyzers.IsEmpty)
                {
                    all.AddRange(compilation.GetDiagnostics(cancellationToken).Select(d => new ReportedDiagnostic(project.Id, d)));
                    continue;
                }

                var exceptions = new ConcurrentQueue<string>();
                var options = new CompilationWithAnalyzersOptions(
                    project.AnalyzerOptions,
                    onAnalyzerException: (exception, analyzer, diagnostic) => exceptions.Enqueue($"{analyzer.GetType().FullName} threw: {exception}"),
                    concurrentAnalysis: true,
                    logAnalyzerExecutionTime: true,
                    reportSuppressedDiagnostics: true);
                var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAllDiagnosticsAsync(cancellationToken).ConfigureAwait(false);

                var crashes = diagnostics.Where(d => d.Id is "AD0001" or "AD0002").Select(d => d.ToString()).Concat(exceptions).Distinct().ToList();
                if (crashes.Count > 0)
                {
                    throw new VerificationException("An analyzer threw (AD0001). Analyzers must never throw:" + Environment.NewLine + string.Join(Environment.NewLine, crashes));
                }

                all.AddRange(diagnostics.Select(d => new ReportedDiagnostic(project.Id, d)));
            }

            return all.ToImmutable();
        }

        public static bool IsCompilerDiagnostic(Diagnostic diagnostic)
            => diagnostic.Descriptor.CustomTags.Contains(WellKnownDiagnosticTags.Compiler);

        /// <summary>Keeps analyzer diagnostics and the compiler diagnostics at or above the requested level.</summary>
        public static IEnumerable<Diagnostic> Filter(IEnumerable<Diagnostic> diagnostics, CompilerDiagnostics compilerDiagnostics, bool includeSuppressed)
        {
            foreach (var diagnostic in diagnostics)
            {
                if (diagnostic.IsSuppressed && !includeSuppressed)
                {
                    continue;
                }

                if (IsCompilerDiagnostic(diagnostic) && !IncludeCompilerDiagnostic(diagnostic, compilerDiagnostics))
                {
                    continue;
                }

                yield return diagnostic;
            }
        }

        public static ImmutableArray<Diagnostic> Sort(IEnumerable<Diagnostic> diagnostics)
            => diagnostics
                .OrderBy(d => d.Location.IsInSource || d.Location.Kind == LocationKind.ExternalFile ? d.Location.GetLineSpan().Path : string.Empty, StringComparer.Ordinal)
                .ThenBy(d => d.Location.SourceSpan.Start)
                .ThenBy(d => d.Location.SourceSpan.End)
                .ThenBy(d => d.Id, StringComparer.Ordinal)
                .ToImmutableArray();

        public static string Describe(Diagnostic diagnostic)
        {
            var builder = new StringBuilder();
            if (diagnostic.Location == Location.None)
            {
                builder.Append("(no location)");
            }
            else
            {
                var span = diagnostic.Location.GetLineSpan();
                builder.Append(span.Path).Append('(')
                    .Append(span.StartLinePosition.Line + 1).Append(',').Append(span.StartLinePosition.Character + 1).Append(',')
                    .Append(span.EndLinePosition.Line + 1).Append(',').Append(span.EndLinePosition.Character + 1).Append(')');
            }

            builder.Append(": ").Append(diagnostic.Severity.ToString().ToLowerInvariant()).Append(' ').Append(diagnostic.Id)
                .Append(": ").Append(diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
            if (diagnostic.IsSuppressed)
            {
                builder.Append(" (suppressed)");
            }

            foreach (var additional in diagnostic.AdditionalLocations)
            {
                var span = additional.GetLineSpan();
                builder.Append(Environment.NewLine).Append("    also at ").Append(span.Path).Append('(')
                    .Append(span.StartLinePosition.Line + 1).Append(',').Append(span.StartLinePosition.Character + 1).Append(',')
                    .Append(span.EndLinePosition.Line + 1).Append(',').Append(span.EndLinePosition.Character + 1).Append(')');
            }

            return builder.ToString();
        }

        private static bool IncludeCompilerDiagnostic(Diagnostic diagnostic, CompilerDiagnostics level) => level switch
        {
            CompilerDiagnostics.None => false,
            CompilerDiagnostics.Errors => diagnostic.Severity == DiagnosticSeverity.Error,
            CompilerDiagnostics.Warnings => diagnostic.Severity >= DiagnosticSeverity.Warning,
            CompilerDiagnostics.Suggestions => diagnostic.Severity >= DiagnosticSeverity.Info,
            _ => true,
        };
    }
}
