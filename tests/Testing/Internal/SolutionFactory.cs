using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Consistency.Testing.Internal
{
    /// <summary>Options of the compilations a test builds.</summary>
    internal sealed record CompilationSettings(LanguageVersion LanguageVersion, NullableContextOptions Nullable, ImmutableArray<string> DisabledDiagnostics);

    /// <summary>Builds a workspace solution from an evaluated state.</summary>
    internal static class SolutionFactory
    {
        public static Solution Create(AdhocWorkspace workspace, EvaluatedSolution state, CompilationSettings settings, ImmutableArray<DiagnosticAnalyzer> analyzers)
        {
            var solution = workspace.CurrentSolution;
            var ids = new Dictionary<string, ProjectId>();
            var parseOptions = new CSharpParseOptions(settings.LanguageVersion, DocumentationMode.Diagnose);
            var diagnosticOptions = GetDiagnosticOptions(analyzers, settings.DisabledDiagnostics);

            foreach (var project in state.Projects)
            {
                var id = ProjectId.CreateNewId(project.Name);
                ids[project.Name] = id;
                var compilationOptions = new CSharpCompilationOptions(
                        project.OutputKind,
                        nullableContextOptions: settings.Nullable,
                        allowUnsafe: true,
                        deterministic: true)
                    .WithSpecificDiagnosticOptions(diagnosticOptions);

                solution = solution.AddProject(ProjectInfo.Create(
                    id,
                    VersionStamp.Default,
                    project.Name,
                    project.Name,
                    LanguageNames.CSharp,
                    filePath: "/" + project.Name + ".csproj",
                    compilationOptions: compilationOptions,
                    parseOptions: parseOptions,
                    metadataReferences: project.References));

                foreach (var source in project.Sources)
                {
                    solution = solution.AddDocument(DocumentId.CreateNewId(id, source.Path), FileName(source.Path), SourceText.From(source.Content, Encoding.UTF8), filePath: source.Path);
                }

                foreach (var file in project.AdditionalFiles)
                {
                    solution = solution.AddAdditionalDocument(DocumentId.CreateNewId(id, file.Path), FileName(file.Path), SourceText.From(file.Content, Encoding.UTF8), filePath: file.Path);
                }

                foreach (var file in project.AnalyzerConfigFiles)
                {
                    solution = solution.AddAnalyzerConfigDocument(DocumentId.CreateNewId(id, file.Path), FileName(file.Path), SourceText.From(file.Content, Encoding.UTF8), filePath: file.Path);
                }
            }

            foreach (var project in state.Projects)
            {
                foreach (var reference in project.ProjectReferences)
                {
                    if (!ids.TryGetValue(reference, out var target))
                    {
                        throw new VerificationException($"Project '{project.Name}' references '{reference}', which the test does not define.");
                    }

                    solution = solution.AddProjectReference(ids[project.Name], new ProjectReference(target));
                }
            }

            return solution;
        }

        /// <summary>
        /// As Microsoft.CodeAnalysis.Testing does: rules disabled by default are turned on at their default severity,
        /// disabled ids are suppressed, and an analyzer exception (AD0001) is an error.
        /// </summary>
        private static ImmutableDictionary<string, ReportDiagnostic> GetDiagnosticOptions(ImmutableArray<DiagnosticAnalyzer> analyzers, ImmutableArray<string> disabled)
        {
            var options = ImmutableDictionary.CreateBuilder<string, ReportDiagnostic>();
            foreach (var descriptor in analyzers.SelectMany(a => a.SupportedDiagnostics))
            {
                if (!descriptor.IsEnabledByDefault)
                {
                    options[descriptor.Id] = descriptor.DefaultSeverity switch
                    {
                        DiagnosticSeverity.Error => ReportDiagnostic.Error,
                        DiagnosticSeverity.Warning => ReportDiagnostic.Warn,
                        DiagnosticSeverity.Info => ReportDiagnostic.Info,
                        _ => ReportDiagnostic.Hidden,
                    };
                }
            }

            foreach (var id in disabled)
            {
                options[id] = ReportDiagnostic.Suppress;
            }

            options["AD0001"] = ReportDiagnostic.Error;
            options["AD0002"] = ReportDiagnostic.Error;
            return options.ToImmutable();
        }

        private static string FileName(string path) => path.Substring(path.LastIndexOf('/') + 1);
    }
}
