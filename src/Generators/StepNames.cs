namespace Consistency.Generators
{
    /// <summary>
    /// The tracking names of the pipeline steps, public so that tests can assert that each step is cached after an
    /// unrelated edit and changes after a relevant one.
    /// </summary>
    public static class StepNames
    {
        /// <summary>One model per <c>[Idempotent]</c> method, built from its symbol.</summary>
        public const string IdempotentMethods = "IdempotentMethods";

        /// <summary>The <c>[Idempotent]</c> methods grouped by containing type, resolved against the JSON contexts.</summary>
        public const string IdempotentTypes = "IdempotentTypes";

        /// <summary>One model per <c>JsonSerializerContext</c> declaration: the types it serialises.</summary>
        public const string JsonContexts = "JsonContexts";

        /// <summary>One model per <c>[DomainEvent]</c> type.</summary>
        public const string DomainEvents = "DomainEvents";

        /// <summary>The domain events resolved against the JSON contexts (one per event type).</summary>
        public const string ResolvedDomainEvents = "ResolvedDomainEvents";

        /// <summary>Every domain event's registry entry, for the registry and the duplicate-name check.</summary>
        public const string DomainEventRegistry = "DomainEventRegistry";
    }
}
