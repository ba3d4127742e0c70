using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Consistency.Analyzers.Internals
{
    /// <summary>A test of one operation for <see cref="OperationWalk"/>: a struct, so that the walk calls it without a delegate or a closure.</summary>
    internal interface IOperationTest
    {
        bool Test(IOperation operation);
    }

    /// <summary>Receives every operation of a walk that visits them all (<see cref="OperationWalk.VisitAll"/>).</summary>
    internal interface IOperationSink
    {
        void Visit(IOperation operation);
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

        /// <summary>
        /// Hands every operation below the root to the sink, in pre-order. A struct sink gets its own compiled walk, with
        /// a direct call per operation; a class sink shares one, with an interface call per operation.
        /// </summary>
        public static void VisitAll<TSink>(IOperation root, TSink sink)
            where TSink : IOperationSink
        {
            var test = new SinkTest<TSink>(sink);
            AnyDescendantFrom(root, ref test, recursion: 0);
        }

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

        /// <summary>A test that passes every operation to a sink and never stops the walk.</summary>
        private readonly struct SinkTest<TSink> : IOperationTest
            where TSink : IOperationSink
        {
            private readonly TSink sink;

            public SinkTest(TSink sink)
            {
                this.sink = sink;
            }

            public bool Test(IOperation operation)
            {
                sink.Visit(operation);
                return false;
            }
        }
    }
}
