using Microsoft.CodeAnalysis;

namespace Consistency.Analyzers.Internals
{
    /// <summary>A test of one syntax node for <see cref="SyntaxWalk"/>: a struct, so that the walk calls it without a delegate or a closure.</summary>
    internal interface ISyntaxNodeTest
    {
        bool Test(SyntaxNode node);
    }

    /// <summary>
    /// Whether any node below a root passes a test, found by recursion over the children rather than
    /// <c>DescendantNodes()</c>: the walks that use it run over every node of many bodies, and the iterator's stack of
    /// enumerators was a large share of them. Deeper than <see cref="MaxRecursion"/> levels (long chains of binary
    /// operators) the walk goes on with the iterator.
    /// </summary>
    internal static class SyntaxWalk
    {
        private const int MaxRecursion = 128;

        public static bool AnyDescendant<TTest>(SyntaxNode root, ref TTest test)
            where TTest : struct, ISyntaxNodeTest
            => AnyDescendantFrom(root, ref test, recursion: 0);

        private static bool AnyDescendantFrom<TTest>(SyntaxNode parent, ref TTest test, int recursion)
            where TTest : struct, ISyntaxNodeTest
        {
            foreach (var child in parent.ChildNodesAndTokens())
            {
                if (child.AsNode() is not { } node)
                {
                    continue;
                }

                if (test.Test(node))
                {
                    return true;
                }

                if (recursion < MaxRecursion)
                {
                    if (AnyDescendantFrom(node, ref test, recursion + 1))
                    {
                        return true;
                    }
                }
                else
                {
                    foreach (var descendant in node.DescendantNodes())
                    {
                        if (test.Test(descendant))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }
    }
}
