using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Consistency.Quality;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Consistency.Meta.Tests
{
    /// <summary>Everything the product ships that reports or fixes diagnostics, found by reflection.</summary>
    internal static class Catalogue
    {
        public static readonly Assembly GeneratorsAssembly = typeof(Consistency.Generators.Internals.EquatableArray<>).Assembly;

        public static IReadOnlyList<Type> AnalyzerTypes => ProductComponents.AnalyzerTypes;

        public static IReadOnlyList<Type> FixerTypes => ProductComponents.FixerTypes;

        public static IReadOnlyList<DiagnosticAnalyzer> Analyzers { get; } = ProductComponents.CreateAnalyzers();

        public static IReadOnlyList<CodeFixProvider> Fixers { get; } = ProductComponents.CreateFixers();

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
    }
}
