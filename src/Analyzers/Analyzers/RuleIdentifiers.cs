namespace Consistency.Analyzers
{
    /// <summary>The rule ids. Users put them in .editorconfig and #pragma: an id is never reused or renumbered.</summary>
    internal static class RuleIdentifiers
    {
        public const string DualWrite = "CH0001";
        public const string NonIdempotentHandler = "CH0002";
        public const string UnconditionalCreate = "CH0003";
        public const string UnorderedUpdate = "CH0004";
        public const string MissingPartialBatchFailure = "CH0005";
        public const string SwallowedPublishFailure = "CH0006";
        public const string OrderingKeyLost = "CH0007";
        public const string FireAndForgetEffect = "CH0011";

        private const string HelpUriFormat = "https://github.com/consistency-tooling/consistency-tooling/blob/main/docs/rules/{0}.md";

        public static string GetHelpUri(string id) => string.Format(System.Globalization.CultureInfo.InvariantCulture, HelpUriFormat, id);
    }
}
