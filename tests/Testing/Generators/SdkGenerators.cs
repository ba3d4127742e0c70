using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Consistency.Testing.Generators
{
    /// <summary>
    /// The source generators the .NET SDK adds to every C# build, loaded from the SDK's targeting pack so that tests
    /// can run them next to ours (a generator never sees another generator's output; tests must show that the
    /// combination compiles).
    /// </summary>
    public static class SdkGenerators
    {
        private static readonly Lazy<Assembly> SystemTextJsonAssembly = new(() => Assembly.LoadFrom(FindInTargetingPack("System.Text.Json.SourceGeneration.dll")));

        /// <summary>A new instance of the System.Text.Json source generator (<c>JsonSourceGenerator</c>).</summary>
        public static ISourceGenerator SystemTextJson()
        {
            var type = SystemTextJsonAssembly.Value.GetTypes().Single(t => typeof(IIncrementalGenerator).IsAssignableFrom(t) && !t.IsAbstract);
            return ((IIncrementalGenerator)Activator.CreateInstance(type)!).AsSourceGenerator();
        }

        // The runtime runs from {dotnet}/shared/Microsoft.NETCore.App/{version}; its reference pack, with the analyzers
        // that ship with it, is {dotnet}/packs/Microsoft.NETCore.App.Ref/{version}.
        private static string FindInTargetingPack(string fileName)
        {
            var runtimeDirectory = new DirectoryInfo(Path.GetDirectoryName(typeof(object).Assembly.Location)!);
            string dotnetRoot = runtimeDirectory.Parent!.Parent!.Parent!.FullName;
            string packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
            string exact = Path.Combine(packs, runtimeDirectory.Name, "analyzers", "dotnet", "cs", fileName);
            if (File.Exists(exact))
            {
                return exact;
            }

            var candidate = Directory.Exists(packs)
                ? Directory.GetDirectories(packs)
                    .Where(d => Path.GetFileName(d).StartsWith(Environment.Version.Major + ".", StringComparison.Ordinal))
                    .Select(d => Path.Combine(d, "analyzers", "dotnet", "cs", fileName))
                    .Where(File.Exists)
                    .OrderByDescending(p => p, StringComparer.Ordinal)
                    .FirstOrDefault()
                : null;
            return candidate ?? throw new FileNotFoundException($"{fileName} is not in the .NET targeting pack under {packs}.");
        }
    }
}
