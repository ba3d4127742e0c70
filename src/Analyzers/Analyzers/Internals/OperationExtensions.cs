using Microsoft.CodeAnalysis;

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
    }
}
