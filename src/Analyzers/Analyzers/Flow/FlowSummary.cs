using System.Collections.Immutable;
using Consistency.Analyzers.Effects;

namespace Consistency.Analyzers.Flow
{
    /// <summary>
    /// The effects of a flow (a method body with the helpers, lambdas and local functions it runs) and the order in
    /// which they can happen: <see cref="MayPrecede"/> is true when some execution runs the first and later the second
    /// (through sequence, loops, try/catch/finally). Effects in mutually exclusive branches never precede each other.
    /// </summary>
    internal sealed class FlowSummary
    {
        /// <summary>At most this many occurrences are kept per flow (the order is a 64-bit row per occurrence).</summary>
        public const int MaxOccurrences = 64;

        private readonly ulong[] precedes;

        public FlowSummary(ImmutableArray<EffectOccurrence> occurrences, ulong[] precedes)
        {
            Occurrences = occurrences;
            this.precedes = precedes;
        }

        public static FlowSummary Empty { get; } = new(ImmutableArray<EffectOccurrence>.Empty, new ulong[0]);

        public ImmutableArray<EffectOccurrence> Occurrences { get; }

        public bool IsEmpty => Occurrences.IsEmpty;

        /// <summary>Whether some execution performs occurrence <paramref name="first"/> and later occurrence <paramref name="second"/>.</summary>
        public bool MayPrecede(int first, int second)
            => (uint)first < (uint)precedes.Length && (uint)second < MaxOccurrences && (precedes[first] & (1UL << second)) != 0;

        public bool Contains(EffectKind kind)
        {
            foreach (var occurrence in Occurrences)
            {
                if (occurrence.Effect.Kind == kind)
                {
                    return true;
                }
            }

            return false;
        }

        public bool ContainsOutgoing()
        {
            foreach (var occurrence in Occurrences)
            {
                if (occurrence.Effect.IsOutgoing)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
