using System;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Consistency.Testing.Tests
{
    /// <summary>An equatable model made of strings only.</summary>
    internal sealed record GreetingModel(string Namespace, string TypeName);

    /// <summary>For each <c>[Greet]</c> partial class, emits a <c>Hello()</c> method. Incremental as it should be.</summary>
    [Generator]
    public sealed class GreetGenerator : IIncrementalGenerator
    {
        public const string ModelStep = "GreetModel";

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var models = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    "Samples.GreetAttribute",
                    static (node, _) => node is ClassDeclarationSyntax,
                    static (ctx, _) => new GreetingModel(ctx.TargetSymbol.ContainingNamespace.ToDisplayString(), ctx.TargetSymbol.Name))
                .WithTrackingName(ModelStep);

            context.RegisterSourceOutput(models, static (spc, model) => spc.AddSource(
                model.TypeName + ".g.cs",
                SourceText.From($"namespace {model.Namespace}\n{{\n    partial class {model.TypeName}\n    {{\n        /// <summary>Greets.</summary>\n        public string Hello() => \"Hello from {model.TypeName}\";\n    }}\n}}\n", Encoding.UTF8)));
        }
    }

    /// <summary>Carries the symbol in its model: the step re-runs on every edit and holds the compilation alive.</summary>
    [Generator]
    public sealed class SymbolModelGenerator : IIncrementalGenerator
    {
        public const string ModelStep = "SymbolModel";

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var models = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    "Samples.GreetAttribute",
                    static (node, _) => node is ClassDeclarationSyntax,
                    static (ctx, _) => (Symbol: ctx.TargetSymbol, Name: ctx.TargetSymbol.Name))
                .WithTrackingName(ModelStep);

            context.RegisterSourceOutput(models, static (spc, model) => spc.AddSource(
                model.Name + ".g.cs",
                SourceText.From($"namespace Samples\n{{\n    partial class {model.Name}\n    {{\n        /// <summary>Greets.</summary>\n        public string Hello() => \"Hello\";\n    }}\n}}\n", Encoding.UTF8)));
        }
    }

    /// <summary>Reads the compilation into a model without value equality: every edit regenerates its output.</summary>
    [Generator]
    public sealed class CompilationBoundGenerator : IIncrementalGenerator
    {
        public const string ModelStep = "AssemblyName";

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var count = context.CompilationProvider
                .Select(static (compilation, _) => new CountModel(compilation.AssemblyName ?? string.Empty))
                .WithTrackingName(ModelStep);
            context.RegisterSourceOutput(count, static (spc, model) => spc.AddSource("Count.g.cs", "namespace Samples { internal static class AssemblyInfo { public const string Value = \"" + model.Value + "\"; } }"));
        }

        // A reference type without value equality: a new instance on every run is never "unchanged".
        private sealed class CountModel
        {
            public CountModel(string value) => Value = value;

            public string Value { get; }
        }
    }

    /// <summary>Emits code that does not compile.</summary>
    [Generator]
    public sealed class BrokenOutputGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
            => context.RegisterPostInitializationOutput(static ctx => ctx.AddSource("Broken.g.cs", "namespace Samples { internal static class Broken { public static int Value => \"text\"; } }"));
    }
}
