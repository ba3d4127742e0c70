namespace Consistency.Runtime.Idempotency;

/// <summary>
/// Attribute names and status values of an idempotency record, the same as Powertools for AWS Lambda uses, so that
/// both can share a table.
/// </summary>
public static class IdempotencyAttributeNames
{
    /// <summary>Partition key: the idempotency key (String).</summary>
    public const string Id = "id";

    /// <summary><see cref="StatusInProgress"/> or <see cref="StatusCompleted"/> (String).</summary>
    public const string Status = "status";

    /// <summary>When the record expires, epoch seconds (Number); also the table's TTL attribute.</summary>
    public const string Expiration = "expiration";

    /// <summary>When an in-progress record may be taken over, epoch milliseconds (Number).</summary>
    public const string InProgressExpiration = "in_progress_expiration";

    /// <summary>The serialised result of the completed work (String).</summary>
    public const string Data = "data";

    /// <summary>Hash of the payload, for payload validation (String).</summary>
    public const string Validation = "validation";

    /// <summary>Stored status of a claimed, unfinished invocation.</summary>
    public const string StatusInProgress = "INPROGRESS";

    /// <summary>Stored status of a finished invocation.</summary>
    public const string StatusCompleted = "COMPLETED";
}
