using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Consistency.Analyzers.Flow;
using Consistency.Quality;
using Consistency.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Consistency.Analyzers.Tests.Flow
{
    /// <summary>
    /// Compares the summaries of every method computed by two engines (two ways of doing one step of the flow engine):
    /// the same effects at the same sites, and the same "may run before" relation between every two of them.
    /// </summary>
    internal static class SummaryComparison
    {
        /// <summary>The labelled corpus, compiled.</summary>
        public static CSharpCompilation Corpus()
        {
            string directory = TestPaths.FromRoot("tests", "Corpus.Tests", "Corpus");
            var trees = Directory.GetFiles(directory, "*.cs").OrderBy(f => f, System.StringComparer.Ordinal)
                .Select(f => QualityCompilation.Parse("Corpus/" + Path.GetFileName(f), File.ReadAllText(f)));
            return QualityCompilation.Create("Corpus", trees);
        }

        /// <summary>Two modules of generated service code, compiled.</summary>
        public static CSharpCompilation ServiceCode()
            => QualityCompilation.Create("Services", ServiceCodeGenerator.Generate(modules: 2).Select(s => QualityCompilation.Parse(s.Path, s.Text)));

        /// <summary>
        /// Asserts that the compilation compiles and that both engines give every method the same summary; returns how
        /// many summaries of the second engine have at least <paramref name="minimumEffects"/> effects.
        /// </summary>
        public static int AssertSameForEveryMethod(CSharpCompilation compilation, FlowEngine first, FlowEngine second, string firstName, string secondName, int minimumEffects)
        {
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors.Take(5)));

            int counted = 0;
            var differences = new StringBuilder();
            foreach (var tree in compilation.SyntaxTrees)
            {
                var model = compilation.GetSemanticModel(tree);
                foreach (var declaration in tree.GetRoot().DescendantNodes().Where(n => n is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax))
                {
                    if (model.GetDeclaredSymbol(declaration) is not IMethodSymbol method)
                    {
                        continue;
                    }

                    var one = first.GetSummary(method, CancellationToken.None);
                    var other = second.GetSummary(method, CancellationToken.None);
                    if (Difference(one, other, firstName, secondName) is { } difference)
                    {
                        differences.AppendLine(method.ToDisplayString() + ": " + difference);
                    }

                    if (other.Occurrences.Length >= minimumEffects)
                    {
                        counted++;
                    }
                }
            }

            Assert.True(differences.Length == 0, differences.ToString());
            return counted;
        }

        /// <summary>Null when the summaries agree; otherwise the first difference, naming each side.</summary>
        public static string? Difference(FlowSummary first, FlowSummary second, string firstName, string secondName)
        {
            if (first.Occurrences.Length != second.Occurrences.Length)
            {
                return $"{first.Occurrences.Length} effects {firstName}, {second.Occurrences.Length} {secondName}";
            }

            for (int i = 0; i < first.Occurrences.Length; i++)
            {
                var (a, b) = (first.Occurrences[i], second.Occurrences[i]);
                if (a.Effect.Kind != b.Effect.Kind || a.Effect.Traits != b.Effect.Traits || a.CallSite != b.CallSite || a.EffectLocation != b.EffectLocation)
                {
                    return $"effect {i}: {a.Effect.Kind} at {a.EffectLocation.GetLineSpan()} {firstName}, {b.Effect.Kind} at {b.EffectLocation.GetLineSpan()} {secondName}";
                }

                for (int j = 0; j < first.Occurrences.Length; j++)
                {
                    if (first.MayPrecede(i, j) != second.MayPrecede(i, j))
                    {
                        return $"effects {i} and {j}: may precede {first.MayPrecede(i, j)} {firstName}, {second.MayPrecede(i, j)} {secondName}";
                    }
                }
            }

            return null;
        }
    }
}
