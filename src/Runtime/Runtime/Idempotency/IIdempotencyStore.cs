using System.Threading;
using System.Threading.Tasks;

namespace Consistency.Runtime.Idempotency;

/// <summary>
/// Persists idempotency records. Implementations must make <see cref="TryClaimAsync"/> atomic: of concurrent
/// claims of a key that is free or expired, exactly one succeeds.
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>
    /// Writes an in-progress record for the key of <paramref name="record"/> unless a live record exists. An expired record, or an
    /// in-progress record past its in-progress expiry, is taken over.
    /// </summary>
    /// <param name="record">The in-progress record to write (its times decide expiry).</param>
    /// <param name="nowEpochMilliseconds">The current time, which decides whether an existing record is expired.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>Claimed, or the live record that holds the key.</returns>
    /// <exception cref="IdempotencyPersistenceException">The store failed.</exception>
    Task<IdempotencyClaim> TryClaimAsync(IdempotencyRecord record, long nowEpochMilliseconds, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces this invocation's in-progress record with the completed one, if the claim is still this invocation's
    /// (its record is in progress with the in-progress expiry it was claimed with).
    /// </summary>
    /// <param name="record">The completed record.</param>
    /// <param name="claimInProgressExpiresAtMs">The in-progress expiry of the claim, which identifies it.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns><see langword="false"/> when the claim expired and another invocation took the key over.</returns>
    /// <exception cref="IdempotencyPersistenceException">The store failed.</exception>
    Task<bool> CompleteAsync(IdempotencyRecord record, long claimInProgressExpiresAtMs, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes this invocation's in-progress record so that the work may run again (after a failure); a record that
    /// another invocation took over is left alone.
    /// </summary>
    /// <param name="key">The idempotency key.</param>
    /// <param name="claimInProgressExpiresAtMs">The in-progress expiry of the claim, which identifies it.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns><see langword="false"/> when the record was not this invocation's claim.</returns>
    /// <exception cref="IdempotencyPersistenceException">The store failed.</exception>
    Task<bool> ReleaseAsync(string key, long claimInProgressExpiresAtMs, CancellationToken cancellationToken);

    /// <summary>Reads the record of <paramref name="key"/>, expired or not, with a strongly consistent read.</summary>
    /// <param name="key">The idempotency key.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The record, or <see langword="null"/>.</returns>
    /// <exception cref="IdempotencyPersistenceException">The store failed.</exception>
    Task<IdempotencyRecord?> GetAsync(string key, CancellationToken cancellationToken);
}
