using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading;
using Consistency.Analyzers.Flow;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Consistency.Analyzers.Handlers
{
    /// <summary>
    /// The invocation behind an effect occurrence: the API call itself, in the handler or in a helper of the compilation.
    /// One per compilation, shared by the handler rules: each of them asks about the same effects, once per handler
    /// that reaches them.
    /// </summary>
    internal sealed class EffectInvocations
    {
        private static readonly ConditionalWeakTable<Compilation, EffectInvocations> Cache = new();

        private readonly Compilation compilation;
        private readonly ConcurrentDictionary<SyntaxNode, IInvocationOperation?> invocations = new();

        private EffectInvocations(Compilation compilation)
        {
            this.compilation = compilation;
        }

        public static EffectInvocations GetOrCreate(Compilation compilation) => Cache.GetValue(compilation, c => new EffectInvocations(c));

        public IInvocationOperation? Find(EffectOccurrence occurrence, CancellationToken cancellationToken)
        {
            var node = occurrence.EffectNode;
            return invocations.TryGetValue(node, out var known) ? known : invocations.GetOrAdd(node, Compute(node, cancellationToken));
        }

        private IInvocationOperation? Compute(SyntaxNode node, CancellationToken cancellationToken)
        {
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
