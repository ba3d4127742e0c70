namespace Consistency.Analyzers.Effects
{
    /// <summary>The .editorconfig keys that extend the effect catalogue (documented in docs/configuration.md).</summary>
    internal static class EffectOptionNames
    {
        public const string DbWriteMethods = "consistency.db_write_methods";
        public const string DbReadMethods = "consistency.db_read_methods";
        public const string PublishMethods = "consistency.publish_methods";
        public const string ExternalCallMethods = "consistency.external_call_methods";
        public const string IgnoredMethods = "consistency.ignored_methods";
        public const string WrapperConventions = "consistency.wrapper_conventions";
        public const string MaxFlowDepth = "consistency.max_flow_depth";
    }
}
