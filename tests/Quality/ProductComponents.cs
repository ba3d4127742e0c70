using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Consistency.Testing.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Consistency.Quality
{
    /// <summary>
    /// The analyzers, code fixes and generators the product ships, found by reflection in their assemblies, so that a
    /// rule or generator added later is measured, exercised and policed without editing the quality gates or the meta
    /// tests. Analyzers and fixers are every concrete subclass, exported or not: the meta tests assert the export
    /// attributes, so one that lacks its attribute is caught rather than silently left out.
    /// </summary>
    public static class ProductComponents
    {
        public const string AnalyzersAssemblyName = "Consistency.Analyzers";
        public const string CodeFixesAssemblyName = "Consistency.CodeFixes";
        public const string GeneratorsAssemblyName = "Consistency.Generators";

        private static readonly Lazy<ImmutableArray<Type>> AnalyzerTypeList = new(() =>
            ConcreteTypes(AnalyzersAssemblyName, typeof(DiagnosticAnalyzer))
                .Concat(ConcreteTypes(GeneratorsAssemblyName, typeof(DiagnosticAnalyzer)))
                .ToImmutableArray());

        private static readonly Lazy<ImmutableArray<Type>> FixerTypeList = new(() =>
            ConcreteTypes(CodeFixesAssemblyName, typeof(CodeFixProvider)).ToImmutableArray());

        private static readonly Lazy<ImmutableArray<Type>> GeneratorTypeList = new(() =>
            ConcreteTypes(GeneratorsAssemblyName, typeof(IIncrementalGenerator))
                .Concat(ConcreteTypes(GeneratorsAssemblyName, typeof(ISourceGenerator)))
                .Where(t => t.GetCustomAttribute<GeneratorAttribute>() is not null)
                .Distinct()
                .ToImmutableArray());

        public static ImmutableArray<Type> AnalyzerTypes => AnalyzerTypeList.Value;

        public static ImmutableArray<Type> FixerTypes => FixerTypeList.Value;

        public static ImmutableArray<Type> GeneratorTypes => GeneratorTypeList.Value;

        /// <summary>New instances (an analyzer may keep per-instance state; each run gets its own).</summary>
        public static ImmutableArray<DiagnosticAnalyzer> CreateAnalyzers() => CreateAnalyzers(AnalyzerTypes);

        /// <summary>New instances of the given analyzer types (those of another build too, <see cref="AnalyzerTypesIn"/>).</summary>
        public static ImmutableArray<DiagnosticAnalyzer> CreateAnalyzers(IEnumerable<Type> analyzerTypes)
            => analyzerTypes.Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!).ToImmutableArray();

        public static ImmutableArray<CodeFixProvider> CreateFixers()
            => FixerTypes.Select(t => (CodeFixProvider)Activator.CreateInstance(t)!).ToImmutableArray();

        /// <summary>Every generator, as the driver runs it.</summary>
        public static ImmutableArray<ISourceGenerator> CreateGenerators()
        {
            var generators = new SourceGeneratorList();
            foreach (var type in GeneratorTypes)
            {
                generators.Add(type);
            }

            return generators.ToImmutableArray();
        }

        /// <summary>The rule ids some shipped analyzer reports.</summary>
        public static ImmutableHashSet<string> ImplementedRuleIds()
            => CreateAnalyzers().SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToImmutableHashSet(StringComparer.Ordinal);

        /// <summary>A short name for reports: the type name and the ids it reports.</summary>
        public static string Describe(DiagnosticAnalyzer analyzer)
            => analyzer.GetType().Name + " (" + string.Join(", ", analyzer.SupportedDiagnostics.Select(d => d.Id).Distinct().OrderBy(i => i, StringComparer.Ordinal)) + ")";

        /// <summary>
        /// The analyzers of one assembly loaded from elsewhere (another build of the product, in a load context of its
        /// own), found as <see cref="AnalyzerTypes"/> are.
        /// </summary>
        public static ImmutableArray<Type> AnalyzerTypesIn(Assembly assembly)
            => ConcreteTypes(assembly, typeof(DiagnosticAnalyzer)).ToImmutableArray();

        private static IEnumerable<Type> ConcreteTypes(string assemblyName, Type baseType)
            => ConcreteTypes(Assembly.Load(assemblyName), baseType);

        private static IEnumerable<Type> ConcreteTypes(Assembly assembly, Type baseType)
        {
            Type[] types;
            try
            {
                types = assembly.GetTypes();
            }
            catch (ReflectionTypeLoadException exception)
            {
                types = exception.Types.Where(t => t is not null).ToArray()!;
            }

            return types.Where(t => t.IsClass && !t.IsAbstract && baseType.IsAssignableFrom(t)).OrderBy(t => t.FullName, StringComparer.Ordinal);
        }
    }
}
