using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Consistency.Testing.Generators;
using Consistency.Testing.Internal;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using Microsoft.CodeAnalysis.Text;

namespace Consistency.Testing
{
    /// <summary>
    /// Verifies code fixes as Microsoft.CodeAnalysis.Testing's CodeFixTest does: the analyzer pass over the input and
    /// over the fixed code, then the fixes applied one by one and with Fix All in Document, Project and Solution
    /// scope. Every applied fix must produce a syntax tree equal to its own re-parsed text and no new compiler error.
    /// </summary>
    public abstract class CodeFixTest : AnalyzerTest
    {
        public SolutionState FixedState { get; } = new();

        public SolutionState BatchFixedState { get; } = new();

        /// <summary>The expected code after the fixes; markup in it names diagnostics that must remain.</summary>
        public string FixedCode
        {
            set => FixedState.Sources.Add(value);
        }

        /// <summary>The expected code after Fix All, when it differs from <see cref="FixedCode"/>.</summary>
        public string BatchFixedCode
        {
            set => BatchFixedState.Sources.Add(value);
        }

        public string? CodeActionEquivalenceKey { get; set; }

        public int? CodeActionIndex { get; set; }

        /// <summary>How many fixes the one-by-one loop applies; by default at most one per fixable diagnostic.</summary>
        public int? NumberOfIncrementalIterations { get; set; }

        /// <summary>How many Fix All applications are expected; by default at most one per document (or project).</summary>
        public int? NumberOfFixAllIterations { get; set; }

        public CodeFixTestBehaviors CodeFixTestBehaviors { get; set; }

        public override async Task RunAsync(CancellationToken cancellationToken = default)
        {
            var analyzers = GetDiagnosticAnalyzers().ToImmutableArray();
            var fixers = GetCodeFixProviders().ToImmutableArray();
            await base.RunAsync(cancellationToken).ConfigureAwait(false);

            if (FixedState.Sources.Count == 0)
            {
                return;
            }

            var initial = StateEvaluator.Evaluate(TestState, null, ReferenceAssemblies, analyzers);
            var fixedState = StateEvaluator.Evaluate(FixedState, TestState, ReferenceAssemblies, analyzers);
            var batchFixedState = BatchFixedState.Sources.Count == 0
                ? fixedState
                : StateEvaluator.Evaluate(BatchFixedState, TestState, ReferenceAssemblies, analyzers);

            // The fixed code is ordinary code: its remaining diagnostics are exactly its markup.
            await VerifyDiagnosticsAsync(fixedState, analyzers, "fixed state", includeSuppressed: false, cancellationToken).ConfigureAwait(false);
            if (!ReferenceEquals(batchFixedState, fixedState))
            {
                await VerifyDiagnosticsAsync(batchFixedState, analyzers, "batch fixed state", includeSuppressed: false, cancellationToken).ConfigureAwait(false);
            }

            if (SameSources(initial, fixedState))
            {
                await VerifyNoFixOfferedAsync(initial, analyzers, fixers, cancellationToken).ConfigureAwait(false);
                return;
            }

            if (!CodeFixTestBehaviors.HasFlag(CodeFixTestBehaviors.FixOne))
            {
                await VerifyOneByOneAsync(initial, fixedState, analyzers, fixers, cancellationToken).ConfigureAwait(false);
            }

            foreach (var scope in new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution })
            {
                var skip = scope switch
                {
                    FixAllScope.Document => CodeFixTestBehaviors.SkipFixAllInDocumentCheck,
                    FixAllScope.Project => CodeFixTestBehaviors.SkipFixAllInProjectCheck,
                    _ => CodeFixTestBehaviors.SkipFixAllInSolutionCheck,
                };
                if (!CodeFixTestBehaviors.HasFlag(skip))
                {
                    await VerifyFixAllAsync(initial, batchFixedState, analyzers, fixers, scope, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        protected abstract IEnumerable<CodeFixProvider> GetCodeFixProviders();

        private async Task VerifyNoFixOfferedAsync(EvaluatedSolution initial, ImmutableArray<DiagnosticAnalyzer> analyzers, ImmutableArray<CodeFixProvider> fixers, CancellationToken cancellationToken)
        {
            using var workspace = new AdhocWorkspace();
            var solution = SolutionFactory.Create(workspace, initial, Settings, analyzers);
            foreach (var diagnostic in await GetFixableDiagnosticsAsync(solution, analyzers, fixers, cancellationToken).ConfigureAwait(false))
            {
                var (action, _) = await FindActionAsync(solution, diagnostic.Diagnostic, fixers, cancellationToken).ConfigureAwait(false);
                if (action is not null)
                {
                    throw new VerificationException(
                        $"The fixed code equals the input, so no fix should be offered, but '{action.Title}' (key '{action.EquivalenceKey}') is offered for {DiagnosticRunner.Describe(diagnostic.Diagnostic)}.");
                }
            }
        }

        private async Task VerifyOneByOneAsync(EvaluatedSolution initial, EvaluatedSolution expected, ImmutableArray<DiagnosticAnalyzer> analyzers, ImmutableArray<CodeFixProvider> fixers, CancellationToken cancellationToken)
        {
            using var workspace = new AdhocWorkspace();
            var solution = SolutionFactory.Create(workspace, initial, Settings, analyzers);
            int bound = NumberOfIncrementalIterations
                ?? (await GetFixableDiagnosticsAsync(solution, analyzers, fixers, cancellationToken).ConfigureAwait(false)).Length;
            var seen = new List<string>();
            int iterations = 0;

            while (iterations < bound)
            {
                var fixable = await GetFixableDiagnosticsAsync(solution, analyzers, fixers, cancellationToken).ConfigureAwait(false);
                if (fixable.IsEmpty)
                {
                    break;
                }

                string fingerprint = Fingerprint(fixable);
                if (seen.Contains(fingerprint))
                {
                    throw new VerificationException($"Infinite fix loop: after {iterations} fix(es) the same diagnostics are back:{Environment.NewLine}{fingerprint}");
                }

                seen.Add(fingerprint);
                CodeAction? action = null;
                foreach (var diagnostic in fixable)
                {
                    (action, _) = await FindActionAsync(solution, diagnostic.Diagnostic, fixers, cancellationToken).ConfigureAwait(false);
                    if (action is not null)
                    {
                        break;
                    }
                }

                if (action is null)
                {
                    break;
                }

                solution = await ApplyAsync(action, solution, $"fix {iterations + 1} ('{action.Title}')", cancellationToken).ConfigureAwait(false);
                iterations++;
            }

            if (NumberOfIncrementalIterations is { } exact && exact != iterations)
            {
                throw new VerificationException($"Expected {exact} fix iteration(s), but {iterations} were applied.");
            }

            await CompareTextAsync(solution, expected, "one-by-one fixes", cancellationToken).ConfigureAwait(false);
        }

        private async Task VerifyFixAllAsync(EvaluatedSolution initial, EvaluatedSolution expected, ImmutableArray<DiagnosticAnalyzer> analyzers, ImmutableArray<CodeFixProvider> fixers, FixAllScope scope, CancellationToken cancellationToken)
        {
            using var workspace = new AdhocWorkspace();
            var solution = SolutionFactory.Create(workspace, initial, Settings, analyzers);
            var fixableAtStart = await GetFixableDiagnosticsAsync(solution, analyzers, fixers, cancellationToken).ConfigureAwait(false);
            int bound = NumberOfFixAllIterations ?? (scope == FixAllScope.Document
                ? fixableAtStart.Select(d => d.Diagnostic.Location.SourceTree?.FilePath).Distinct().Count()
                : fixableAtStart.Select(d => d.ProjectId).Distinct().Count());
            int iterations = 0;

            while (iterations < bound)
            {
                var all = await DiagnosticRunner.GetDiagnosticsAsync(solution, analyzers, Generators, cancellationToken).ConfigureAwait(false);
                var fixable = await GetFixableDiagnosticsAsync(solution, analyzers, fixers, cancellationToken).ConfigureAwait(false);
                CodeAction? action = null;
                CodeFixProvider? provider = null;
                ReportedDiagnostic first = default;
                foreach (var diagnostic in fixable)
                {
                    (action, provider) = await FindActionAsync(solution, diagnostic.Diagnostic, fixers, cancellationToken).ConfigureAwait(false);
                    if (action is not null)
                    {
                        first = diagnostic;
                        break;
                    }
                }

                if (action is null || provider is null)
                {
                    break;
                }

                var fixAllProvider = provider.GetFixAllProvider();
                if (fixAllProvider is null || !fixAllProvider.GetSupportedFixAllScopes().Contains(scope))
                {
                    return; // this provider does not offer Fix All at this scope; the meta tests police that choice
                }

                var document = solution.GetDocument(first.Diagnostic.Location.SourceTree)!;
                var context = new FixAllContext(
                    document,
                    first.Diagnostic.Location.SourceSpan,
                    provider,
                    scope,
                    action.EquivalenceKey,
                    fixAllProvider.GetSupportedFixAllDiagnosticIds(provider),
                    new TestDiagnosticProvider(all.Where(d => !d.Diagnostic.IsSuppressed).ToImmutableArray()),
                    cancellationToken);
                var fixAll = await fixAllProvider.GetFixAsync(context).ConfigureAwait(false);
                if (fixAll is null)
                {
                    break;
                }

                solution = await ApplyAsync(fixAll, solution, $"Fix All in {scope}", cancellationToken).ConfigureAwait(false);
                iterations++;
            }

            if (NumberOfFixAllIterations is { } exact && exact != iterations)
            {
                throw new VerificationException($"Expected {exact} Fix All iteration(s) in {scope} scope, but {iterations} were applied.");
            }

            await CompareTextAsync(solution, expected, $"Fix All in {scope}", cancellationToken).ConfigureAwait(false);
        }

        private async Task<ImmutableArray<ReportedDiagnostic>> GetFixableDiagnosticsAsync(Solution solution, ImmutableArray<DiagnosticAnalyzer> analyzers, ImmutableArray<CodeFixProvider> fixers, CancellationToken cancellationToken)
        {
            var diagnostics = await DiagnosticRunner.GetDiagnosticsAsync(solution, analyzers, Generators, cancellationToken).ConfigureAwait(false);
            return diagnostics
                .Where(d => !d.Diagnostic.IsSuppressed
                    && d.Diagnostic.Location.IsInSource
                    && solution.GetDocument(d.Diagnostic.Location.SourceTree) is not null
                    && fixers.Any(f => f.FixableDiagnosticIds.Contains(d.Diagnostic.Id)))
                .OrderBy(d => d.Diagnostic.Location.SourceTree!.FilePath, StringComparer.Ordinal)
                .ThenBy(d => d.Diagnostic.Location.SourceSpan.Start)
                .ThenBy(d => d.Diagnostic.Id, StringComparer.Ordinal)
                .ToImmutableArray();
        }

        /// <summary>The action to apply for one diagnostic: by equivalence key, else by index, else the first.</summary>
        private async Task<(CodeAction? Action, CodeFixProvider? Provider)> FindActionAsync(Solution solution, Diagnostic diagnostic, ImmutableArray<CodeFixProvider> fixers, CancellationToken cancellationToken)
        {
            var document = solution.GetDocument(diagnostic.Location.SourceTree)!;
            foreach (var fixer in fixers.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
            {
                var registered = new List<CodeAction>();
                var context = new CodeFixContext(document, diagnostic.Location.SourceSpan, ImmutableArray.Create(diagnostic), (a, _) => registered.Add(a), cancellationToken);
                await fixer.RegisterCodeFixesAsync(context).ConfigureAwait(false);
                var actions = Flatten(registered).ToList();
                if (actions.Count == 0)
                {
                    continue;
                }

                if (CodeActionEquivalenceKey is not null)
                {
                    int index = actions.FindIndex(a => a.EquivalenceKey == CodeActionEquivalenceKey);
                    if (index < 0)
                    {
                        continue;
                    }

                    if (CodeActionIndex is { } expectedIndex && expectedIndex != index)
                    {
                        throw new VerificationException($"Code action '{CodeActionEquivalenceKey}' is at index {index}, not {expectedIndex}.");
                    }

                    return (actions[index], fixer);
                }

                int chosen = CodeActionIndex ?? 0;
                if (chosen >= actions.Count)
                {
                    throw new VerificationException($"Code action index {chosen} requested, but only {actions.Count} action(s) are offered: {string.Join(", ", actions.Select(a => a.Title))}.");
                }

                return (actions[chosen], fixer);
            }

            return (null, null);
        }

        private static IEnumerable<CodeAction> Flatten(IEnumerable<CodeAction> actions)
        {
            foreach (var action in actions)
            {
                if (action.NestedActions.IsDefaultOrEmpty)
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

        private async Task<Solution> ApplyAsync(CodeAction action, Solution oldSolution, string what, CancellationToken cancellationToken)
        {
            var operations = await action.GetOperationsAsync(cancellationToken).ConfigureAwait(false);
            var apply = operations.OfType<ApplyChangesOperation>().ToList();
            if (apply.Count != 1)
            {
                throw new VerificationException($"{what}: expected exactly one ApplyChangesOperation, got {apply.Count}.");
            }

            var newSolution = apply[0].ChangedSolution;
            await VerifyTreesAsync(oldSolution, newSolution, what, cancellationToken).ConfigureAwait(false);
            await VerifyNoNewCompilerErrorsAsync(oldSolution, newSolution, Generators, what, cancellationToken).ConfigureAwait(false);
            return newSolution;
        }

        /// <summary>A fixer's tree must be what its own text parses to; otherwise it built an invalid tree.</summary>
        private static async Task VerifyTreesAsync(Solution oldSolution, Solution newSolution, string what, CancellationToken cancellationToken)
        {
            foreach (var change in newSolution.GetChanges(oldSolution).GetProjectChanges())
            {
                foreach (var id in change.GetChangedDocuments().Concat(change.GetAddedDocuments()))
                {
                    var document = newSolution.GetDocument(id)!;
                    var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                    var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
                    var reparsed = CSharpSyntaxTree.ParseText(SourceText.From(text.ToString(), text.Encoding ?? Encoding.UTF8, text.ChecksumAlgorithm), (CSharpParseOptions)document.Project.ParseOptions!, cancellationToken: cancellationToken);
                    var reparsedRoot = await reparsed.GetRootAsync(cancellationToken).ConfigureAwait(false);
                    if (root is null || !SameStructure(root, reparsedRoot))
                    {
                        throw new VerificationException($"{what}: the syntax tree of {document.FilePath} differs from the tree its text parses to; the fixer built an invalid tree.{Environment.NewLine}{text}");
                    }
                }
            }
        }

        // The structure every consumer sees: node and token kinds through ChildNodesAndTokens, and each token's text
        // and missing flag — what the Testing library's tree comparison walks, rather than green-node equivalence.
        private static bool SameStructure(SyntaxNode left, SyntaxNode right)
        {
            if (left.RawKind != right.RawKind)
            {
                return false;
            }

            var a = left.ChildNodesAndTokens();
            var b = right.ChildNodesAndTokens();
            if (a.Count != b.Count)
            {
                return false;
            }

            for (int i = 0; i < a.Count; i++)
            {
                SyntaxNodeOrToken x = a[i], y = b[i];
                if (x.IsToken != y.IsToken || x.RawKind != y.RawKind)
                {
                    return false;
                }

                if (x.IsToken ? x.AsToken().Text != y.AsToken().Text || x.AsToken().IsMissing != y.AsToken().IsMissing : !SameStructure(x.AsNode()!, y.AsNode()!))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// A fix must add no compiler error; with source generators, none in the generated code either and no generator
        /// diagnostic at warning or error (a warning fails a build with warnings as errors).
        /// </summary>
        private static async Task VerifyNoNewCompilerErrorsAsync(Solution oldSolution, Solution newSolution, ImmutableArray<ISourceGenerator> generators, string what, CancellationToken cancellationToken)
        {
            foreach (var project in newSolution.Projects)
            {
                var before = new List<string>();
                var oldProject = oldSolution.GetProject(project.Id);
                if (oldProject is not null)
                {
                    before.AddRange(Problems(await GeneratorPass.RunAsync(oldProject, generators, cancellationToken).ConfigureAwait(false), cancellationToken).Select(Key));
                }

                var generated = await GeneratorPass.RunAsync(project, generators, cancellationToken).ConfigureAwait(false);
                var added = new List<string>();
                foreach (var problem in Problems(generated, cancellationToken))
                {
                    if (!before.Remove(Key(problem)))
                    {
                        added.Add(DiagnosticRunner.Describe(problem));
                    }
                }

                if (added.Count > 0)
                {
                    var texts = new StringBuilder();
                    foreach (var document in project.Documents)
                    {
                        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
                        texts.Append("--- ").AppendLine(document.FilePath).AppendLine(text.ToString());
                    }

                    // Generated files are shown only when the generators added something: they explain their errors.
                    foreach (var tree in generated.Compilation.SyntaxTrees.Where(t => project.GetDocument(t) is null && !string.IsNullOrEmpty(t.FilePath)))
                    {
                        texts.Append("--- (generated) ").AppendLine(tree.FilePath).AppendLine(tree.GetText(cancellationToken).ToString());
                    }

                    throw new VerificationException($"{what} introduced compiler error(s) or generator diagnostic(s):{Environment.NewLine}{string.Join(Environment.NewLine, added)}{Environment.NewLine}{texts}");
                }
            }

            static IEnumerable<Diagnostic> Problems(GeneratedCompilation generated, CancellationToken cancellationToken)
                => generated.Compilation.GetDiagnostics(cancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).Concat(generated.GeneratorDiagnostics.Where(d => !d.IsSuppressed));

            static string Key(Diagnostic d) => d.Id + ": " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        }

        private static async Task CompareTextAsync(Solution solution, EvaluatedSolution expected, string what, CancellationToken cancellationToken)
        {
            var expectedByPath = expected.Projects.SelectMany(p => p.Sources).ToDictionary(s => s.Path, s => s.Content, StringComparer.Ordinal);
            var actualPaths = new HashSet<string>(StringComparer.Ordinal);
            foreach (var project in solution.Projects)
            {
                foreach (var document in project.Documents)
                {
                    var path = document.FilePath ?? document.Name;
                    actualPaths.Add(path);
                    var cleaned = await Simplifier.ReduceAsync(document, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
                    cleaned = await Formatter.FormatAsync(cleaned, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
                    var actualText = (await cleaned.GetTextAsync(cancellationToken).ConfigureAwait(false)).ToString();
                    if (!expectedByPath.TryGetValue(path, out var expectedText))
                    {
                        throw new VerificationException($"{what}: produced document {path}, which the expected state does not have:{Environment.NewLine}{actualText}");
                    }

                    if (!string.Equals(TextDiff.Normalize(expectedText), TextDiff.Normalize(actualText), StringComparison.Ordinal))
                    {
                        throw new VerificationException($"{what}: {path} differs from the expected text (- expected, + actual):{Environment.NewLine}{TextDiff.Describe(expectedText, actualText)}");
                    }
                }
            }

            foreach (var path in expectedByPath.Keys.Where(p => !actualPaths.Contains(p)))
            {
                throw new VerificationException($"{what}: expected document {path} does not exist after the fixes.");
            }
        }

        private static bool SameSources(EvaluatedSolution left, EvaluatedSolution right)
        {
            var a = left.Projects.SelectMany(p => p.Sources).ToList();
            var b = right.Projects.SelectMany(p => p.Sources).ToList();
            return a.Count == b.Count && a.Zip(b).All(pair => pair.First.Path == pair.Second.Path && TextDiff.Normalize(pair.First.Content) == TextDiff.Normalize(pair.Second.Content));
        }

        private static string Fingerprint(ImmutableArray<ReportedDiagnostic> diagnostics)
            => string.Join(Environment.NewLine, diagnostics.Select(d => $"{d.Diagnostic.Id} {d.Diagnostic.Location.SourceTree?.FilePath} {d.Diagnostic.Location.SourceSpan}"));
    }
}
