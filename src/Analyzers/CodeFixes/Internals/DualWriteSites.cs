using System.Threading;
using Consistency.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Consistency.CodeFixes.Internals
{
    /// <summary>
    /// The two calls of a CH0001 diagnostic, found from its locations (the later effect's call, then the earlier
    /// one's) and its properties (which of them is the write).
    /// </summary>
    internal sealed class DualWriteSites
    {
        private DualWriteSites(InvocationExpressionSyntax write, InvocationExpressionSyntax outgoing, bool writeIsLater, bool outgoingIsPublish, bool readBeforeWrite, bool insideTransaction)
        {
            Write = write;
            Outgoing = outgoing;
            WriteIsLater = writeIsLater;
            OutgoingIsPublish = outgoingIsPublish;
            ReadBeforeWrite = readBeforeWrite;
            InsideTransaction = insideTransaction;
        }

        public InvocationExpressionSyntax Write { get; }

        public InvocationExpressionSyntax Outgoing { get; }

        public bool WriteIsLater { get; }

        public bool OutgoingIsPublish { get; }

        public bool ReadBeforeWrite { get; }

        public bool InsideTransaction { get; }

        public InvocationExpressionSyntax Earlier => WriteIsLater ? Outgoing : Write;

        public InvocationExpressionSyntax Later => WriteIsLater ? Write : Outgoing;

        public static DualWriteSites? Find(SyntaxNode root, Diagnostic diagnostic)
        {
            if (diagnostic.AdditionalLocations.Count == 0
                || !diagnostic.Properties.TryGetValue(DualWriteProperties.WriteSide, out var side)
                || !diagnostic.Properties.TryGetValue(DualWriteProperties.OutgoingKind, out var outgoingKind))
            {
                return null;
            }

            var later = FindInvocation(root, diagnostic.Location);
            var earlier = FindInvocation(root, diagnostic.AdditionalLocations[0]);
            if (later is null || earlier is null)
            {
                return null;
            }

            bool writeIsLater = side == DualWriteProperties.Later;
            return new DualWriteSites(
                writeIsLater ? later : earlier,
                writeIsLater ? earlier : later,
                writeIsLater,
                outgoingKind == DualWriteProperties.Publish,
                diagnostic.Properties.ContainsKey(DualWriteProperties.ReadBeforeWrite),
                diagnostic.Properties.ContainsKey(DualWriteProperties.InsideTransaction));
        }

        /// <summary>
        /// The statement that is nothing but the awaited call (<c>await call;</c> or
        /// <c>await call.ConfigureAwait(false);</c>): its result is discarded, so the call can be replaced.
        /// </summary>
        public static ExpressionStatementSyntax? AwaitedStatementOf(InvocationExpressionSyntax call, out bool configureAwaitFalse)
        {
            configureAwaitFalse = false;
            SyntaxNode awaited = call;
            if (call.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } member
                && member.Expression == call
                && member.Parent is InvocationExpressionSyntax { ArgumentList.Arguments: { Count: 1 } arguments } configured
                && arguments[0].Expression.IsKind(SyntaxKind.FalseLiteralExpression))
            {
                awaited = configured;
                configureAwaitFalse = true;
            }

            return awaited.Parent is AwaitExpressionSyntax { Parent: ExpressionStatementSyntax statement } ? statement : null;
        }

        /// <summary>
        /// Whether the node carries a comment or directive inside its span (its own leading and trailing trivia move
        /// with it) outside the <paramref name="kept"/> subtrees: a rewrite of that code would lose it.
        /// </summary>
        public static bool HasComments(SyntaxNode node, params SyntaxNode[] kept)
        {
            foreach (var trivia in node.DescendantTrivia(descendIntoTrivia: true))
            {
                if (trivia.IsKind(SyntaxKind.WhitespaceTrivia) || trivia.IsKind(SyntaxKind.EndOfLineTrivia) || !node.Span.Contains(trivia.Span))
                {
                    continue;
                }

                bool inKept = false;
                foreach (var keep in kept)
                {
                    if (keep.FullSpan.Contains(trivia.Span))
                    {
                        inKept = true;
                        break;
                    }
                }

                if (!inKept)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The member or local function whose body holds <paramref name="node"/> directly (not through a lambda).</summary>
        public static MethodDeclarationSyntax? EnclosingMethod(SyntaxNode node)
        {
            for (var current = node.Parent; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case MethodDeclarationSyntax method:
                        return method;
                    case AnonymousFunctionExpressionSyntax:
                    case LocalFunctionStatementSyntax:
                    case MemberDeclarationSyntax:
                        return null;
                }
            }

            return null;
        }

        private static InvocationExpressionSyntax? FindInvocation(SyntaxNode root, Location location)
        {
            if (!location.IsInSource || location.SourceTree != root.SyntaxTree || !root.FullSpan.Contains(location.SourceSpan))
            {
                return null;
            }

            var node = root.FindNode(location.SourceSpan, getInnermostNodeForTie: true);
            for (var current = node; current is not null; current = current.Parent)
            {
                if (current is InvocationExpressionSyntax invocation && invocation.Span == location.SourceSpan)
                {
                    return invocation;
                }

                if (current.Span.Length > location.SourceSpan.Length)
                {
                    break;
                }
            }

            return null;
        }
    }
}
