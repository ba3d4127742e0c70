using System;

namespace Consistency.Runtime.Idempotency;

/// <summary>How an idempotent invocation is recorded. Immutable once passed to a handler.</summary>
public sealed class IdempotencyOptions
{
    /// <summary>The defaults: 1 hour records, 60 s in-progress expiry, payload validation and a local cache on.</summary>
    public static IdempotencyOptions Default { get; } = new();

    /// <summary>How long a completed record is kept and replayed. Default: 1 hour.</summary>
    public TimeSpan Expiration { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long an in-progress record blocks duplicates before another invocation may take over (when the process
    /// died). Set it to the remaining execution time where known, e.g. a Lambda's. Default: 60 s.
    /// </summary>
    public TimeSpan InProgressExpiration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Whether a replay with the same key and a different payload hash is rejected. Default: true.</summary>
    public bool ValidatePayload { get; init; } = true;

    /// <summary>Whether completed records are also kept in a per-process LRU cache. Default: true.</summary>
    public bool UseLocalCache { get; init; } = true;

    /// <summary>Coordination of transactional invocations. Default: <see cref="TransactionalIdempotencyMode.Optimistic"/>.</summary>
    public TransactionalIdempotencyMode TransactionalMode { get; init; } = TransactionalIdempotencyMode.Optimistic;

    /// <summary>How often an optimistic invocation retries after a transaction conflict. Default: 3.</summary>
    public int MaxConflictRetries { get; init; } = 3;
}
