namespace Consistency.Generators
{
    /// <summary>
    /// The tracking names of the pipeline steps, public so that tests can assert that each step is cached after an
    /// unrelated edit and changes after a relevant one.
    /// </summary>
    public static class StepNames
    {
        /// <summary>
        /// What the parser saw at each <c>[Idempotent]</c> method: model, location and diagnostics. Changes when the
        /// method moves in its file; only the diagnostics depend on it.
        /// </summary>
        public const string IdempotentMethodSites = "IdempotentMethodSites";

        /// <summary>One location-free model per <c>[Idempotent]</c> method.</summary>
        public const string IdempotentMethods = "IdempotentMethods";

        /// <summary>The diagnostics of each <c>[Idempotent]</c> method, including missing JSON metadata.</summary>
        public const string IdempotentDiagnostics = "IdempotentDiagnostics";

        /// <summary>The <c>[Idempotent]</c> methods grouped by containing type, resolved against the JSON contexts.</summary>
        public const string IdempotentTypes = "IdempotentTypes";

        /// <summary>One model per <c>JsonSerializerContext</c> declaration: the types it serialises.</summary>
        public const string JsonContexts = "JsonContexts";

        /// <summary>What the parser saw at each <c>[DomainEvent]</c> type: model, location and diagnostics.</summary>
        public const string DomainEventSites = "DomainEventSites";

        /// <summary>One location-free model per <c>[DomainEvent]</c> type.</summary>
        public const string DomainEvents = "DomainEvents";

        /// <summary>The diagnostics of each <c>[DomainEvent]</c> type, including missing JSON metadata.</summary>
        public const string DomainEventDiagnostics = "DomainEventDiagnostics";

        /// <summary>Type name, version and location of every domain event, for the duplicate-name check.</summary>
        public const string DomainEventNames = "DomainEventNames";

        /// <summary>The domain events resolved against the JSON contexts (one per event type).</summary>
        public const string ResolvedDomainEvents = "ResolvedDomainEvents";

        /// <summary>Every domain event's registry entry, for the registry and the duplicate-name check.</summary>
        public const string DomainEventRegistry = "DomainEventRegistry";
    }
}
