using System.Text;
using Consistency.Generators.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Consistency.Generators.Idempotency
{
    /// <summary>
    /// For each <c>[Idempotent("stable-name")]</c> method of a partial type, emits <c>{Method}IdempotentAsync</c>, which
    /// runs the method through the type's <c>IdempotencyHandler</c>: key from <c>[IdempotencyKey]</c> values or the
    /// payload hash, result stored as source-generated JSON and replayed to duplicates.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class IdempotentGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var sites = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    IdempotentParser.IdempotentAttribute,
                    static (node, _) => node is MethodDeclarationSyntax,
                    static (ctx, ct) => IdempotentParser.Parse(ctx, ct))
                .WithTrackingName(StepNames.IdempotentMethodSites);

            var methods = sites
                .Select(static (parsed, _) => parsed?.Model)
                .WithTrackingName(StepNames.IdempotentMethods);

            var contexts = JsonContexts(context).Collect();

            var types = methods.Collect()
                .Combine(contexts)
                .SelectMany(static (pair, _) => IdempotentResolver.Resolve(pair.Left, pair.Right))
                .WithTrackingName(StepNames.IdempotentTypes);

            context.RegisterSourceOutput(types, static (spc, model) =>
            {
                if (model.Methods.Count > 0)
                {
                    spc.AddSource(IdempotentEmitter.HintName(model), SourceText.From(IdempotentEmitter.Emit(model), Encoding.UTF8));
                }
            });

            // Diagnostics have their own output: they depend on locations, the generated code does not.
            var diagnostics = sites
                .Combine(contexts)
                .Select(static (pair, _) => IdempotentResolver.Diagnose(pair.Left, pair.Right))
                .WithTrackingName(StepNames.IdempotentDiagnostics);

            context.RegisterSourceOutput(diagnostics, static (spc, list) =>
            {
                foreach (var diagnostic in list)
                {
                    spc.ReportDiagnostic(diagnostic.ToDiagnostic());
                }
            });
        }

        internal static IncrementalValuesProvider<JsonContextModel?> JsonContexts(IncrementalGeneratorInitializationContext context)
            => context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    JsonContextParser.JsonSerializableAttribute,
                    static (node, _) => node is ClassDeclarationSyntax,
                    static (ctx, ct) => JsonContextParser.Parse(ctx, ct))
                .WithTrackingName(StepNames.JsonContexts);
    }
}
