using System.Collections.Immutable;
using System.Composition;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Consistency.Analyzers;
using Consistency.Analyzers.Handlers;
using Consistency.Analyzers.Internals;
using Consistency.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Consistency.CodeFixes.Rules
{
    /// <summary>
    /// CH0005: turns a batch handler that returns nothing into one that reports partial batch failure. The return type
    /// becomes the batch response (<c>void</c> → response, <c>async Task</c> → <c>Task&lt;response&gt;</c>); the body of
    /// the per-record <c>foreach</c> over the event's records is wrapped in a <c>try</c> whose <c>catch</c> adds the
    /// record's identifier to the failures (and, for streams, stops: Lambda resumes from the first failure); the method
    /// ends by returning the response. Offered only for that shape: one top-level <c>foreach</c> over
    /// <c>event.Records</c> with a block body, no <c>return</c> in the method, nothing after which a return would be
    /// unreachable.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MissingPartialBatchFailureFixer)), Shared]
    public sealed class MissingPartialBatchFailureFixer : CodeFixProvider
    {
        private const string FailuresLocal = "batchItemFailures";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.MissingPartialBatchFailure);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            var text = await context.Document.GetTextAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in context.Diagnostics)
            {
                if (root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } declaration
                    || !diagnostic.Properties.TryGetValue(MissingPartialBatchFailureAnalyzer.KindProperty, out var kindName)
                    || !System.Enum.TryParse<HandlerKind>(kindName, out var kind)
                    || !diagnostic.Properties.TryGetValue(MissingPartialBatchFailureAnalyzer.EventParameterProperty, out var parameterName)
                    || Changes(declaration, model, text, kind, parameterName, context.CancellationToken) is not { } changes)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create("Report failed records in BatchItemFailures", _ => Task.FromResult(context.Document.WithText(text.WithChanges(changes))), equivalenceKey: RuleIdentifiers.MissingPartialBatchFailure),
                    diagnostic);
            }
        }

        private static TextChange[]? Changes(MethodDeclarationSyntax declaration, SemanticModel model, SourceText text, HandlerKind kind, string? parameterName, CancellationToken cancellationToken)
        {
            // Code as it is typed (a missing brace, a half-written statement) gets no text rewrite: its lines do not say
            // where the statements end.
            if (declaration.ContainsDiagnostics || declaration.Body is not { } body || model.GetDeclaredSymbol(declaration, cancellationToken) is not { } method
                || WellKnownBatchResponses.For(kind) is not { } response
                || model.Compilation.GetBestTypeByMetadataName(response.ResponseMetadataName) is null)
            {
                return null;
            }

            IParameterSymbol? parameter = null;
            foreach (var candidate in method.Parameters)
            {
                if (candidate.Name == parameterName)
                {
                    parameter = candidate;
                }
            }

            if (parameter is null)
            {
                return null;
            }

            // The return type: void, or Task/ValueTask of an async method.
            bool isAsync = declaration.Modifiers.Any(SyntaxKind.AsyncKeyword);
            bool isVoid = method.ReturnsVoid && !isAsync;
            bool isTask = isAsync && method.ReturnType is INamedTypeSymbol { Name: "Task" or "ValueTask", Arity: 0 };
            if (!isVoid && !isTask)
            {
                return null;
            }

            // One foreach over event.Records at the top level of the body, with a block body; no return anywhere.
            ForEachStatementSyntax? loop = null;
            foreach (var statement in body.Statements)
            {
                if (statement is ForEachStatementSyntax candidate && IsRecordsOf(candidate.Expression, parameter, model, cancellationToken))
                {
                    if (loop is not null)
                    {
                        return null;
                    }

                    loop = candidate;
                }
            }

            if (loop is not { Statement: BlockSyntax { Statements.Count: > 0 } loopBody }
                || body.Statements[body.Statements.Count - 1] is ThrowStatementSyntax
                || ContainsReturnOrMultilineString(body))
            {
                return null;
            }

            string newLine = TextEdits.NewLineOf(text);
            string indent = TextEdits.IndentationOf(text, loop.SpanStart);
            string inner = indent + "    ";
            string responseType = TextEdits.TypeName(model, declaration.SpanStart, response.ResponseMetadataName, response.ResponseName);
            string listType = TextEdits.TypeName(model, declaration.SpanStart, "System.Collections.Generic.List`1", "List", "<" + responseType + "." + WellKnownBatchResponses.FailureTypeName + ">");
            string exception = TextEdits.TypeName(model, loop.SpanStart, "System.Exception", "Exception");
            string record = loop.Identifier.ValueText;

            // The loop's statements, whole lines, one level deeper inside the try.
            var first = loopBody.Statements[0];
            var last = loopBody.Statements[loopBody.Statements.Count - 1];
            var statementsSpan = TextSpan.FromBounds(text.Lines.GetLineFromPosition(first.SpanStart).Start, text.Lines.GetLineFromPosition(last.Span.End).EndIncludingLineBreak);
            var statements = new StringBuilder();
            foreach (var line in text.Lines)
            {
                if (line.Start < statementsSpan.Start || line.Start >= statementsSpan.End)
                {
                    continue;
                }

                if (line.End > line.Start)
                {
                    statements.Append("    ");
                }

                statements.Append(text.ToString(line.SpanIncludingLineBreak));
            }

            var wrapped = new StringBuilder();
            wrapped.Append(inner).Append("try").Append(newLine)
                .Append(inner).Append('{').Append(newLine)
                .Append(statements)
                .Append(inner).Append('}').Append(newLine)
                .Append(inner).Append("catch (").Append(exception).Append(')').Append(newLine)
                .Append(inner).Append('{').Append(newLine)
                .Append(inner).Append("    ").Append(FailuresLocal).Append(".Add(new ").Append(responseType).Append('.').Append(WellKnownBatchResponses.FailureTypeName)
                .Append(" { ").Append(WellKnownBatchResponses.ItemIdentifierMember).Append(" = ").Append(record).Append('.').Append(response.RecordIdentifier).Append(" });").Append(newLine);
            if (response.StopAtFirstFailure)
            {
                wrapped.Append(inner).Append("    break;").Append(newLine);
            }

            wrapped.Append(inner).Append('}').Append(newLine);

            // The four edits must be in separate places, in order: return type, loop line, loop statements, closing line.
            int loopLine = text.Lines.GetLineFromPosition(loop.SpanStart).Start;
            int closingLine = text.Lines.GetLineFromPosition(body.CloseBraceToken.SpanStart).Start;
            var returnType = declaration.ReturnType;
            if (!(returnType.Span.End <= loopLine && loopLine < statementsSpan.Start && statementsSpan.End <= closingLine))
            {
                return null;
            }

            return new[]
            {
                isVoid
                    ? new TextChange(returnType.Span, responseType)
                    : new TextChange(new TextSpan(returnType.Span.End, 0), "<" + responseType + ">"),
                new TextChange(new TextSpan(loopLine, 0), indent + "var " + FailuresLocal + " = new " + listType + "();" + newLine),
                new TextChange(statementsSpan, wrapped.ToString()),
                new TextChange(
                    new TextSpan(closingLine, 0),
                    indent + "return new " + responseType + " { " + WellKnownBatchResponses.FailuresMember + " = " + FailuresLocal + " };" + newLine),
            };
        }

        private static bool IsRecordsOf(ExpressionSyntax expression, IParameterSymbol parameter, SemanticModel model, CancellationToken cancellationToken)
            => expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: WellKnownBatchResponses.RecordsMember, Expression: IdentifierNameSyntax receiver }
               && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(receiver, cancellationToken).Symbol, parameter);

        private static bool ContainsReturnOrMultilineString(BlockSyntax body)
        {
            foreach (var node in body.DescendantNodesAndTokens(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
            {
                if (node.IsKind(SyntaxKind.ReturnStatement) || node.IsKind(SyntaxKind.YieldReturnStatement) || node.IsKind(SyntaxKind.YieldBreakStatement)
                    || node.IsKind(SyntaxKind.MultiLineRawStringLiteralToken) || node.IsKind(SyntaxKind.InterpolatedMultiLineRawStringStartToken)
                    || (node.IsKind(SyntaxKind.StringLiteralToken) && node.AsToken().Text.IndexOf('\n') >= 0)
                    || (node.IsKind(SyntaxKind.InterpolatedVerbatimStringStartToken)))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
