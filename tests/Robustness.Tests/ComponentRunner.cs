using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Consistency.Quality;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Consistency.Robustness.Tests
{
    /// <summary>
    /// Runs every shipped analyzer, code fix and generator over a compilation and records every crash: an analyzer
    /// exception (AD0001 or the driver's exception callback), a fixer that throws while registering or computing its
    /// actions, and a generator exception. Crashes are collected, not thrown, so that one run reports them all.
    /// </summary>
    internal sealed class ComponentRunner
    {
        private readonly ImmutableArray<DiagnosticAnalyzer> analyzers = ProductComponents.CreateAnalyzers();
        private readonly ImmutableArray<CodeFixProvider> fixers = ProductComponents.CreateFixers();
        private readonly ImmutableHashSet<string> fixableIds;
        private GeneratorDriver? driver;

        public ComponentRunner()
        {
            fixableIds = fixers.SelectMany(f => f.FixableDiagnosticIds).ToImmutableHashSet(StringComparer.Ordinal);
            var generators = ProductComponents.CreateGenerators();
            driver = generators.IsEmpty ? null : CSharpGeneratorDriver.Create(generators, parseOptions: QualityCompilation.ParseOptions);
        }

        public ConcurrentQueue<string> Failures { get; } = new();

        public int Runs { get; private set; }

        public int DiagnosticsSeen { get; private set; }

        public int FixesApplied { get; private set; }

        /// <summary>Analyzes <paramref name="tree"/> only (or the whole compilation when null), then fixes and generates.</summary>
        public async Task RunAsync(CSharpCompilation compilation, SyntaxTree? tree, string description)
        {
            Runs++;
            var diagnostics = await AnalyzeAsync(compilation, tree, description).ConfigureAwait(false);
            DiagnosticsSeen += diagnostics.Length;
            var fixable = diagnostics.Where(d => fixableIds.Contains(d.Id) && d.Location.IsInSource).ToList();
            if (fixable.Count > 0)
            {
                await FixAsync(compilation, fixable, description).ConfigureAwait(false);
            }

            Generate(compilation, description);
        }

        private async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation, SyntaxTree? tree, string description)
        {
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (exception, analyzer, _) => Failures.Enqueue($"{description}: {analyzer.GetType().Name} threw {exception}"),
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: false);
            var withAnalyzers = compilation.WithAnalyzers(analyzers, options);
            ImmutableArray<Diagnostic> diagnostics;
            if (tree is null)
            {
                diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                var model = compilation.GetSemanticModel(tree);
                var syntax = await withAnalyzers.GetAnalyzerSyntaxDiagnosticsAsync(tree, CancellationToken.None).ConfigureAwait(false);
                var semantic = await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, filterSpan: null, CancellationToken.None).ConfigureAwait(false);
                diagnostics = syntax.AddRange(semantic);
            }

            foreach (var diagnostic in diagnostics)
            {
                if (diagnostic.Id is "AD0001" or "AD0002")
                {
                    Failures.Enqueue($"{description}: {diagnostic}");
                }
            }

            return diagnostics;
        }

        /// <summary>Asks every fixer of each diagnostic for its actions and applies each, in a workspace copy of the compilation.</summary>
        private async Task FixAsync(CSharpCompilation compilation, List<Diagnostic> fixable, string description)
        {
            using var workspace = new AdhocWorkspace();
            var projectId = ProjectId.CreateNewId();
            var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
                projectId, VersionStamp.Default, "Robustness", compilation.AssemblyName ?? "Robustness", LanguageNames.CSharp,
                compilationOptions: compilation.Options, parseOptions: QualityCompilation.ParseOptions, metadataReferences: compilation.References));
            var documents = new Dictionary<SyntaxTree, DocumentId>();
            foreach (var tree in compilation.SyntaxTrees)
            {
                var id = DocumentId.CreateNewId(projectId, tree.FilePath);
                solution = solution.AddDocument(id, System.IO.Path.GetFileName(tree.FilePath), tree.GetText(), filePath: tree.FilePath);
                documents[tree] = id;
            }

            foreach (var diagnostic in fixable)
            {
                if (!documents.TryGetValue(diagnostic.Location.SourceTree!, out var documentId))
                {
                    continue;
                }

                var document = solution.GetDocument(documentId)!;
                foreach (var fixer in fixers.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
                {
                    var actions = new List<CodeAction>();
                    try
                    {
                        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
                        await fixer.RegisterCodeFixesAsync(context).ConfigureAwait(false);
                        foreach (var action in Flatten(actions))
                        {
                            foreach (var operation in await action.GetOperationsAsync(CancellationToken.None).ConfigureAwait(false))
                            {
                                if (operation is ApplyChangesOperation apply)
                                {
                                    foreach (var changed in apply.ChangedSolution.GetChanges(solution).GetProjectChanges().SelectMany(p => p.GetChangedDocuments()))
                                    {
                                        _ = await apply.ChangedSolution.GetDocument(changed)!.GetSyntaxRootAsync().ConfigureAwait(false);
                                    }

                                    FixesApplied++;
                                }
                            }
                        }
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        Failures.Enqueue($"{description}: {fixer.GetType().Name} crashed fixing {diagnostic}: {exception}");
                    }
                }
            }
        }

        private static IEnumerable<CodeAction> Flatten(IEnumerable<CodeAction> actions)
        {
            foreach (var action in actions)
            {
                if (action.NestedActions.IsEmpty)
                {
                    yield return action;
                }
                else
                {
                    foreach (var nested in Flatten(action.NestedActions))
                    {
                        yield return nested;
                    }
                }
            }
        }

        private void Generate(Compilation compilation, string description)
        {
            if (driver is null)
            {
                return;
            }

            // One driver for the whole run, as in an IDE: every variant is an edit of the previous compilation.
            driver = driver.RunGenerators(compilation);
            foreach (var result in driver.GetRunResult().Results)
            {
                if (result.Exception is { } exception)
                {
                    Failures.Enqueue($"{description}: generator {result.Generator.GetGeneratorType().Name} threw {exception}");
                }

                foreach (var diagnostic in result.Diagnostics)
                {
                    if (diagnostic.Id is "CS8784" or "CS8785")
                    {
                        Failures.Enqueue($"{description}: {diagnostic}");
                    }
                }
            }
        }
    }
}
