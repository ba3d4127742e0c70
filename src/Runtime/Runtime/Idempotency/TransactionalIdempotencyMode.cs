namespace Consistency.Runtime.Idempotency;

/// <summary>How a transactional idempotent invocation coordinates concurrent duplicates. See docs/runtime.md.</summary>
public enum TransactionalIdempotencyMode
{
    /// <summary>
    /// One request on the happy path: the work runs without a lock and the COMPLETED record is written by the same
    /// transaction as the work's writes, on condition that no live record exists. Concurrent duplicates may each run
    /// the work, but exactly one transaction commits; the others discard their writes and return its result. The work
    /// must therefore have no effects outside the unit of work.
    /// </summary>
    Optimistic,

    /// <summary>
    /// Two requests on the happy path: an IN_PROGRESS claim first (so the work runs once), then the transaction that
    /// writes the work's changes and turns the claim into COMPLETED, on condition that the claim is still this
    /// invocation's. Use it when the work has effects outside the unit of work or is expensive.
    /// </summary>
    Lock,
}
