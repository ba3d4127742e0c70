using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Consistency.Analyzers;
using Consistency.Analyzers.Rules;
using Consistency.CodeFixes.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;

namespace Consistency.CodeFixes.Rules
{
    /// <summary>
    /// CH0007: keys the message by the entity id the analyzer found in scope — replaces the constant or random key, or
    /// adds <c>MessageGroupId = …</c> to the request's initializer when the FIFO send has none.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OrderingKeyFixer)), Shared]
    public sealed class OrderingKeyFixer : CodeFixProvider
    {
        private static readonly string EquivalenceKey = RuleIdentifiers.OrderingKeyLost;

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.OrderingKeyLost);

        public override FixAllProvider GetFixAllProvider()
            => FixAllProvider.Create(async (context, document, diagnostics) => await FixAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (Target(root, diagnostic) is not null
                    && diagnostic.Properties.TryGetValue(OrderingKeyAnalyzer.EntityIdProperty, out var entityId)
                    && diagnostic.Properties.TryGetValue(OrderingKeyAnalyzer.KeyProperty, out var key))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create($"Use '{entityId}' as the {key}", ct => FixAsync(context.Document, ImmutableArray.Create(diagnostic), ct), EquivalenceKey),
                        diagnostic);
                }
            }
        }

        private static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var editor = new SyntaxEditor(root, document.Project.Solution.Services);
            foreach (var diagnostic in diagnostics.OrderByDescending(d => d.Location.SourceSpan.Start))
            {
                if (Target(root, diagnostic) is not { } target
                    || !diagnostic.Properties.TryGetValue(OrderingKeyAnalyzer.EntityIdProperty, out var entityId) || entityId is null
                    || !diagnostic.Properties.TryGetValue(OrderingKeyAnalyzer.KeyProperty, out var key) || key is null)
                {
                    continue;
                }

                var id = SyntaxFactory.ParseExpression(entityId);
                if (target is BaseObjectCreationExpressionSyntax creation)
                {
                    editor.ReplaceNode(creation, (current, _) => AddKey((BaseObjectCreationExpressionSyntax)current, key, id));
                }
                else
                {
                    editor.ReplaceNode(target, id.WithTriviaFrom(target));
                }
            }

            return await ReparsedDocument.WithRootAsync(document, editor.GetChangedRoot(), cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The key value to replace, or the request creation to add the key to.</summary>
        private static SyntaxNode? Target(SyntaxNode root, Diagnostic diagnostic)
        {
            if (diagnostic.Location.SourceTree != root.SyntaxTree || !diagnostic.Properties.TryGetValue(OrderingKeyAnalyzer.ModeProperty, out var mode))
            {
                return null;
            }

            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (mode == OrderingKeyAnalyzer.AddMode)
            {
                return node.AncestorsAndSelf().OfType<BaseObjectCreationExpressionSyntax>().FirstOrDefault();
            }

            return node as ExpressionSyntax ?? (node as ArgumentSyntax)?.Expression;
        }

        private static BaseObjectCreationExpressionSyntax AddKey(BaseObjectCreationExpressionSyntax creation, string key, ExpressionSyntax id)
        {
            var assignment = SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName(key), id)
                .WithAdditionalAnnotations(Formatter.Annotation);
            if (creation.Initializer is { } initializer)
            {
                var expressions = initializer.Expressions;
                if (expressions.Count > 0 && expressions.SeparatorCount == expressions.Count)
                {
                    // A trailing comma: keep the style, add the member after it with its own trailing comma.
                    var nodes = expressions.ToList();
                    nodes.Add(assignment.WithLeadingTrivia(expressions[0].GetLeadingTrivia()));
                    var separators = expressions.GetSeparators().ToList();
                    separators.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(separators[separators.Count - 1].TrailingTrivia));
                    return creation.WithInitializer(initializer.WithExpressions(SyntaxFactory.SeparatedList(nodes, separators)));
                }

                return creation.WithInitializer(initializer.WithExpressions(expressions.Add(assignment)))
                    .WithAdditionalAnnotations(Formatter.Annotation);
            }

            var newInitializer = SyntaxFactory.InitializerExpression(SyntaxKind.ObjectInitializerExpression, SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(assignment));
            return creation.WithInitializer(newInitializer).WithAdditionalAnnotations(Formatter.Annotation);
        }
    }
}
