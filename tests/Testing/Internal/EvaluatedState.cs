using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Consistency.Testing.Markup;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Consistency.Testing.Internal
{
    /// <summary>A project with markup removed.</summary>
    internal sealed record EvaluatedProject(
        string Name,
        ImmutableArray<TestFile> Sources,
        ImmutableArray<TestFile> AdditionalFiles,
        ImmutableArray<TestFile> AnalyzerConfigFiles,
        ImmutableArray<MetadataReference> References,
        ImmutableArray<string> ProjectReferences,
        OutputKind OutputKind);

    /// <summary>A solution with markup removed and every expected diagnostic resolved to paths and spans.</summary>
    internal sealed record EvaluatedSolution(ImmutableArray<EvaluatedProject> Projects, ImmutableArray<DiagnosticResult> Expected)
    {
        public string DefaultPath => Projects[0].Sources.IsEmpty ? "/0/Test0.cs" : Projects[0].Sources[0].Path;

        public bool IsSourcePath(string path) => Projects.Any(p => p.Sources.Any(s => s.Path == path));

        /// <summary>
        /// The same solution with a line put before every source. Expected locations in sources move one line
        /// down; <paramref name="transform"/> decides what becomes of each expected diagnostic.
        /// </summary>
        public EvaluatedSolution WithLinePrepended(string line, Func<DiagnosticResult, bool, DiagnosticResult?> transform)
        {
            var projects = Projects.Select(p => p with
            {
                Sources = p.Sources.Select(s => new TestFile(s.Path, line + "\r\n" + s.Content)).ToImmutableArray(),
            }).ToImmutableArray();

            var expected = ImmutableArray.CreateBuilder<DiagnosticResult>();
            foreach (var diagnostic in Expected)
            {
                bool inSource = diagnostic.HasLocation && IsSourcePath(diagnostic.Locations[0].Path ?? string.Empty);
                var shifted = diagnostic.WithLocations(diagnostic.Locations.Select(l => IsSourcePath(l.Path ?? string.Empty) ? Shift(l) : l).ToImmutableArray());
                var result = transform(shifted, inSource);
                if (result is { } kept)
                {
                    expected.Add(kept);
                }
            }

            return new EvaluatedSolution(projects, expected.ToImmutable());
        }

        private static DiagnosticLocation Shift(DiagnosticLocation location)
        {
            var span = location.Span;
            return location with
            {
                Span = new LinePositionSpan(
                    new LinePosition(span.Start.Line + 1, span.Start.Character),
                    new LinePosition(span.End.Line + 1, span.End.Character)),
            };
        }
    }

    internal static class StateEvaluator
    {
        /// <summary>
        /// Parses markup and resolves the expected diagnostics of a solution state. <paramref name="inherit"/>, when
        /// given, fills the additional files, configuration and projects that this state leaves empty.
        /// </summary>
        public static EvaluatedSolution Evaluate(SolutionState state, SolutionState? inherit, ReferenceAssemblies referenceAssemblies, ImmutableArray<DiagnosticAnalyzer> analyzers)
        {
            var markupLocations = new Dictionary<int, FileLinePositionSpan>();
            var markupDiagnostics = new List<DiagnosticResult>();
            var projects = ImmutableArray.CreateBuilder<EvaluatedProject>();
            var descriptors = analyzers.SelectMany(a => a.SupportedDiagnostics).GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.First());
            var allowMarkup = state.MarkupHandling == MarkupMode.Allow;

            projects.Add(EvaluateProject(state, inherit, referenceAssemblies, allowMarkup, descriptors, markupLocations, markupDiagnostics));
            var additional = state.AdditionalProjects.Count > 0 || inherit is null ? state.AdditionalProjects : inherit.AdditionalProjects;
            foreach (var project in additional.Values)
            {
                projects.Add(EvaluateProject(project, null, referenceAssemblies, allowMarkup, descriptors, markupLocations, markupDiagnostics));
            }

            var evaluated = new EvaluatedSolution(projects.ToImmutable(), ImmutableArray<DiagnosticResult>.Empty);
            var expected = ImmutableArray.CreateBuilder<DiagnosticResult>();
            foreach (var diagnostic in state.ExpectedDiagnostics.Concat(markupDiagnostics))
            {
                expected.Add(Resolve(diagnostic, markupLocations, evaluated.DefaultPath));
            }

            return evaluated with { Expected = expected.ToImmutable() };
        }

        private static EvaluatedProject EvaluateProject(
            ProjectState project,
            SolutionState? inherit,
            ReferenceAssemblies referenceAssemblies,
            bool allowMarkup,
            Dictionary<string, DiagnosticDescriptor> descriptors,
            Dictionary<int, FileLinePositionSpan> markupLocations,
            List<DiagnosticResult> markupDiagnostics)
        {
            var sources = ImmutableArray.CreateBuilder<TestFile>();
            foreach (var source in project.Sources)
            {
                sources.Add(allowMarkup ? StripMarkup(source, descriptors, markupLocations, markupDiagnostics) : source);
            }

            var additionalFiles = project.AdditionalFiles.Count > 0 || inherit is null ? project.AdditionalFiles : inherit.AdditionalFiles;
            var configFiles = project.AnalyzerConfigFiles.Count > 0 || inherit is null ? project.AnalyzerConfigFiles : inherit.AnalyzerConfigFiles;
            var references = project.AdditionalReferences.Count > 0 || inherit is null ? project.AdditionalReferences : inherit.AdditionalReferences;
            var projectReferences = project.AdditionalProjectReferences.Count > 0 || inherit is null ? project.AdditionalProjectReferences : inherit.AdditionalProjectReferences;

            return new EvaluatedProject(
                project.Name,
                sources.ToImmutable(),
                additionalFiles.ToImmutableArray(),
                configFiles.ToImmutableArray(),
                referenceAssemblies.Resolve().Concat(references).ToImmutableArray(),
                projectReferences.ToImmutableArray(),
                project.OutputKind ?? inherit?.OutputKind ?? OutputKind.DynamicallyLinkedLibrary);
        }

        private static TestFile StripMarkup(
            TestFile source,
            Dictionary<string, DiagnosticDescriptor> descriptors,
            Dictionary<int, FileLinePositionSpan> markupLocations,
            List<DiagnosticResult> markupDiagnostics)
        {
            var parsed = MarkupParser.Parse(source.Content);
            var text = SourceText.From(parsed.Text);
            foreach (var marked in parsed.Spans)
            {
                var span = new FileLinePositionSpan(source.Path, text.Lines.GetLinePositionSpan(marked.Span));
                if (marked.Name is { } name && name.StartsWith("#", StringComparison.Ordinal))
                {
                    int key = int.Parse(name.Substring(1), System.Globalization.CultureInfo.InvariantCulture);
                    if (!markupLocations.TryAdd(key, span))
                    {
                        throw new VerificationException($"Markup location {{|#{key}:…|}} is defined more than once.");
                    }

                    continue;
                }

                var result = CreateMarkupDiagnostic(marked.Name, descriptors);

                // As in Microsoft.CodeAnalysis.Testing, markup names the primary location only.
                markupDiagnostics.Add(result.WithSpan(span).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
            }

            return new TestFile(source.Path, parsed.Text);
        }

        private static DiagnosticResult CreateMarkupDiagnostic(string? id, Dictionary<string, DiagnosticDescriptor> descriptors)
        {
            if (id is null)
            {
                if (descriptors.Count != 1)
                {
                    throw new VerificationException(
                        $"Markup '[|…|]' needs exactly one supported diagnostic, but the analyzers support {descriptors.Count} ({string.Join(", ", descriptors.Keys)}). Use '{{|ID:…|}}'.");
                }

                return new DiagnosticResult(descriptors.Values.Single());
            }

            if (descriptors.TryGetValue(id, out var descriptor))
            {
                return new DiagnosticResult(descriptor);
            }

            if (id.StartsWith("CS", StringComparison.Ordinal))
            {
                return DiagnosticResult.CompilerError(id);
            }

            throw new VerificationException($"Markup names diagnostic '{id}', which no analyzer under test supports.");
        }

        private static DiagnosticResult Resolve(DiagnosticResult diagnostic, Dictionary<int, FileLinePositionSpan> markupLocations, string defaultPath)
        {
            var locations = ImmutableArray.CreateBuilder<DiagnosticLocation>();
            foreach (var location in diagnostic.Locations)
            {
                if (location.IsMarkupKey)
                {
                    if (!markupLocations.TryGetValue(location.MarkupKey, out var span))
                    {
                        throw new VerificationException($"Expected diagnostic {diagnostic.Id} uses markup location #{location.MarkupKey}, which no source defines.");
                    }

                    locations.Add(new DiagnosticLocation(span.Path, span.Span, false, 0, false));
                }
                else
                {
                    locations.Add(string.IsNullOrEmpty(location.Path) ? location with { Path = defaultPath } : location);
                }
            }

            return diagnostic.WithLocations(locations.ToImmutable());
        }
    }
}
