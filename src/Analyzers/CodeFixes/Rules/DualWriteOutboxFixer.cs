using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Consistency.Analyzers;
using Consistency.Analyzers.Internals;
using Consistency.CodeFixes.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Consistency.CodeFixes.Rules
{
    /// <summary>
    /// CH0001, transactional outbox: a low-level DynamoDB write (<c>PutItem</c>, <c>UpdateItem</c>, <c>DeleteItem</c>,
    /// <c>TransactWriteItems</c>) and an SQS send or SNS publish become one <c>OutboxUnitOfWork</c> commit; the relay
    /// sends the same body to the same destination after the commit.
    /// </summary>
    /// <remarks>
    /// Offered only where the rewrite is exact: both calls are awaited statements of one block whose results are unused,
    /// nothing with an effect runs between them (nor changes what the request refers to), the write is a request object on an <c>IAmazonDynamoDB</c>, the publish
    /// carries a destination, a body and at most a FIFO group id, and no comment sits where the code changes.
    /// Object persistence (<c>IDynamoDBContext</c>) and document-model (<c>Table</c>) writes are not offered: their
    /// conversions, versions and conditions are not visible in the code. EF Core's <c>SaveChanges</c> gets the outbox
    /// row in the same context instead (DualWriteOutboxFixer.EntityFrameworkCore.cs).
    /// </remarks>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DualWriteOutboxFixer)), Shared]
    public sealed partial class DualWriteOutboxFixer : CodeFixProvider
    {
        internal const string EquivalenceKey = RuleIdentifiers.DualWrite + ".Outbox";

        private const string Title = "Commit the write and the message together through the outbox";
        private const string UnitOfWorkType = "Consistency.Runtime.Outbox.OutboxUnitOfWork";
        private const string FactoryType = "Consistency.Runtime.Outbox.OutboxUnitOfWorkFactory";
        private const string OptionsType = "Consistency.Runtime.Outbox.OutboxOptions";
        private const string MessagesType = "Consistency.Runtime.Outbox.OutboxMessages";
        private const string RequestsType = "Consistency.Runtime.Outbox.OutboxUnitOfWorkRequests";

        private static readonly DualWriteRewritePlanner Planner = Plan;

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.DualWrite);

        public override FixAllProvider GetFixAllProvider() => new DualWriteFixAllProvider(Planner);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                if (await DualWriteRewriter.PlanAsync(context.Document, diagnostic, Planner, context.CancellationToken).ConfigureAwait(false) is null)
                {
                    continue;
                }

                var document = context.Document;
                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => DualWriteRewriter.FixAsync(document, ImmutableArray.Create(diagnostic), Planner, ct), EquivalenceKey),
                    diagnostic);
            }
        }

        private static DualWriteRewrite? Plan(SemanticModel model, SyntaxNode root, Diagnostic diagnostic, ISet<string> claimedNames, CancellationToken cancellationToken)
        {
            var compilation = model.Compilation;
            if (compilation.GetBestTypeByMetadataName(RequestsType) is null || compilation.GetBestTypeByMetadataName(MessagesType) is null)
            {
                return null; // the runtime (with its request helpers) is not referenced
            }

            var sites = DualWriteSites.Find(root, diagnostic);
            if (sites is null || !sites.OutgoingIsPublish || sites.InsideTransaction)
            {
                return null;
            }

            if (AsEntityFrameworkCommit(model, sites.Write, cancellationToken) is { } saveChanges)
            {
                return PlanEntityFramework(model, root, sites, saveChanges, cancellationToken);
            }

            var writeStatement = DualWriteSites.AwaitedStatementOf(sites.Write, out bool writeConfigured);
            var publishStatement = DualWriteSites.AwaitedStatementOf(sites.Outgoing, out bool publishConfigured);
            if (writeStatement is null || publishStatement is null || writeStatement.Parent is not BlockSyntax block || publishStatement.Parent != block)
            {
                return null;
            }

            var earlier = sites.WriteIsLater ? publishStatement : writeStatement;
            var later = sites.WriteIsLater ? writeStatement : publishStatement;
            int from = block.Statements.IndexOf(earlier), to = block.Statements.IndexOf(later);
            if (from < 0 || to <= from || !NothingRunsBetween(block, from, to))
            {
                return null;
            }

            var write = DescribeWrite(model, sites.Write, cancellationToken);
            var publish = DescribePublish(model, sites.Outgoing, cancellationToken);
            if (write is null || publish is null
                || (!sites.WriteIsLater && ChangedBetween(model, block, from, to, new[] { write.Value.Request }, movesBeforeThem: false, cancellationToken))
                || DualWriteSites.HasComments(writeStatement, write.Value.Request)
                || DualWriteSites.HasComments(publishStatement, publish.Value.Kept))
            {
                return null;
            }

            var member = earlier.FirstAncestorOrSelf<MemberDeclarationSyntax>();
            var taken = member is null ? new HashSet<string>() : FixerSyntax.IdentifiersIn(member);
            string unitOfWork = FixerSyntax.UniqueName("unitOfWork", taken);
            string creation = CreateUnitOfWork(model, earlier, write.Value.Client, compilation);
            var cancellation = write.Value.Cancellation ?? publish.Value.Cancellation;
            string commit = "await " + unitOfWork + ".CommitAsync(" + (cancellation?.ToString() ?? string.Empty) + ")"
                + (writeConfigured || publishConfigured ? ".ConfigureAwait(false)" : string.Empty) + ";";
            string addWrite = unitOfWork + "." + write.Value.Adder + "(" + write.Value.Request.ToFullString() + ");";
            string addEvent = unitOfWork + ".AddEvent(@OutboxMessages." + publish.Value.Factory + "("
                + publish.Value.Destination + ", " + publish.Value.Body + (publish.Value.GroupId is { } group ? ", " + group : string.Empty) + "));";

            return new Rewrite(
                earlier,
                later,
                declaration: "var " + unitOfWork + " = " + creation + ";",
                earlierAdd: sites.WriteIsLater ? addEvent : addWrite,
                laterAdd: sites.WriteIsLater ? addWrite : addEvent,
                commit: commit,
                newLine: FixerSyntax.NewLineOf(root));
        }

        /// <summary>Between the two statements only code without calls or awaits: nothing there can observe that the write moved.</summary>
        private static bool NothingRunsBetween(BlockSyntax block, int from, int to)
        {
            for (int i = from + 1; i < to; i++)
            {
                foreach (var node in block.Statements[i].DescendantNodesAndSelf())
                {
                    if (node is InvocationExpressionSyntax or AwaitExpressionSyntax or ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax
                        or LocalFunctionStatementSyntax or ReturnStatementSyntax or ThrowStatementSyntax or YieldStatementSyntax
                        or BreakStatementSyntax or ContinueStatementSyntax or GotoStatementSyntax)
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        /// <summary>
        /// Whether a statement between the two calls changes what <paramref name="reads"/> refer to: an assignment through
        /// an object they read (<c>request.Item["status"] = …</c>), or an increment of one. When the code moves before
        /// those statements (<paramref name="movesBeforeThem"/>), also a declaration or plain assignment of a variable
        /// it reads; code that stays after them already saw those values, since it was built from them.
        /// </summary>
        private static bool ChangedBetween(SemanticModel model, BlockSyntax block, int from, int to, IEnumerable<SyntaxNode> reads, bool movesBeforeThem, CancellationToken cancellationToken)
        {
            var referenced = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (var read in reads)
            {
                foreach (var name in read.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
                {
                    if (model.GetSymbolInfo(name, cancellationToken).Symbol is { } symbol)
                    {
                        referenced.Add(symbol);
                    }
                }
            }

            for (int i = from + 1; i < to; i++)
            {
                foreach (var node in block.Statements[i].DescendantNodesAndSelf())
                {
                    if (movesBeforeThem && node is VariableDeclaratorSyntax or SingleVariableDesignationSyntax
                        && model.GetDeclaredSymbol(node, cancellationToken) is { } declared && referenced.Contains(declared))
                    {
                        return true;
                    }

                    var target = node switch
                    {
                        AssignmentExpressionSyntax assignment => assignment.Left,
                        PrefixUnaryExpressionSyntax prefix when prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression) => prefix.Operand,
                        PostfixUnaryExpressionSyntax postfix when postfix.IsKind(SyntaxKind.PostIncrementExpression) || postfix.IsKind(SyntaxKind.PostDecrementExpression) => postfix.Operand,
                        _ => null,
                    };
                    if (target is null || (target is IdentifierNameSyntax && !movesBeforeThem))
                    {
                        continue;
                    }

                    foreach (var name in target.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
                    {
                        if (model.GetSymbolInfo(name, cancellationToken).Symbol is { } symbol && referenced.Contains(symbol))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private static string CreateUnitOfWork(SemanticModel model, StatementSyntax at, ExpressionSyntax client, Compilation compilation)
        {
            // A factory the service already holds carries the outbox table and options; otherwise the defaults
            // (table "outbox") with the client of the write.
            var factoryType = compilation.GetBestTypeByMetadataName(FactoryType);
            var method = model.GetEnclosingSymbol(at.SpanStart);
            if (factoryType is not null && method?.ContainingType is { } type)
            {
                foreach (var candidate in model.LookupSymbols(at.SpanStart))
                {
                    var candidateType = candidate switch
                    {
                        IFieldSymbol field => field.Type,
                        IPropertySymbol { GetMethod: not null } property => property.Type,
                        _ => null,
                    };
                    if (candidateType is not null && SymbolEqualityComparer.Default.Equals(candidateType, factoryType)
                        && (candidate.IsStatic || !method.IsStatic)
                        && SymbolEqualityComparer.Default.Equals(candidate.ContainingType?.OriginalDefinition, type.OriginalDefinition))
                    {
                        return candidate.Name + ".Create()";
                    }
                }
            }

            return "new @OutboxUnitOfWork(" + client.WithoutTrivia().ToFullString() + ", new @OutboxOptions())";
        }

        private readonly struct WriteCall
        {
            public WriteCall(string adder, ExpressionSyntax request, ExpressionSyntax client, ExpressionSyntax? cancellation)
            {
                Adder = adder;
                Request = request;
                Client = client;
                Cancellation = cancellation;
            }

            public string Adder { get; }

            public ExpressionSyntax Request { get; }

            public ExpressionSyntax Client { get; }

            public ExpressionSyntax? Cancellation { get; }
        }

        private readonly struct PublishCall
        {
            public PublishCall(string factory, string destination, string body, string? groupId, ExpressionSyntax? cancellation, SyntaxNode[] kept)
            {
                Factory = factory;
                Destination = destination;
                Body = body;
                GroupId = groupId;
                Cancellation = cancellation;
                Kept = kept;
            }

            public string Factory { get; }

            public string Destination { get; }

            public string Body { get; }

            public string? GroupId { get; }

            public ExpressionSyntax? Cancellation { get; }

            public SyntaxNode[] Kept { get; }
        }

        /// <summary>A request-object write on a DynamoDB client held in a field, property, parameter or local.</summary>
        private static WriteCall? DescribeWrite(SemanticModel model, InvocationExpressionSyntax call, CancellationToken cancellationToken)
        {
            if (model.GetOperation(call, cancellationToken) is not IInvocationOperation invocation
                || call.Expression is not MemberAccessExpressionSyntax { Expression: var client }
                || !IsStableReceiver(client))
            {
                return null;
            }

            var method = invocation.TargetMethod;
            var dynamo = model.Compilation.GetBestTypeByMetadataName("Amazon.DynamoDBv2.IAmazonDynamoDB");
            if (dynamo is null || !IsOrImplements(method.ContainingType, dynamo))
            {
                return null;
            }

            string? adder = method.Name switch
            {
                "PutItemAsync" => "AddPutItem",
                "UpdateItemAsync" => "AddUpdateItem",
                "DeleteItemAsync" => "AddDeleteItem",
                "TransactWriteItemsAsync" => "AddTransactWriteItems",
                _ => null,
            };
            string expectedRequest = "Amazon.DynamoDBv2.Model." + method.Name.Substring(0, method.Name.Length - "Async".Length) + "Request";
            if (adder is null || method.Parameters.Length is < 1 or > 2 || method.Parameters[0].Type.ToDisplayString() != expectedRequest)
            {
                return null; // the string/key overloads are not rewritten
            }

            ExpressionSyntax? request = null, cancellation = null;
            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.Explicit || argument.Syntax is not ArgumentSyntax syntax)
                {
                    continue;
                }

                if (argument.Parameter?.Ordinal == 0)
                {
                    request = syntax.Expression;
                }
                else
                {
                    cancellation = syntax.Expression;
                }
            }

            return request is null ? null : new WriteCall(adder, request, client, cancellation);
        }

        /// <summary>An SQS send or SNS publish of a body to a destination, with at most a FIFO group id.</summary>
        private static PublishCall? DescribePublish(SemanticModel model, InvocationExpressionSyntax call, CancellationToken cancellationToken)
        {
            if (model.GetOperation(call, cancellationToken) is not IInvocationOperation invocation)
            {
                return null;
            }

            var method = invocation.TargetMethod;
            var sqs = model.Compilation.GetBestTypeByMetadataName("Amazon.SQS.IAmazonSQS");
            var sns = model.Compilation.GetBestTypeByMetadataName("Amazon.SimpleNotificationService.IAmazonSimpleNotificationService");
            string factory, destinationName, bodyName;
            if (sqs is not null && method.Name == "SendMessageAsync" && IsOrImplements(method.ContainingType, sqs))
            {
                (factory, destinationName, bodyName) = ("ToQueue", "QueueUrl", "MessageBody");
            }
            else if (sns is not null && method.Name == "PublishAsync" && IsOrImplements(method.ContainingType, sns))
            {
                (factory, destinationName, bodyName) = ("ToTopic", "TopicArn", "Message");
            }
            else
            {
                return null;
            }

            var values = new Dictionary<string, ExpressionSyntax>();
            ExpressionSyntax? cancellation = null;
            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.Explicit || argument.Syntax is not ArgumentSyntax syntax || argument.Parameter is not { } parameter)
                {
                    continue;
                }

                if (parameter.Type.Name == nameof(CancellationToken))
                {
                    cancellation = syntax.Expression;
                }
                else if (parameter.Type.SpecialType == SpecialType.System_String && parameter.Ordinal < 2)
                {
                    values[parameter.Ordinal == 0 ? destinationName : bodyName] = syntax.Expression;
                }
                else if (parameter.Ordinal == 0 && syntax.Expression is ObjectCreationExpressionSyntax creation)
                {
                    if (!ReadRequest(model, creation, destinationName, bodyName, values, cancellationToken))
                    {
                        return null;
                    }
                }
                else
                {
                    return null; // a subject, a request built elsewhere: not exactly a body and a destination
                }
            }

            if (!values.TryGetValue(destinationName, out var destination) || !values.TryGetValue(bodyName, out var body))
            {
                return null;
            }

            values.TryGetValue("MessageGroupId", out var group);
            foreach (var value in values.Values)
            {
                if (model.GetTypeInfo(value, cancellationToken).Nullability.FlowState == NullableFlowState.MaybeNull)
                {
                    return null; // the helpers take non-null strings; a maybe-null value would be a new warning
                }
            }

            var kept = new List<SyntaxNode> { destination, body };
            if (group is not null)
            {
                kept.Add(group);
            }

            return new PublishCall(factory, destination.ToFullString().Trim(), body.ToFullString().Trim(), group?.ToFullString().Trim(), cancellation, kept.ToArray());
        }

        /// <summary>Reads <c>new XRequest(destination, body) { MessageGroupId = g }</c>; false when it sets anything else.</summary>
        private static bool ReadRequest(SemanticModel model, ObjectCreationExpressionSyntax creation, string destinationName, string bodyName, Dictionary<string, ExpressionSyntax> values, CancellationToken cancellationToken)
        {
            if (model.GetOperation(creation, cancellationToken) is not IObjectCreationOperation operation)
            {
                return false;
            }

            foreach (var argument in operation.Arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.Explicit || argument.Syntax is not ArgumentSyntax syntax || argument.Parameter is not { Ordinal: < 2 } parameter)
                {
                    return false;
                }

                values[parameter.Ordinal == 0 ? destinationName : bodyName] = syntax.Expression;
            }

            if (operation.Initializer is { } initializer)
            {
                foreach (var item in initializer.Initializers)
                {
                    if (item is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property, Value.Syntax: ExpressionSyntax value }
                        || (property.Property.Name != destinationName && property.Property.Name != bodyName && property.Property.Name != "MessageGroupId"))
                    {
                        return false;
                    }

                    values[property.Property.Name] = value;
                }
            }

            return true;
        }

        /// <summary>A receiver that can be evaluated again without effects: a name or a chain of member names.</summary>
        private static bool IsStableReceiver(ExpressionSyntax expression) => expression switch
        {
            IdentifierNameSyntax => true,
            ThisExpressionSyntax => true,
            MemberAccessExpressionSyntax { Expression: var inner, Name: IdentifierNameSyntax } => IsStableReceiver(inner),
            _ => false,
        };

        private static bool IsOrImplements(INamedTypeSymbol? type, INamedTypeSymbol contract)
        {
            if (type is null)
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(type, contract))
            {
                return true;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented, contract))
                {
                    return true;
                }
            }

            return false;
        }

        private sealed class Rewrite : DualWriteRewrite
        {
            private readonly StatementSyntax earlier;
            private readonly StatementSyntax later;
            private readonly string declaration;
            private readonly string earlierAdd;
            private readonly string laterAdd;
            private readonly string commit;
            private readonly string newLine;

            public Rewrite(StatementSyntax earlier, StatementSyntax later, string declaration, string earlierAdd, string laterAdd, string commit, string newLine)
            {
                this.earlier = earlier;
                this.later = later;
                this.declaration = declaration;
                this.earlierAdd = earlierAdd;
                this.laterAdd = laterAdd;
                this.commit = commit;
                this.newLine = newLine;
            }

            public override IEnumerable<SyntaxNode> NodesToTrack => new SyntaxNode[] { earlier, later };

            public override SyntaxNode Apply(SyntaxNode root)
            {
                var currentEarlier = root.GetCurrentNode(earlier);
                var currentLater = root.GetCurrentNode(later);
                if (currentEarlier is null || currentLater is null)
                {
                    return root;
                }

                var eol = SyntaxFactory.TriviaList(SyntaxFactory.EndOfLine(newLine));
                var (blankLines, rest) = FixerSyntax.SplitLeadingBlankLines(currentEarlier.GetLeadingTrivia());
                var indentation = FixerSyntax.Indentation(currentEarlier.GetLeadingTrivia());
                var first = new[]
                {
                    Statement(declaration).WithLeadingTrivia(blankLines.AddRange(indentation)).WithTrailingTrivia(eol),
                    Statement(earlierAdd).WithLeadingTrivia(rest).WithTrailingTrivia(currentEarlier.GetTrailingTrivia()),
                };
                var second = new[]
                {
                    Statement(laterAdd).WithTriviaFrom(currentLater),
                    Statement(commit).WithLeadingTrivia(FixerSyntax.Indentation(currentLater.GetLeadingTrivia())).WithTrailingTrivia(eol),
                };

                root = root.ReplaceNode(currentLater, second);
                currentEarlier = root.GetCurrentNode(earlier)!;
                return root.ReplaceNode(currentEarlier, first);
            }

            private static StatementSyntax Statement(string text)
                => FixerSyntax.Parse(text, t => SyntaxFactory.ParseStatement(t), UnitOfWorkType, OptionsType, MessagesType);
        }
    }
}
