using System.Collections.Immutable;
using Consistency.Analyzers.Effects;
using Microsoft.CodeAnalysis;

namespace Consistency.Analyzers.Flow
{
    /// <summary>
    /// One effect reachable from a flow: what it is, the call in the analysed body that reaches it (the effect itself,
    /// or the call of the helper it is in) and the path of calls inside helpers down to the effect.
    /// </summary>
    internal sealed class EffectOccurrence
    {
        public EffectOccurrence(Effect effect, SyntaxNode callSite, IMethodSymbol? callee, ImmutableArray<SyntaxNode> innerPath)
        {
            Effect = effect;
            CallSite = callSite;
            Callee = callee;
            InnerPath = innerPath;
        }

        public Effect Effect { get; }

        /// <summary>The call in the analysed body (its syntax) through which the effect happens.</summary>
        public SyntaxNode CallSite { get; }

        /// <summary>The method called at <see cref="CallSite"/> when the effect is inside it (null for a direct effect, or one in a lambda or local function of the body).</summary>
        public IMethodSymbol? Callee { get; }

        /// <summary>True when the effect is inside another method reached from <see cref="CallSite"/>.</summary>
        public bool IsViaCall => Callee is not null;

        /// <summary>The calls inside helpers (their syntax), outermost first, ending at the effect; empty for a direct effect.</summary>
        public ImmutableArray<SyntaxNode> InnerPath { get; }

        public Location CallSiteLocation => CallSite.GetLocation();

        /// <summary>The effect's API call itself (its syntax).</summary>
        public SyntaxNode EffectNode => InnerPath.IsEmpty ? CallSite : InnerPath[InnerPath.Length - 1];

        /// <summary>Where the effect's API call itself is.</summary>
        public Location EffectLocation => EffectNode.GetLocation();

        /// <summary>This occurrence as seen from a caller, through the caller's call of <paramref name="callee"/> at <paramref name="callerSite"/>.</summary>
        public EffectOccurrence LiftThrough(SyntaxNode callerSite, IMethodSymbol callee, int maxPath)
        {
            var path = ImmutableArray.CreateBuilder<SyntaxNode>(InnerPath.Length + 1);
            path.Add(CallSite);
            foreach (var node in InnerPath)
            {
                if (path.Count >= maxPath)
                {
                    path[path.Count - 1] = InnerPath[InnerPath.Length - 1];
                    break;
                }

                path.Add(node);
            }

            return new EffectOccurrence(Effect, callerSite, callee, path.ToImmutable());
        }
    }
}
