using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Consistency.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Consistency.Quality
{
    /// <summary>Compilations over the harness's offline references: the framework, the real DynamoDB SDK, our attributes and every stand-in SDK.</summary>
    public static class QualityCompilation
    {
        private static readonly System.Lazy<ImmutableArray<MetadataReference>> DefaultReferences = new(() => ReferenceAssemblies.Default.Resolve().ToImmutableArray());

        public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest, DocumentationMode.None);

        public static ImmutableArray<MetadataReference> References => DefaultReferences.Value;

        public static SyntaxTree Parse(string path, string text)
            => CSharpSyntaxTree.ParseText(SourceText.From(text, Encoding.UTF8), ParseOptions, path);

        /// <summary>A library compilation; <c>concurrentBuild: false</c> for timing, so that compiler and analyzer times are both single-threaded.</summary>
        public static CSharpCompilation Create(string assemblyName, IEnumerable<SyntaxTree> trees, bool concurrentBuild = true)
            => CSharpCompilation.Create(
                assemblyName,
                trees,
                References,
                new CSharpCompilationOptions(
                    OutputKind.DynamicallyLinkedLibrary,
                    nullableContextOptions: NullableContextOptions.Enable,
                    concurrentBuild: concurrentBuild,
                    deterministic: true));

        public static CSharpCompilation Create(string assemblyName, IEnumerable<(string Path, string Text)> sources, bool concurrentBuild = true)
            => Create(assemblyName, ParseAll(sources), concurrentBuild);

        /// <summary>The trees of several sources, parsed once so that fresh compilations of them share the trees (as a benchmark's repetitions do).</summary>
        public static List<SyntaxTree> ParseAll(IEnumerable<(string Path, string Text)> sources)
            => sources.Select(s => Parse(s.Path, s.Text)).ToList();
    }
}
