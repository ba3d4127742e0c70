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
            var methods = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    IdempotentParser.IdempotentAttribute,
                    static (node, _) => node is MethodDeclarationSyntax,
                    static (ctx, ct) => IdempotentParser.Parse(ctx, ct))
                .WithTrackingName(StepNames.IdempotentMethods);

            var contexts = JsonContexts(context);

            var types = methods.Collect()
                .Combine(contexts.Collect())
                .SelectMany(static (pair, _) => IdempotentResolver.Resolve(pair.Left, pair.Right))
                .WithTrackingName(StepNames.IdempotentTypes);

            context.RegisterSourceOutput(types, static (spc, model) =>
            {
                foreach (var diagnostic in model.Diagnostics)
                {
                    spc.ReportDiagnostic(diagnostic.ToDiagnostic());
                }

                if (model.Methods.Count > 0)
                {
                    spc.AddSource(IdempotentEmitter.HintName(model), SourceText.From(IdempotentEmitter.Emit(model), Encoding.UTF8));
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
