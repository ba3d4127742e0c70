using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Consistency.Testing.Tests
{
    // A generator with a precondition and fixers that meet it or not: the code fix verifier with SourceGenerators must
    // see the generator's error, and the errors of its output, in the fixed code.

    /// <summary>
    /// For each <c>[Greet]</c> class emits <c>Hello()</c> in a partial declaration; reports TSTG01 (error) and emits
    /// nothing when the class is not partial.
    /// </summary>
    [Generator]
    public sealed class StrictGreetGenerator : IIncrementalGenerator
    {
        public static readonly DiagnosticDescriptor NotPartial = new(
            "TSTG01", "Not partial", "'{0}' must be partial to receive Hello()", "Test", DiagnosticSeverity.Error, isEnabledByDefault: true);

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var models = context.SyntaxProvider.ForAttributeWithMetadataName(
                "Samples.GreetAttribute",
                static (node, _) => node is ClassDeclarationSyntax,
                static (ctx, _) =>
                {
                    var declaration = (ClassDeclarationSyntax)ctx.TargetNode;
                    var span = declaration.Identifier.GetLocation();
                    return (Name: ctx.TargetSymbol.Name, Partial: declaration.Modifiers.Any(SyntaxKind.PartialKeyword), Path: span.SourceTree!.FilePath, Span: span.SourceSpan, Lines: span.GetLineSpan().Span);
                });

            context.RegisterSourceOutput(models, static (spc, model) =>
            {
                if (!model.Partial)
                {
                    spc.ReportDiagnostic(Diagnostic.Create(NotPartial, Location.Create(model.Path, model.Span, model.Lines), model.Name));
                    return;
                }

                spc.AddSource(model.Name + ".g.cs", SourceText.From($"namespace Samples\n{{\n    partial class {model.Name}\n    {{\n        public string Hello() => \"Hello\";\n    }}\n}}\n", Encoding.UTF8));
            });
        }
    }

    /// <summary>Renames <c>Bad</c> to <c>Good</c> and marks the class <c>[Greet]</c>, making it partial when <see cref="MakePartial"/>.</summary>
    public abstract class GreetFixerBase : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("TST0001");

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        protected abstract bool MakePartial { get; }

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root?.FindNode(context.Span, getInnermostNodeForTie: true) is not SimpleNameSyntax name
                || name.FirstAncestorOrSelf<ClassDeclarationSyntax>() is not { } type)
            {
                return;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Greet",
                    _ =>
                    {
                        var newRoot = root.TrackNodes(type, name);
                        newRoot = newRoot.ReplaceNode(newRoot.GetCurrentNode(name)!, SyntaxFactory.IdentifierName("Good").WithTriviaFrom(name));
                        var current = newRoot.GetCurrentNode(type)!;
                        var updated = current.Modifiers.Any(SyntaxKind.PartialKeyword) || !MakePartial
                            ? current
                            : current.WithModifiers(current.Modifiers.Add(SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space)));
                        if (!updated.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString() == "Greet"))
                        {
                            updated = updated.AddAttributeLists(SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Attribute(SyntaxFactory.IdentifierName("Greet")))).WithTrailingTrivia(SyntaxFactory.Space));
                        }

                        return Task.FromResult(context.Document.WithSyntaxRoot(newRoot.ReplaceNode(current, updated)));
                    },
                    equivalenceKey: "TST0001.Greet"),
                context.Diagnostics);
        }
    }

    /// <summary>Meets the generator's precondition.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp), Shared]
    public sealed class GreetPartialFixer : GreetFixerBase
    {
        protected override bool MakePartial => true;
    }

    /// <summary>Forgets <c>partial</c>: the code compiles, but the generator reports TSTG01 in the build.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp), Shared]
    public sealed class GreetNotPartialFixer : GreetFixerBase
    {
        protected override bool MakePartial => false;
    }
}
