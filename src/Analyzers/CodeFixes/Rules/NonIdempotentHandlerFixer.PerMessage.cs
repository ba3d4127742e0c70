using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using System.Threading;
using Consistency.Analyzers.Handlers;
using Consistency.Analyzers.Internals;
using Consistency.Analyzers.Rules;
using Consistency.CodeFixes.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace Consistency.CodeFixes.Rules
{
    public sealed partial class NonIdempotentHandlerFixer
    {
        /// <summary>
        /// The inbox fix of a handler that loops over its messages: an SQS polling loop (a polling background service or
        /// method) or a Lambda batch (SQS, SNS, Kinesis, DynamoDB Streams). The one loop of the method over those messages (a
        /// <c>foreach</c>, or the lambda <c>Parallel.ForEachAsync</c> runs per message) applies each message only when the
        /// inbox has not seen it, and marks it processed after (inside a
        /// closing <c>try</c>, so that a failure a catch records is not marked done). The SQS deletes that end a polling
        /// loop's body, or the block of a <c>try</c> that is its body, stay after the check, so a duplicate is still deleted
        /// from the queue; where a delete sits anywhere else, checking would keep a duplicate from being deleted and the fix
        /// is not offered.
        /// </summary>
        private sealed class PerMessageInboxPlan
        {
            private static readonly string[] DeleteNames = { "DeleteMessage", "DeleteMessageAsync", "DeleteMessageBatch", "DeleteMessageBatchAsync" };

            // What each handler kind loops over, and the path from one of those to its message id.
            private static readonly (HandlerKind Kind, string ElementType, string[] IdPath)[] Loops =
            {
                (HandlerKind.SqsPollingService, "Amazon.SQS.Model.Message", new[] { "MessageId" }),
                (HandlerKind.SqsPollingMethod, "Amazon.SQS.Model.Message", new[] { "MessageId" }),
                (HandlerKind.LambdaSqs, "Amazon.Lambda.SQSEvents.SQSEvent+SQSMessage", new[] { "MessageId" }),
                (HandlerKind.LambdaSns, "Amazon.Lambda.SNSEvents.SNSEvent+SNSRecord", new[] { "Sns", "MessageId" }),
                (HandlerKind.LambdaKinesis, "Amazon.Lambda.KinesisEvents.KinesisEvent+KinesisEventRecord", new[] { "EventId" }),
                (HandlerKind.LambdaDynamoDbStream, "Amazon.Lambda.DynamoDBEvents.DynamoDBEvent+DynamodbStreamRecord", new[] { "EventID" }),
            };

            private readonly int applied;
            private readonly bool inTry;
            private readonly string inbox;
            private readonly string messageId;
            private readonly string token;
            private readonly string decision;

            private PerMessageInboxPlan(SyntaxNode loop, int applied, bool inTry, string inbox, string messageId, string token, string decision)
            {
                Loop = loop;
                this.applied = applied;
                this.inTry = inTry;
                this.inbox = inbox;
                this.messageId = messageId;
                this.token = token;
                this.decision = decision;
            }

            /// <summary>The loop over the messages: a <c>foreach</c>, or the lambda that <c>Parallel.ForEachAsync</c> runs per message.</summary>
            public SyntaxNode Loop { get; }

            public static PerMessageInboxPlan? Create(MethodDeclarationSyntax method, Diagnostic diagnostic, SemanticModel model, CancellationToken cancellationToken)
            {
                if (!diagnostic.Properties.TryGetValue(NonIdempotentHandlerAnalyzer.HandlerKindProperty, out var kindText)
                    || !Enum.TryParse<HandlerKind>(kindText, out var kind)
                    || FindRow(kind) is not { } row
                    || ((SyntaxNode?)method.Body ?? method.ExpressionBody) is not { } body
                    || model.GetDeclaredSymbol(method, cancellationToken) is not { } symbol
                    || model.Compilation.GetBestTypeByMetadataName(InboxInterface) is not { } inboxType
                    || FindInbox(symbol.ContainingType, inboxType) is not { } inbox
                    || model.Compilation.GetBestTypeByMetadataName(row.ElementType) is not { } messageType
                    || FindLoop(body, messageType, symbol.IsAsync, model, cancellationToken) is not { } loop
                    || !HazardIsInside(diagnostic, loop.Body)
                    || IdExpression(loop.Variable, messageType, row.IdPath) is not { } id)
                {
                    return null;
                }

                // A body that is one try whose block ends with the deletes (the usual polling loop: a failure is logged and
                // the message left for a retry) is checked inside that block.
                var statements = Statements(loop.Body);
                bool inTry = statements.Count == 1 && statements[0] is TryStatementSyntax { Block.Statements: { Count: > 0 } tried }
                    && IsDelete(tried[tried.Count - 1], model, cancellationToken);
                if (inTry)
                {
                    statements = ((TryStatementSyntax)statements[0]).Block.Statements;
                }

                int applied = statements.Count;
                while (applied > 0 && IsDelete(statements[applied - 1], model, cancellationToken))
                {
                    applied--;
                }

                if (applied == 0 || DeletesWithin(statements, applied, model, cancellationToken) || TrailingReadsLocalOf(statements, applied))
                {
                    return null;
                }

                string token = loop.Token ?? FirstCancellationToken(symbol.Parameters) ?? "default";
                return new PerMessageInboxPlan(loop.Node, applied, inTry, inbox, id, token, TextEdits.TypeName(model, loop.Body.SpanStart, "Consistency.Runtime.Inbox.InboxDecision", "InboxDecision"));
            }

            /// <summary>The loop (the current version of <see cref="Loop"/>) with the check in its body.</summary>
            public SyntaxNode Apply(SyntaxNode loop)
                => loop switch
                {
                    ForEachStatementSyntax statement => statement.WithStatement(CheckedBody(statement.Statement)).WithAdditionalAnnotations(Formatter.Annotation),
                    ParenthesizedLambdaExpressionSyntax lambda when lambda.Block is { } block => lambda.WithBlock(CheckedBody(block)).WithAdditionalAnnotations(Formatter.Annotation),
                    _ => loop,
                };

            private BlockSyntax CheckedBody(StatementSyntax body)
            {
                if (!inTry)
                {
                    return Checked(body);
                }

                var @try = (TryStatementSyntax)Statements(body)[0];
                var checkedTry = @try.WithBlock(Checked(@try.Block));
                return body is BlockSyntax block
                    ? block.WithStatements(SyntaxFactory.SingletonList<StatementSyntax>(checkedTry)).WithAdditionalAnnotations(Formatter.Annotation)
                    : SyntaxFactory.Block(checkedTry).WithAdditionalAnnotations(Formatter.Annotation);
            }

            /// <summary>The statements of the body: the applied ones inside the check, the deletes after it.</summary>
            private BlockSyntax Checked(StatementSyntax body)
            {
                var statements = Statements(body);
                var checkedStatements = new List<StatementSyntax>(applied + 1);
                for (int i = 0; i < applied; i++)
                {
                    checkedStatements.Add(statements[i]);
                }

                // Marked where the message has been applied: before a closing continue or return, at the end of a closing
                // try (a catch that records the failure for a retry must not find it marked), never after a throw.
                var mark = SyntaxFactory.ParseStatement($"await {inbox}.TryMarkProcessedAsync({messageId}, null, {token});\n").WithAdditionalAnnotations(Formatter.Annotation, Simplifier.Annotation);
                int lastIndex = checkedStatements.Count - 1;
                switch (checkedStatements[lastIndex])
                {
                    case ContinueStatementSyntax or ReturnStatementSyntax:
                        checkedStatements.Insert(lastIndex, mark);
                        break;
                    case TryStatementSyntax @try:
                        checkedStatements[lastIndex] = @try.WithBlock(@try.Block.AddStatements(mark));
                        break;
                    case ThrowStatementSyntax:
                        break;
                    default:
                        checkedStatements.Add(mark);
                        break;
                }

                var parsed = (IfStatementSyntax)SyntaxFactory.ParseStatement($"if (await {inbox}.CheckAsync({messageId}, null, {token}) == {decision}.Accepted)\n{{\n}}\n");
                StatementSyntax check = parsed.WithStatement(((BlockSyntax)parsed.Statement).WithStatements(SyntaxFactory.List(checkedStatements)))
                    .WithAdditionalAnnotations(Formatter.Annotation, Simplifier.Annotation);

                var bodyStatements = new List<StatementSyntax>(statements.Count - applied + 1);
                if (applied < statements.Count)
                {
                    // A blank line between the check and the deletes that follow it.
                    check = check.WithTrailingTrivia(SyntaxFactory.LineFeed, SyntaxFactory.LineFeed);
                }

                bodyStatements.Add(check);
                for (int i = applied; i < statements.Count; i++)
                {
                    bodyStatements.Add(statements[i]);
                }

                var newBody = body is BlockSyntax block
                    ? block.WithStatements(SyntaxFactory.List(bodyStatements))
                    : SyntaxFactory.Block(bodyStatements);
                return newBody.WithAdditionalAnnotations(Formatter.Annotation);
            }

            /// <summary>A loop over the messages: the node the fix replaces, the message variable, the body, and the loop's own token.</summary>
            private readonly record struct MessageLoop(SyntaxNode Node, string Variable, StatementSyntax Body, string? Token);

            /// <summary>
            /// The one loop over the messages in the method's own statements (not in its lambdas or local functions): a
            /// <c>foreach</c> of an async method, or <c>Parallel.ForEachAsync</c> with an async lambda whose block is run per
            /// message.
            /// </summary>
            private static MessageLoop? FindLoop(SyntaxNode body, INamedTypeSymbol messageType, bool isAsync, SemanticModel model, CancellationToken cancellationToken)
            {
                MessageLoop? found = null;
                foreach (var node in body.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
                {
                    MessageLoop? loop = node switch
                    {
                        ForEachStatementSyntax statement when SymbolEqualityComparer.Default.Equals(model.GetForEachStatementInfo(statement).ElementType, messageType)
                            => new MessageLoop(statement, statement.Identifier.ValueText, statement.Statement, null),
                        InvocationExpressionSyntax invocation => ParallelLoop(invocation, messageType, model, cancellationToken),
                        _ => null,
                    };

                    if (loop is not null)
                    {
                        if (found is not null)
                        {
                            return null; // two loops: which one the hazard is in is not the fix's to guess
                        }

                        found = loop;
                    }

                    cancellationToken.ThrowIfCancellationRequested();
                }

                // The check awaits: in a foreach, the method must be async (a lambda of Parallel.ForEachAsync is).
                return found is { Node: ForEachStatementSyntax } && !isAsync ? null : found;
            }

            /// <summary><c>Parallel.ForEachAsync(messages, …, async (message, token) => { … })</c>: the lambda, its message and its token.</summary>
            private static MessageLoop? ParallelLoop(InvocationExpressionSyntax invocation, INamedTypeSymbol messageType, SemanticModel model, CancellationToken cancellationToken)
            {
                var arguments = invocation.ArgumentList.Arguments;
                if (arguments.Count < 2
                    || arguments[arguments.Count - 1].Expression is not ParenthesizedLambdaExpressionSyntax { Block: { } block } lambda
                    || lambda.AsyncKeyword.RawKind == 0
                    || invocation.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ForEachAsync" }
                    || model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol { ContainingType: { Name: "Parallel", ContainingNamespace: { Name: "Tasks", ContainingNamespace: { Name: "Threading", ContainingNamespace.Name: "System" } } } }
                    || model.GetSymbolInfo(lambda, cancellationToken).Symbol is not IMethodSymbol { Parameters.Length: 2 } function
                    || !SymbolEqualityComparer.Default.Equals(function.Parameters[0].Type, messageType))
                {
                    return null;
                }

                return new MessageLoop(lambda, function.Parameters[0].Name, block, FirstCancellationToken(function.Parameters));
            }

            /// <summary>Whether the reported call in the handler (the effect, or the call of the helper that reaches it) is in the loop's body.</summary>
            private static bool HazardIsInside(Diagnostic diagnostic, StatementSyntax body)
            {
                var locations = diagnostic.AdditionalLocations;
                if (locations.Count == 0)
                {
                    return false;
                }

                var call = locations[locations.Count - 1];
                return call.SourceTree == body.SyntaxTree && body.Span.Contains(call.SourceSpan);
            }

            private static IReadOnlyList<StatementSyntax> Statements(StatementSyntax body)
                => body is BlockSyntax block ? block.Statements : new[] { body };

            /// <summary>A statement that is only a delete of messages from the queue (awaited, configured or not).</summary>
            private static bool IsDelete(StatementSyntax statement, SemanticModel model, CancellationToken cancellationToken)
                => statement is ExpressionStatementSyntax expression
                    && expression.Expression.WithoutAwaitOrConversions().WithoutConfigureAwait() is InvocationExpressionSyntax invocation
                    && IsDeleteCall(invocation, model, cancellationToken);

            private static bool IsDeleteCall(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken)
            {
                string? name = invocation.Expression switch
                {
                    MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                    SimpleNameSyntax simple => simple.Identifier.ValueText,
                    _ => null,
                };
                if (name is null || Array.IndexOf(DeleteNames, name) < 0)
                {
                    return false;
                }

                return model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol method
                    && method.ContainingType?.ContainingNamespace?.ToDisplayString() == "Amazon.SQS";
            }

            /// <summary>Whether a delete is among the statements to be checked, anywhere in them.</summary>
            private static bool DeletesWithin(IReadOnlyList<StatementSyntax> statements, int applied, SemanticModel model, CancellationToken cancellationToken)
            {
                for (int i = 0; i < applied; i++)
                {
                    foreach (var node in statements[i].DescendantNodesAndSelf())
                    {
                        if (node is InvocationExpressionSyntax invocation && IsDeleteCall(invocation, model, cancellationToken))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            /// <summary>
            /// Whether a statement after the checked ones reads a local those declare: the check's block would take it out
            /// of scope. Told by name, which may refuse a fix that would have compiled, never offer one that does not.
            /// </summary>
            private static bool TrailingReadsLocalOf(IReadOnlyList<StatementSyntax> statements, int applied)
            {
                if (applied == statements.Count)
                {
                    return false;
                }

                var declared = new HashSet<string>(StringComparer.Ordinal);
                for (int i = 0; i < applied; i++)
                {
                    switch (statements[i])
                    {
                        case LocalDeclarationStatementSyntax declaration:
                            foreach (var variable in declaration.Declaration.Variables)
                            {
                                declared.Add(variable.Identifier.ValueText);
                            }

                            break;

                        case LocalFunctionStatementSyntax function:
                            declared.Add(function.Identifier.ValueText);
                            break;
                    }

                    // Pattern and out variables of an expression statement are in scope after it too.
                    foreach (var node in statements[i].DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
                    {
                        if (node is SingleVariableDesignationSyntax designation)
                        {
                            declared.Add(designation.Identifier.ValueText);
                        }
                    }
                }

                if (declared.Count == 0)
                {
                    return false;
                }

                for (int i = applied; i < statements.Count; i++)
                {
                    if (declared.Overlaps(FixerSyntax.IdentifiersIn(statements[i])))
                    {
                        return true;
                    }
                }

                return false;
            }

            private static (HandlerKind Kind, string ElementType, string[] IdPath)? FindRow(HandlerKind kind)
            {
                foreach (var row in Loops)
                {
                    if (row.Kind == kind)
                    {
                        return row;
                    }
                }

                return null;
            }

            /// <summary>
            /// The message id read from the loop variable along the path (<c>record.Sns.MessageId</c>), with a <c>!</c>
            /// where the SDK's last property is annotated nullable (the service always sets it); null when a member is missing.
            /// </summary>
            private static string? IdExpression(string variable, ITypeSymbol messageType, string[] path)
            {
                var expression = new StringBuilder(variable);
                ITypeSymbol? type = messageType;
                IPropertySymbol? property = null;
                foreach (var member in path)
                {
                    if (type is not INamedTypeSymbol named || FirstProperty(named, member) is not { } next)
                    {
                        return null;
                    }

                    property = next;
                    type = next.Type;
                    expression.Append('.').Append(member);
                }

                return property?.NullableAnnotation == NullableAnnotation.Annotated ? expression.Append('!').ToString() : expression.ToString();
            }

            private static IPropertySymbol? FirstProperty(INamedTypeSymbol type, string name)
            {
                foreach (var member in type.GetMembers(name))
                {
                    if (member is IPropertySymbol property)
                    {
                        return property;
                    }
                }

                return null;
            }

        }
    }
}
