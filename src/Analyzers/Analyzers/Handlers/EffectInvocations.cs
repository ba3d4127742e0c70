using System.Threading;
using Consistency.Analyzers.Flow;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Consistency.Analyzers.Handlers
{
    /// <summary>The invocation behind an effect occurrence: the API call itself, in the handler or in a helper of the compilation.</summary>
    internal static class EffectInvocations
    {
        public static IInvocationOperation? Find(Compilation compilation, EffectOccurrence occurrence, CancellationToken cancellationToken)
        {
            var node = occurrence.EffectNode;
            if (!compilation.ContainsSyntaxTree(node.SyntaxTree))
            {
                return null;
            }

#pragma warning disable RS1030 // The effect is in a body the flow engine followed; the driver caches semantic models per tree.
            var model = compilation.GetSemanticModel(node.SyntaxTree);
#pragma warning restore RS1030
            // The call's own node, or a node of the same extent around it: an enclosing call (Task.Run(PublishAsync) around
            // a method group) is another call, not this effect's.
            for (SyntaxNode? current = node; current is not null && current.Span == node.Span; current = current.Parent)
            {
                if (model.GetOperation(current, cancellationToken) is IInvocationOperation invocation)
                {
                    return invocation;
                }
            }

            return null;
        }
    }
}
