namespace Consistency.Analyzers
{
    /// <summary>The fixed list of rule categories.</summary>
    internal static class RuleCategories
    {
        /// <summary>Atomicity of a write and the messages that announce it (dual writes, outbox).</summary>
        public const string Consistency = "Consistency";

        /// <summary>Safety of message handlers under at-least-once, out-of-order delivery.</summary>
        public const string Reliability = "Reliability";

        /// <summary>Misuse of the generator's attributes.</summary>
        public const string Usage = "Usage";
    }
}
