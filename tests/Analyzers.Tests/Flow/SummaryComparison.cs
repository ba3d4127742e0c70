using Consistency.Analyzers.Flow;

namespace Consistency.Analyzers.Tests.Flow
{
    /// <summary>Compares two summaries of one method computed two ways: the same effects at the same sites, in the same order.</summary>
    internal static class SummaryComparison
    {
        /// <summary>Null when the summaries agree; otherwise the first difference, naming each side.</summary>
        public static string? Difference(FlowSummary first, FlowSummary second, string firstName, string secondName)
        {
            if (first.Occurrences.Length != second.Occurrences.Length)
            {
                return $"{first.Occurrences.Length} effects {firstName}, {second.Occurrences.Length} {secondName}";
            }

            for (int i = 0; i < first.Occurrences.Length; i++)
            {
                var (a, b) = (first.Occurrences[i], second.Occurrences[i]);
                if (a.Effect.Kind != b.Effect.Kind || a.Effect.Traits != b.Effect.Traits || a.CallSite != b.CallSite || a.EffectLocation != b.EffectLocation)
                {
                    return $"effect {i}: {a.Effect.Kind} at {a.EffectLocation.GetLineSpan()} {firstName}, {b.Effect.Kind} at {b.EffectLocation.GetLineSpan()} {secondName}";
                }

                for (int j = 0; j < first.Occurrences.Length; j++)
                {
                    if (first.MayPrecede(i, j) != second.MayPrecede(i, j))
                    {
                        return $"effects {i} and {j}: may precede {first.MayPrecede(i, j)} {firstName}, {second.MayPrecede(i, j)} {secondName}";
                    }
                }
            }

            return null;
        }
    }
}
