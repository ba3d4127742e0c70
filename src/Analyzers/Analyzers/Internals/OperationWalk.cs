using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Consistency.Analyzers.Internals
{
    /// <summary>A test of one operation for <see cref="OperationWalk"/>: a struct, so that the walk calls it without a delegate or a closure.</summary>
    internal interface IOperationTest
    {
        bool Test(IOperation operation);
    }

    /// <summary>
    /// Whether any operation below a root passes a test, in pre-order, found by recursion over
    /// <see cref="IOperation.ChildOperations"/> rather than <c>Descendants()</c>: the walks that use it run over every
    /// operation of many bodies, and the iterator's stack of enumerators was a large share of them (the operation
    /// counterpart of <see cref="SyntaxWalk"/>). A test that never answers true visits every operation. Deeper than
    /// <see cref="MaxRecursion"/> levels (long chains of binary operators) the walk goes on with the iterator.
    /// </summary>
    internal static class OperationWalk
    {
        private const int MaxRecursion = 128;

        public static bool AnyDescendant<TTest>(IOperation root, ref TTest test)
            where TTest : struct, IOperationTest
            => AnyDescendantFrom(root, ref test, recursion: 0);

        private static bool AnyDescendantFrom<TTest>(IOperation parent, ref TTest test, int recursion)
            where TTest : struct, IOperationTest
        {
            foreach (var child in parent.ChildOperations)
            {
                if (test.Test(child))
                {
                    return true;
                }

                if (recursion < MaxRecursion)
                {
                    if (AnyDescendantFrom(child, ref test, recursion + 1))
                    {
                        return true;
                    }
                }
                else
                {
                    foreach (var descendant in child.Descendants())
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
