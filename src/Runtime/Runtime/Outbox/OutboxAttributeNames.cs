namespace Consistency.Runtime.Outbox;

/// <summary>Attribute names of an outbox item. See docs/runtime.md for the full layout.</summary>
public static class OutboxAttributeNames
{
    /// <summary>Marks an item as an outbox item (value <see cref="KindValue"/>); the relay ignores other items.</summary>
    public const string Kind = "kind";

    /// <summary>The value of <see cref="Kind"/> on outbox items.</summary>
    public const string KindValue = "outbox";

    /// <summary>Schema version of the outbox item (Number).</summary>
    public const string SchemaVersion = "outbox_version";

    /// <summary>Aggregate key shared by every event in the item (String).</summary>
    public const string AggregateKey = "aggregate_key";

    /// <summary>Id of the commit that wrote the item (String).</summary>
    public const string TransactionId = "transaction_id";

    /// <summary>Position of the item among the items of its aggregate in its commit (Number).</summary>
    public const string Chunk = "chunk";

    /// <summary>Commit time, ISO 8601 UTC (String).</summary>
    public const string CreatedAt = "created_at";

    /// <summary>Number of events in the item (Number).</summary>
    public const string EventCount = "event_count";

    /// <summary>The events, a List of Maps (see the <c>Event*</c> constants).</summary>
    public const string Events = "events";

    /// <summary>TTL: epoch seconds (Number).</summary>
    public const string TimeToLive = "ttl";

    /// <summary>Present while not yet published by the polling relay (String); keys the sparse pending index.</summary>
    public const string Pending = "pending";

    /// <summary>Name of the sparse global secondary index the polling relay queries.</summary>
    public const string PendingIndexName = "pending-index";

    /// <summary>Event map: event id (String).</summary>
    public const string EventId = "id";

    /// <summary>Event map: type name (String).</summary>
    public const string EventType = "type";

    /// <summary>Event map: schema version (Number).</summary>
    public const string EventVersion = "v";

    /// <summary>Event map: occurred-at, ISO 8601 UTC (String).</summary>
    public const string EventOccurredAt = "at";

    /// <summary>Event map: causation id (String, optional).</summary>
    public const string EventCausationId = "cause";

    /// <summary>Event map: correlation id (String, optional).</summary>
    public const string EventCorrelationId = "corr";

    /// <summary>Event map: JSON payload (String).</summary>
    public const string EventPayload = "data";
}
