namespace Consistency.Runtime.Inbox;

/// <summary>Attribute names of an inbox item.</summary>
public static class InboxAttributeNames
{
    /// <summary>Partition key: <c>{consumer}#{messageId}</c> (String).</summary>
    public const string Id = "id";

    /// <summary>TTL: epoch seconds (Number).</summary>
    public const string Expiration = "expiration";

    /// <summary>When the message was processed, ISO 8601 UTC (String).</summary>
    public const string ProcessedAt = "processed_at";

    /// <summary>The id of the message that caused it, if any (String).</summary>
    public const string CausationId = "causation_id";
}
