using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Consistency.Analyzers.Internals;
using Consistency.CodeFixes.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Consistency.CodeFixes.Rules
{
    /// <summary>
    /// CH0001 outbox fix for EF Core: the message becomes an <c>OutboxRecord</c> added to the context that commits, so
    /// that the same <c>SaveChanges</c> stores the change and the message; the direct send goes away.
    /// </summary>
    /// <remarks>
    /// Offered when the context maps <c>OutboxRecord</c> (a <c>DbSet&lt;OutboxRecord&gt;</c> property, or
    /// <c>AddConsistencyOutbox</c> in its <c>OnModelCreating</c>): adding a row of an unmapped type would throw at run
    /// time. For a send after the commit, the message is now built before the commit, so it must not read anything the
    /// commit changes: no entity of the context (generated keys, concurrency tokens), nothing assigned or declared
    /// between the two calls.
    /// </remarks>
    public sealed partial class DualWriteOutboxFixer
    {
        private const string DbContextType = "Microsoft.EntityFrameworkCore.DbContext";
        private const string DbSetType = "Microsoft.EntityFrameworkCore.DbSet`1";
        private const string OutboxRecordType = "Consistency.Runtime.Outbox.OutboxRecord";
        private const string ModelMappingMethod = "AddConsistencyOutbox";

        /// <summary>The write as an EF Core <c>SaveChanges</c>/<c>SaveChangesAsync</c> call, or null when it is another write.</summary>
        private static IInvocationOperation? AsEntityFrameworkCommit(SemanticModel model, InvocationExpressionSyntax call, CancellationToken cancellationToken)
        {
            var dbContext = model.Compilation.GetBestTypeByMetadataName(DbContextType);
            return dbContext is not null
                && model.GetOperation(call, cancellationToken) is IInvocationOperation { TargetMethod.Name: "SaveChanges" or "SaveChangesAsync" } invocation
                && invocation.TargetMethod.ContainingType.IsOrDerivesFrom(dbContext)
                ? invocation
                : null;
        }

        private static DualWriteRewrite? PlanEntityFramework(SemanticModel model, SyntaxNode root, DualWriteSites sites, IInvocationOperation commitCall, CancellationToken cancellationToken)
        {
            var compilation = model.Compilation;
            var recordType = compilation.GetBestTypeByMetadataName(OutboxRecordType);
            var setType = compilation.GetBestTypeByMetadataName(DbSetType);
            if (recordType is null || setType is null
                || commitCall.Instance?.Type is not INamedTypeSymbol contextType
                || sites.Write.Expression is not MemberAccessExpressionSyntax { Expression: var receiver }
                || !IsStableReceiver(receiver))
            {
                return null;
            }

            var entityTypes = EntityTypesOf(contextType, setType);
            if (!entityTypes.Contains(recordType, SymbolEqualityComparer.Default) && !ConfiguresRecordInModel(contextType, compilation, cancellationToken))
            {
                return null; // adding a row of a type the model does not map throws at run time
            }

            foreach (var argument in commitCall.Arguments)
            {
                // acceptAllChangesOnSuccess: false keeps the changes pending for a retry, which would insert the row twice.
                if (argument.ArgumentKind == ArgumentKind.Explicit && argument.Parameter?.Type.SpecialType == SpecialType.System_Boolean
                    && argument.Value.ConstantValue is not { HasValue: true, Value: true })
                {
                    return null;
                }
            }

            var writeStatement = CommitStatementOf(sites.Write);
            var publishStatement = DualWriteSites.AwaitedStatementOf(sites.Outgoing, out _);
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

            var publish = DescribePublish(model, sites.Outgoing, cancellationToken);
            if (publish is null
                || DualWriteSites.HasComments(publishStatement, publish.Value.Kept)
                || publishStatement.ContainsDirectives // a directive cannot move with the removed send
                || !ReceiverInScopeAt(model, receiver, earlier, cancellationToken))
            {
                return null;
            }

            // A send after the commit is now built before it (and before the statements between the two calls).
            if (!sites.WriteIsLater
                && (ReadsEntity(model, publish.Value.Kept, entityTypes, cancellationToken)
                    || ChangedBetween(model, block, from, to, publish.Value.Kept, movesBeforeThem: true, cancellationToken)))
            {
                return null;
            }

            string addRecord = receiver.WithoutTrivia().ToFullString() + ".Add(@OutboxRecord.From(@OutboxMessages." + publish.Value.Factory + "("
                + publish.Value.Destination + ", " + publish.Value.Body + (publish.Value.GroupId is { } group ? ", " + group : string.Empty) + ")));";
            return new EntityFrameworkRewrite(writeStatement, publishStatement, addRecord, publishIsEarlier: sites.WriteIsLater);
        }

        /// <summary><c>await db.SaveChangesAsync(…);</c> (optionally configured) or <c>db.SaveChanges(…);</c>, with the result unused.</summary>
        private static ExpressionStatementSyntax? CommitStatementOf(InvocationExpressionSyntax call)
            => DualWriteSites.AwaitedStatementOf(call, out _) ?? (call.Parent as ExpressionStatementSyntax);

        /// <summary>Whether an <c>OnModelCreating</c> of the context or a base calls <c>AddConsistencyOutbox</c>.</summary>
        private static bool ConfiguresRecordInModel(INamedTypeSymbol contextType, Compilation compilation, CancellationToken cancellationToken)
        {
            for (var type = contextType; type is not null && type.SpecialType != SpecialType.System_Object; type = type.BaseType)
            {
                foreach (var member in type.GetMembers("OnModelCreating"))
                {
                    if (member is IMethodSymbol { IsOverride: true } onModelCreating && CallsModelMapping(onModelCreating, compilation, cancellationToken))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool CallsModelMapping(IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken)
        {
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                var declaration = reference.GetSyntax(cancellationToken);
                SemanticModel? model = null;
                foreach (var node in declaration.DescendantNodes())
                {
                    if (node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: ModelMappingMethod } or IdentifierNameSyntax { Identifier.ValueText: ModelMappingMethod } } invocation)
                    {
                        model ??= compilation.GetSemanticModel(declaration.SyntaxTree);
                        if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol { IsExtensionMethod: true })
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        /// <summary>The entity types of the context: the element types of the public <c>DbSet&lt;T&gt;</c> properties EF Core discovers.</summary>
        private static List<INamedTypeSymbol> EntityTypesOf(INamedTypeSymbol contextType, INamedTypeSymbol setType)
        {
            var entities = new List<INamedTypeSymbol>();
            for (var type = contextType; type is not null && type.SpecialType != SpecialType.System_Object; type = type.BaseType)
            {
                foreach (var member in type.GetMembers())
                {
                    if (member is IPropertySymbol { IsStatic: false, GetMethod: not null, DeclaredAccessibility: Accessibility.Public, Type: INamedTypeSymbol { IsGenericType: true } propertyType }
                        && SymbolEqualityComparer.Default.Equals(propertyType.OriginalDefinition, setType))
                    {
                        if (propertyType.TypeArguments[0] is INamedTypeSymbol entity)
                        {
                            entities.Add(entity);
                        }
                    }
                }
            }

            return entities;
        }

        /// <summary>
        /// Whether the expression reads a value of an entity type (or a collection of one): the commit can change such
        /// an object (a generated key, a concurrency token), so the message must not be built from it before the commit.
        /// </summary>
        private static bool ReadsEntity(SemanticModel model, IEnumerable<SyntaxNode> expressions, List<INamedTypeSymbol> entityTypes, CancellationToken cancellationToken)
        {
            foreach (var expression in expressions)
            {
                foreach (var node in expression.DescendantNodesAndSelf())
                {
                    if (node is (IdentifierNameSyntax or ThisExpressionSyntax or BaseExpressionSyntax)
                        && model.GetTypeInfo(node, cancellationToken).Type is { } type && MentionsEntity(type, entityTypes, depth: 0))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool MentionsEntity(ITypeSymbol type, List<INamedTypeSymbol> entityTypes, int depth)
        {
            if (depth > 4)
            {
                return false;
            }

            foreach (var entity in entityTypes)
            {
                if (type.IsOrDerivesFrom(entity))
                {
                    return true;
                }
            }

            switch (type)
            {
                case IArrayTypeSymbol array:
                    return MentionsEntity(array.ElementType, entityTypes, depth + 1);
                case INamedTypeSymbol { IsGenericType: true } generic:
                    foreach (var argument in generic.TypeArguments)
                    {
                        if (MentionsEntity(argument, entityTypes, depth + 1))
                        {
                            return true;
                        }
                    }

                    return false;
                default:
                    return false;
            }
        }

        /// <summary>Whether the context is reachable at <paramref name="statement"/>: a local receiver must be declared before it.</summary>
        private static bool ReceiverInScopeAt(SemanticModel model, ExpressionSyntax receiver, StatementSyntax statement, CancellationToken cancellationToken)
        {
            var root = receiver;
            while (root is MemberAccessExpressionSyntax member)
            {
                root = member.Expression;
            }

            if (model.GetSymbolInfo(root, cancellationToken).Symbol is ILocalSymbol local)
            {
                foreach (var reference in local.DeclaringSyntaxReferences)
                {
                    if (reference.SyntaxTree != statement.SyntaxTree || reference.Span.Start >= statement.SpanStart)
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        /// <summary>
        /// A send before the commit becomes the record in its place; a send after it moves, as the record, to just
        /// before the commit, with its comments.
        /// </summary>
        private sealed class EntityFrameworkRewrite : DualWriteRewrite
        {
            private readonly StatementSyntax commit;
            private readonly StatementSyntax send;
            private readonly string addRecord;
            private readonly bool publishIsEarlier;

            public EntityFrameworkRewrite(StatementSyntax commit, StatementSyntax send, string addRecord, bool publishIsEarlier)
            {
                this.commit = commit;
                this.send = send;
                this.addRecord = addRecord;
                this.publishIsEarlier = publishIsEarlier;
            }

            public override IEnumerable<SyntaxNode> NodesToTrack => new SyntaxNode[] { commit, send };

            public override SyntaxNode Apply(SyntaxNode root)
            {
                var currentCommit = root.GetCurrentNode(commit);
                var currentSend = root.GetCurrentNode(send);
                if (currentCommit is null || currentSend is null)
                {
                    return root;
                }

                if (publishIsEarlier)
                {
                    return root.ReplaceNode(currentSend, Statement(addRecord).WithTriviaFrom(currentSend));
                }

                // The record takes the send's comments and the commit's blank lines; the commit keeps its own comments.
                var (blankLines, commitRest) = FixerSyntax.SplitLeadingBlankLines(currentCommit.GetLeadingTrivia());
                var (_, sendRest) = FixerSyntax.SplitLeadingBlankLines(currentSend.GetLeadingTrivia());
                var record = Statement(addRecord)
                    .WithLeadingTrivia(blankLines.AddRange(sendRest))
                    .WithTrailingTrivia(currentSend.GetTrailingTrivia());

                root = root.RemoveNode(currentSend, SyntaxRemoveOptions.KeepNoTrivia)!;
                currentCommit = root.GetCurrentNode(commit)!;
                return root.ReplaceNode(currentCommit, new SyntaxNode[] { record, currentCommit.WithLeadingTrivia(commitRest) });
            }

            private static StatementSyntax Statement(string text)
                => FixerSyntax.Parse(text, t => SyntaxFactory.ParseStatement(t), OutboxRecordType, MessagesType);
        }
    }
}
