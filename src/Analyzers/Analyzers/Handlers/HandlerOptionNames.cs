namespace Consistency.Analyzers.Handlers
{
    /// <summary>The .editorconfig keys about message handlers (documented in docs/configuration.md).</summary>
    internal static class HandlerOptionNames
    {
        /// <summary>Extra handler methods: <c>Namespace.Type.Method</c>, <c>Namespace.Type.*</c> or a documentation comment id, like the <c>*_methods</c> keys of the effect catalogue.</summary>
        public const string HandlerMethods = "consistency.handler_methods";
    }
}
