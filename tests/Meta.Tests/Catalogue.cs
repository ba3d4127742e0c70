using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Consistency.Meta.Tests
{
    /// <summary>Everything the product ships that reports or fixes diagnostics, found by reflection.</summary>
    internal static class Catalogue
    {
        public static readonly Assembly AnalyzersAssembly = typeof(Consistency.Analyzers.RuleIdentifiers).Assembly;
        public static readonly Assembly CodeFixesAssembly = LoadCodeFixes();
        public static readonly Assembly GeneratorsAssembly = typeof(Consistency.Generators.Internals.EquatableArray<>).Assembly;

        public static IReadOnlyList<Type> AnalyzerTypes { get; } = ExportedTypes(AnalyzersAssembly, typeof(DiagnosticAnalyzer))
            .Concat(ExportedTypes(GeneratorsAssembly, typeof(DiagnosticAnalyzer)))
            .ToList();

        public static IReadOnlyList<Type> FixerTypes { get; } = ExportedTypes(CodeFixesAssembly, typeof(CodeFixProvider)).ToList();

        public static IReadOnlyList<DiagnosticAnalyzer> Analyzers { get; } = AnalyzerTypes.Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!).ToList();

        public static IReadOnlyList<CodeFixProvider> Fixers { get; } = FixerTypes.Select(t => (CodeFixProvider)Activator.CreateInstance(t)!).ToList();

        /// <summary>Descriptors of the analyzers and those the generator reports itself (static fields of type DiagnosticDescriptor).</summary>
        public static IReadOnlyList<DiagnosticDescriptor> Descriptors { get; } = Analyzers.SelectMany(a => a.SupportedDiagnostics)
            .Concat(GeneratorsAssembly.GetTypes().SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
                .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
                .Select(f => (DiagnosticDescriptor)f.GetValue(null)!))
            .Distinct()
            .ToList();

        public static IEnumerable<string> RuleIdentifierConstants()
            => typeof(Consistency.Analyzers.RuleIdentifiers).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral && f.FieldType == typeof(string))
                .Select(f => (string)f.GetRawConstantValue()!);

        private static IEnumerable<Type> ExportedTypes(Assembly assembly, Type baseType)
            => assembly.GetTypes().Where(t => !t.IsAbstract && baseType.IsAssignableFrom(t)).OrderBy(t => t.FullName, StringComparer.Ordinal);

        private static Assembly LoadCodeFixes() => Assembly.Load("Consistency.CodeFixes");
    }
}
