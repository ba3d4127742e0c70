using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Consistency.Analyzers.Internals
{
    internal static class OperationExtensions
    {
        /// <summary>The root of the operation's tree: the body (or the initializer) it belongs to.</summary>
        public static IOperation Root(this IOperation operation)
        {
            while (operation.Parent is not null)
            {
                operation = operation.Parent;
            }

            return operation;
        }

        /// <summary>
        /// Whether a lambda or a local function lies between the operation and <paramref name="container"/> (or the root):
        /// code there runs when it is called, not where it is written.
        /// </summary>
        public static bool IsInsideFunction(this IOperation operation, IOperation container)
        {
            for (var current = operation.Parent; current is not null && current != container; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
