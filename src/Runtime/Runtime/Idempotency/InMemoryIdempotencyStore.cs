using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Consistency.Runtime.Idempotency;

/// <summary>
/// A process-local store with the same semantics as <see cref="DynamoDbIdempotencyStore"/>: atomic claims, take-over
/// of expired records, overwrite on completion. For tests and single-process embedded use; records do not survive a
/// restart.
/// </summary>
public sealed class InMemoryIdempotencyStore : IIdempotencyStore
{
    private readonly Dictionary<string, IdempotencyRecord> _records = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    /// <summary>The number of records held, expired ones included.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _records.Count;
            }
        }
    }

    /// <inheritdoc />
    public Task<IdempotencyClaim> TryClaimAsync(IdempotencyRecord record, long nowEpochMilliseconds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        cancellationToken.ThrowIfCancellationRequested();
        var now = DateTimeOffset.FromUnixTimeMilliseconds(nowEpochMilliseconds);
        lock (_gate)
        {
            if (_records.TryGetValue(record.Key, out var existing) && !existing.IsExpired(now))
            {
                return Task.FromResult(IdempotencyClaim.HeldBy(existing));
            }

            _records[record.Key] = record;
            return Task.FromResult(IdempotencyClaim.Success);
        }
    }

    /// <inheritdoc />
    public Task<bool> CompleteAsync(IdempotencyRecord record, long claimInProgressExpiresAtMs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!IsClaim(record.Key, claimInProgressExpiresAtMs))
            {
                return Task.FromResult(false);
            }

            _records[record.Key] = record;
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<bool> ReleaseAsync(string key, long claimInProgressExpiresAtMs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(IsClaim(key, claimInProgressExpiresAtMs) && _records.Remove(key));
        }
    }

    private bool IsClaim(string key, long claimInProgressExpiresAtMs) =>
        _records.TryGetValue(key, out var existing)
        && existing.Status == IdempotencyStatus.InProgress
        && existing.InProgressExpiresAtEpochMilliseconds == claimInProgressExpiresAtMs;

    /// <inheritdoc />
    public Task<IdempotencyRecord?> GetAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_records.TryGetValue(key, out var record) ? record : null);
        }
    }
}
