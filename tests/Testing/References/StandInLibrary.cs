using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Consistency.Testing.References
{
    /// <summary>
    /// Compiles the stand-in SDKs (embedded sources under StandIns/&lt;AssemblyName&gt;/) into in-memory assemblies
    /// that carry the real assembly names, once per process. A file may declare dependencies on other stand-ins
    /// with a first line <c>// StandIn-References: Name1, Name2</c>.
    /// </summary>
    public static class StandInLibrary
    {
        private const string Prefix = "StandIns/";
        private const string ReferencesHeader = "// StandIn-References:";
        private static readonly Lazy<ImmutableDictionary<string, ImmutableArray<(string Path, string Text)>>> Sources = new(LoadSources);
        private static readonly ConcurrentDictionary<string, Lazy<MetadataReference>> Compiled = new(StringComparer.Ordinal);

        public static IEnumerable<string> AllNames => Sources.Value.Keys.OrderBy(k => k, StringComparer.Ordinal);

        /// <summary>The stand-ins named and, transitively, the stand-ins they depend on, dependencies first.</summary>
        public static IEnumerable<MetadataReference> Resolve(IEnumerable<string> names)
        {
            var ordered = new List<string>();
            var visiting = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in names)
            {
                Visit(name, ordered, visiting);
            }

            return ordered.Select(Get);
        }

        public static MetadataReference Get(string name)
            => Compiled.GetOrAdd(name, n => new Lazy<MetadataReference>(() => Compile(n))).Value;

        private static void Visit(string name, List<string> ordered, HashSet<string> visiting)
        {
            if (ordered.Contains(name))
            {
                return;
            }

            if (!visiting.Add(name))
            {
                throw new InvalidOperationException($"Stand-in '{name}' depends on itself.");
            }

            foreach (var dependency in DependenciesOf(name))
            {
                Visit(dependency, ordered, visiting);
            }

            ordered.Add(name);
        }

        private static IEnumerable<string> DependenciesOf(string name)
        {
            if (!Sources.Value.TryGetValue(name, out var files))
            {
                throw new InvalidOperationException($"No stand-in named '{name}'. Known: {string.Join(", ", AllNames)}.");
            }

            foreach (var (_, text) in files)
            {
                if (text.StartsWith(ReferencesHeader, StringComparison.Ordinal))
                {
                    string line = text.Substring(ReferencesHeader.Length, text.IndexOf('\n') - ReferencesHeader.Length);
                    foreach (var dependency in line.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        yield return dependency;
                    }
                }
            }
        }

        private static MetadataReference Compile(string name)
        {
            var files = Sources.Value[name];
            var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
            var trees = files.Select(f => CSharpSyntaxTree.ParseText(f.Text, parseOptions, path: f.Path, encoding: Encoding.UTF8));
            var references = ReferenceAssemblies.Net.WithAbstractions().WithDynamoDb().Resolve()
                .Concat(Resolve(DependenciesOf(name)));
            var compilation = CSharpCompilation.Create(
                name,
                trees,
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, deterministic: true));
            using var stream = new MemoryStream();
            var result = compilation.Emit(stream);
            if (!result.Success)
            {
                var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString());
                throw new InvalidOperationException($"Stand-in '{name}' does not compile:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
            }

            return MetadataReference.CreateFromImage(stream.ToArray(), filePath: name + ".dll");
        }

        private static ImmutableDictionary<string, ImmutableArray<(string Path, string Text)>> LoadSources()
        {
            var assembly = typeof(StandInLibrary).Assembly;
            var result = new Dictionary<string, List<(string, string)>>(StringComparer.Ordinal);
            foreach (var resource in assembly.GetManifestResourceNames())
            {
                if (!resource.StartsWith(Prefix, StringComparison.Ordinal))
                {
                    continue;
                }

                string relative = resource.Substring(Prefix.Length).Replace('\\', '/');
                int slash = relative.IndexOf('/');
                if (slash <= 0)
                {
                    continue;
                }

                string name = relative.Substring(0, slash);
                using var stream = assembly.GetManifestResourceStream(resource)!;
                using var reader = new StreamReader(stream, Encoding.UTF8);
                if (!result.TryGetValue(name, out var list))
                {
                    result[name] = list = new List<(string, string)>();
                }

                list.Add((resource, reader.ReadToEnd()));
            }

            return result.ToImmutableDictionary(
                kv => kv.Key,
                kv => kv.Value.OrderBy(f => f.Item1, StringComparer.Ordinal).ToImmutableArray(),
                StringComparer.Ordinal);
        }
    }
}
