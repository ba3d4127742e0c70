using System;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Consistency.Analyzers;
using Consistency.Analyzers.Effects;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace Consistency.CodeFixes.Rules
{
    /// <summary>
    /// CH0003: makes a low-level <c>PutItem</c> conditional on <c>attribute_not_exists(&lt;key&gt;)</c> (the key attribute
    /// read from the item written, through an expression attribute name so that reserved words are safe) and wraps its
    /// statement in a <c>try</c> whose <c>catch (ConditionalCheckFailedException)</c> treats the redelivery as already
    /// done and carries on. Offered only when the request is built at the call (or in a local of the same body) without
    /// a condition or attribute names, the item names a key attribute, and the call is a statement of its own.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnconditionalCreateFixer)), Shared]
    public sealed class UnconditionalCreateFixer : CodeFixProvider
    {
        private const string Title = "Create only if absent (attribute_not_exists) and treat a repeat as done";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.UnconditionalCreate);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                // The write itself: the diagnostic's location, or the last additional location when it is inside a helper.
                var effect = diagnostic.AdditionalLocations.Count > 0 ? diagnostic.AdditionalLocations[diagnostic.AdditionalLocations.Count - 1] : diagnostic.Location;
                if (effect.SourceTree != root.SyntaxTree)
                {
                    continue;
                }

                if (Plan.Create(root, model, effect, context.CancellationToken) is { } plan)
                {
                    var text = await context.Document.GetTextAsync(context.CancellationToken).ConfigureAwait(false);
                    context.RegisterCodeFix(
                        CodeAction.Create(Title, _ => Task.FromResult(plan.Apply(context.Document, text, model)), equivalenceKey: RuleIdentifiers.UnconditionalCreate),
                        diagnostic);
                }
            }
        }

        private sealed class Plan
        {
            private Plan(BaseObjectCreationExpressionSyntax request, string key, StatementSyntax? statementToWrap)
            {
                Request = request;
                Key = key;
                StatementToWrap = statementToWrap;
            }

            private BaseObjectCreationExpressionSyntax Request { get; }

            private string Key { get; }

            private StatementSyntax? StatementToWrap { get; }

            public static Plan? Create(SyntaxNode root, SemanticModel model, Location effect, CancellationToken cancellationToken)
            {
                var node = root.FindNode(effect.SourceSpan, getInnermostNodeForTie: true);
                var invocationSyntax = node as InvocationExpressionSyntax ?? node.FirstAncestorOrSelf<InvocationExpressionSyntax>();
                if (invocationSyntax is null || model.GetOperation(invocationSyntax, cancellationToken) is not IInvocationOperation invocation)
                {
                    return null;
                }

                var writes = DynamoDbWrites.GetOrCreate(model.Compilation);
                if (!writes.TryGetShape(invocation.TargetMethod, out var shape) || shape != DynamoDbWriteShape.Put
                    || DynamoDbWrites.FindRequest(invocation, writes.PutItemRequest, out var local, out _) is not { Syntax: BaseObjectCreationExpressionSyntax requestSyntax } request
                    || DynamoDbWrites.MemberValue(request, WellKnownDynamoDbWrites.ConditionExpression, local) is not null
                    || DynamoDbWrites.MemberValue(request, WellKnownDynamoDbWrites.ExpressionAttributeNames, local) is not null
                    || DynamoDbWrites.MemberValue(request, WellKnownDynamoDbWrites.Item, local) is not { } item
                    || KeyOf(item) is not { } key)
                {
                    return null;
                }

                // The call must be a statement of its own to be wrapped, unless a handler of the exception already encloses it.
                SyntaxNode call = invocationSyntax;
                while (call.Parent is AwaitExpressionSyntax or ParenthesizedExpressionSyntax)
                {
                    call = call.Parent;
                }

                if (call.Parent is not ExpressionStatementSyntax statement)
                {
                    return null;
                }

                return new Plan(requestSyntax, key, IsCaught(statement, model, cancellationToken) ? null : statement);
            }

            public Document Apply(Document document, SourceText text, SemanticModel model)
            {
                string placeholder = "#" + Sanitize(Key);
                string dictionary = TextEdits.TypeName(model, Request.SpanStart, "System.Collections.Generic.Dictionary`2", "Dictionary", "<string, string>");
                var members = new[]
                {
                    WellKnownDynamoDbWrites.ConditionExpression + " = " + TextEdits.Literal("attribute_not_exists(" + placeholder + ")"),
                    WellKnownDynamoDbWrites.ExpressionAttributeNames + " = new " + dictionary + " { [" + TextEdits.Literal(placeholder) + "] = " + TextEdits.Literal(Key) + " }",
                };
                var condition = TextEdits.AppendMembers(Request, text, members);
                if (StatementToWrap is null)
                {
                    return document.WithText(text.WithChanges(condition));
                }

                string exception = TextEdits.TypeName(model, StatementToWrap.SpanStart, WellKnownDynamoDbWrites.ConditionalCheckFailedException, "ConditionalCheckFailedException");
                const string Comment = "// Already done: an earlier delivery of this message created the item.";
                if (StatementToWrap.Span.Contains(condition.Span))
                {
                    return document.WithText(text.WithChanges(TextEdits.WrapInTryCatch(StatementToWrap, text, new[] { condition }, exception, Comment)));
                }

                return document.WithText(text.WithChanges(condition, TextEdits.WrapInTryCatch(StatementToWrap, text, Array.Empty<TextChange>(), exception, Comment)));
            }

            /// <summary>The first attribute of the item whose name says it is a key (<c>pk</c>, <c>id</c>, <c>OrderId</c>…).</summary>
            private static string? KeyOf(IOperation item)
            {
                foreach (var name in DynamoDbWrites.ItemAttributeNames(item))
                {
                    if (WriteRequest.IsKeyName(name) && Sanitize(name).Length > 0)
                    {
                        return name;
                    }
                }

                return null;
            }

            private static string Sanitize(string name)
            {
                var builder = new System.Text.StringBuilder(name.Length);
                foreach (char c in name)
                {
                    if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_')
                    {
                        builder.Append(c);
                    }
                }

                return builder.ToString();
            }

            private static bool IsCaught(StatementSyntax statement, SemanticModel model, CancellationToken cancellationToken)
            {
                for (var current = statement.Parent; current is not null and not MemberDeclarationSyntax and not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax; current = current.Parent)
                {
                    if (current is not TryStatementSyntax @try || !@try.Block.Span.Contains(statement.Span))
                    {
                        continue;
                    }

                    foreach (var clause in @try.Catches)
                    {
                        if (clause.Declaration is { } declaration
                            && model.GetTypeInfo(declaration.Type, cancellationToken).Type is { } caught
                            && caught.ToDisplayString() == WellKnownDynamoDbWrites.ConditionalCheckFailedException)
                        {
                            return true;
                        }
                    }
                }

                return false;
            }
        }
    }
}
