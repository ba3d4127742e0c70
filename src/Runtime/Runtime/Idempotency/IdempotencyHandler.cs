using System;
using System.Threading;
using System.Threading.Tasks;
using Consistency.Runtime.Outbox;

namespace Consistency.Runtime.Idempotency;

/// <summary>
/// Runs work at most once per idempotency key and replays its stored result to duplicates. This is what generated
/// <c>[Idempotent]</c> wrappers call: <see cref="ExecuteAsync"/> for any work, <see cref="ExecuteTransactionalAsync"/>
/// for work that writes DynamoDB through an <see cref="OutboxUnitOfWork"/>, whose completed record then commits in
/// the same transaction as the work's writes.
/// </summary>
public sealed class IdempotencyHandler
{
    /// <summary>The tag of the idempotency record's action inside a unit of work.</summary>
    public const string RecordActionTag = "idempotency-record";

    private readonly IIdempotencyStore _store;
    private readonly IdempotencyOptions _defaults;
    private readonly OutboxUnitOfWorkFactory? _unitOfWorkFactory;
    private readonly TimeProvider _time;
    private readonly LocalRecordCache _cache;

    /// <summary>Creates the handler.</summary>
    /// <param name="store">Where records are kept.</param>
    /// <param name="defaults">Options used when a call passes none.</param>
    /// <param name="unitOfWorkFactory">Creates units of work for <see cref="ExecuteTransactionalAsync"/>.</param>
    /// <param name="timeProvider">The clock; the system clock by default.</param>
    /// <param name="localCacheCapacity">How many completed records the local cache keeps.</param>
    public IdempotencyHandler(
        IIdempotencyStore store,
        IdempotencyOptions? defaults = null,
        OutboxUnitOfWorkFactory? unitOfWorkFactory = null,
        TimeProvider? timeProvider = null,
        int localCacheCapacity = 256)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _defaults = defaults ?? IdempotencyOptions.Default;
        _unitOfWorkFactory = unitOfWorkFactory;
        _time = timeProvider ?? TimeProvider.System;
        _cache = new LocalRecordCache(localCacheCapacity);
    }

    /// <summary>The store.</summary>
    public IIdempotencyStore Store => _store;

    /// <summary>
    /// Runs <paramref name="work"/> once per <paramref name="key"/>: claims the key (IN_PROGRESS), runs the work,
    /// stores its result (COMPLETED) and returns it; duplicates get the stored result. When the work throws, the claim
    /// is deleted so that a retry runs it again, and the exception propagates.
    /// </summary>
    /// <param name="key">The idempotency key, e.g. from <see cref="IdempotencyHash.ComposeKey"/>.</param>
    /// <param name="payloadHash">Hash of the payload for validation, or <see langword="null"/>.</param>
    /// <param name="work">The guarded work; returns its serialised result.</param>
    /// <param name="options">Options for this call; the handler's defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels claiming and the work. Once the work finished, its result is stored regardless.</param>
    /// <returns>The result of this run or of the run that completed the key before.</returns>
    /// <exception cref="IdempotencyAlreadyInProgressException">Another invocation holds the key.</exception>
    /// <exception cref="IdempotencyPayloadMismatchException">The key was used with a different payload.</exception>
    /// <exception cref="IdempotencyPersistenceException">The store failed.</exception>
    public async Task<string> ExecuteAsync(
        string key,
        string? payloadHash,
        Func<CancellationToken, Task<string>> work,
        IdempotencyOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(work);
        options ??= _defaults;
        var hash = options.ValidatePayload ? payloadHash : null;
        if (TryReplayFromCache(key, hash, options, out var cached))
        {
            return cached;
        }

        var (claim, inProgressUntil) = await ClaimAsync(key, hash, options, cancellationToken).ConfigureAwait(false);
        if (!claim.Claimed)
        {
            return Replay(claim.Existing!, hash, options);
        }

        string result;
        try
        {
            result = await work(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception workFailure)
        {
            await ReleaseAfterFailureAsync(key, inProgressUntil, workFailure).ConfigureAwait(false);
            throw;
        }

        var completed = Completed(key, result, hash, options);

        // The work has happened: store its result even if the caller gave up meanwhile. When the claim expired and
        // another invocation took the key over, its record stays; this result is still returned.
        if (await _store.CompleteAsync(completed, inProgressUntil, CancellationToken.None).ConfigureAwait(false))
        {
            Remember(completed, options);
        }

        return result;
    }

    /// <summary>
    /// Runs <paramref name="work"/> once per <paramref name="key"/> where the work's writes go through the given unit of
    /// work (which the handler commits). With a <see cref="DynamoDbIdempotencyStore"/> the COMPLETED record is written
    /// in the same <c>TransactWriteItems</c> as the work's writes, so the record and the effects are atomic; the happy
    /// path costs one request in <see cref="TransactionalIdempotencyMode.Optimistic"/> mode and two in
    /// <see cref="TransactionalIdempotencyMode.Lock"/> mode. Other stores fall back to claim, commit, complete.
    /// </summary>
    /// <param name="key">The idempotency key.</param>
    /// <param name="payloadHash">Hash of the payload for validation, or <see langword="null"/>.</param>
    /// <param name="work">Adds its writes and events to the unit of work and returns its serialised result. It must
    /// not commit the unit of work.</param>
    /// <param name="options">Options for this call; the handler's defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The result of this run or of the run that completed the key before.</returns>
    /// <exception cref="InvalidOperationException">The handler was created without a unit of work factory.</exception>
    /// <exception cref="IdempotencyAlreadyInProgressException">Another invocation holds the key.</exception>
    /// <exception cref="IdempotencyPayloadMismatchException">The key was used with a different payload.</exception>
    /// <exception cref="IdempotencyPersistenceException">The store failed, or this invocation's claim was taken over.</exception>
    /// <exception cref="UnitOfWorkCanceledException">A condition of the work's own writes failed; nothing was written.</exception>
    public Task<string> ExecuteTransactionalAsync(
        string key,
        string? payloadHash,
        Func<OutboxUnitOfWork, CancellationToken, Task<string>> work,
        IdempotencyOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(work);
        var factory = _unitOfWorkFactory
            ?? throw new InvalidOperationException("Transactional idempotency needs an OutboxUnitOfWorkFactory; pass one to the IdempotencyHandler constructor.");
        options ??= _defaults;
        if (_store is DynamoDbIdempotencyStore dynamoStore)
        {
            return options.TransactionalMode == TransactionalIdempotencyMode.Optimistic
                ? ExecuteOptimisticAsync(dynamoStore, factory, key, payloadHash, work, options, cancellationToken)
                : ExecuteLockedAsync(dynamoStore, factory, key, payloadHash, work, options, cancellationToken);
        }

        // A store outside DynamoDB cannot join the transaction: claim, commit the work, complete.
        return ExecuteAsync(
            key,
            payloadHash,
            async ct =>
            {
                var unitOfWork = factory.Create();
                var result = await work(unitOfWork, ct).ConfigureAwait(false);
                await unitOfWork.CommitAsync(ct).ConfigureAwait(false);
                return result;
            },
            options,
            cancellationToken);
    }

    private async Task<string> ExecuteOptimisticAsync(
        DynamoDbIdempotencyStore store,
        OutboxUnitOfWorkFactory factory,
        string key,
        string? payloadHash,
        Func<OutboxUnitOfWork, CancellationToken, Task<string>> work,
        IdempotencyOptions options,
        CancellationToken cancellationToken)
    {
        var hash = options.ValidatePayload ? payloadHash : null;
        for (var attempt = 0; ; attempt++)
        {
            if (TryReplayFromCache(key, hash, options, out var cached))
            {
                return cached;
            }

            var unitOfWork = factory.Create();
            var result = await work(unitOfWork, cancellationToken).ConfigureAwait(false);
            var completed = Completed(key, result, hash, options);
            unitOfWork.Add(store.CreateCompletedPut(completed, _time.GetUtcNow().ToUnixTimeMilliseconds()), RecordActionTag);
            try
            {
                await unitOfWork.CommitAsync(cancellationToken).ConfigureAwait(false);
                Remember(completed, options);
                return result;
            }
            catch (UnitOfWorkCanceledException canceled) when (canceled.FailureOf(RecordActionTag) is { } failure)
            {
                if (failure.Code == "ConditionalCheckFailed")
                {
                    // A live record holds the key: this run's writes were discarded with the transaction.
                    var existing = failure.Item is { Count: > 0 } item
                        ? DynamoDbIdempotencyStore.FromItem(item)
                        : await store.GetAsync(key, cancellationToken).ConfigureAwait(false);
                    if (existing is not null && !existing.IsExpired(_time.GetUtcNow()))
                    {
                        return Replay(existing, hash, options);
                    }
                }

                if (attempt >= options.MaxConflictRetries)
                {
                    throw new IdempotencyAlreadyInProgressException(
                        $"Concurrent invocations of idempotency key '{key}' kept conflicting; nothing of this invocation was written. Retry later.",
                        canceled) { Key = key };
                }
            }
            catch (UnitOfWorkCanceledException canceled) when (canceled.IsConflict && attempt < options.MaxConflictRetries)
            {
                // A concurrent transaction touched the same business items; nothing was written, so run again.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(10, 50) * (attempt + 1)), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<string> ExecuteLockedAsync(
        DynamoDbIdempotencyStore store,
        OutboxUnitOfWorkFactory factory,
        string key,
        string? payloadHash,
        Func<OutboxUnitOfWork, CancellationToken, Task<string>> work,
        IdempotencyOptions options,
        CancellationToken cancellationToken)
    {
        var hash = options.ValidatePayload ? payloadHash : null;
        if (TryReplayFromCache(key, hash, options, out var cached))
        {
            return cached;
        }

        var (claim, inProgressUntil) = await ClaimAsync(key, hash, options, cancellationToken).ConfigureAwait(false);
        if (!claim.Claimed)
        {
            return Replay(claim.Existing!, hash, options);
        }

        var unitOfWork = factory.Create();
        string result;
        try
        {
            result = await work(unitOfWork, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception workFailure)
        {
            await ReleaseAfterFailureAsync(key, inProgressUntil, workFailure).ConfigureAwait(false);
            throw;
        }

        var completed = Completed(key, result, hash, options);
        unitOfWork.Add(store.CreateCompletionOfClaim(completed, inProgressUntil), RecordActionTag);
        try
        {
            await unitOfWork.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (UnitOfWorkCanceledException canceled) when (canceled.FailureOf(RecordActionTag) is { Code: "ConditionalCheckFailed" })
        {
            throw new IdempotencyPersistenceException(
                $"The claim on idempotency key '{key}' expired and another invocation took it over before this one committed; nothing of this invocation was written. Raise InProgressExpiration above the work's duration.",
                canceled) { Key = key };
        }
        catch (Exception commitFailure) when (commitFailure is UnitOfWorkCanceledException or TransactionLimitExceededException)
        {
            // The transaction definitely did not apply: release the key for a retry.
            await ReleaseAfterFailureAsync(key, inProgressUntil, commitFailure).ConfigureAwait(false);
            throw;
        }

        // Any other failure (timeout, cancellation) leaves the outcome unknown: the claim stays and expires, and
        // a retry then either replays the committed record or takes the key over.
        Remember(completed, options);
        return result;
    }

    private async Task<(IdempotencyClaim Claim, long InProgressUntil)> ClaimAsync(string key, string? hash, IdempotencyOptions options, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var inProgressUntil = (now + options.InProgressExpiration).ToUnixTimeMilliseconds();
        var record = new IdempotencyRecord(
            key,
            IdempotencyStatus.InProgress,
            (now + options.Expiration).ToUnixTimeSeconds(),
            inProgressUntil,
            null,
            hash);
        var claim = await _store.TryClaimAsync(record, now.ToUnixTimeMilliseconds(), cancellationToken).ConfigureAwait(false);
        return (claim, inProgressUntil);
    }

    private async Task ReleaseAfterFailureAsync(string key, long claimInProgressExpiresAtMs, Exception failure)
    {
        try
        {
            await _store.ReleaseAsync(key, claimInProgressExpiresAtMs, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception deleteFailure)
        {
            throw new IdempotencyPersistenceException(
                $"The work of idempotency key '{key}' failed and its IN_PROGRESS record could not be deleted; duplicates are rejected until the record's in-progress expiry.",
                new AggregateException(failure, deleteFailure)) { Key = key, WorkRan = true };
        }
    }

    private IdempotencyRecord Completed(string key, string result, string? hash, IdempotencyOptions options) =>
        new(key, IdempotencyStatus.Completed, (_time.GetUtcNow() + options.Expiration).ToUnixTimeSeconds(), null, result, hash);

    private bool TryReplayFromCache(string key, string? hash, IdempotencyOptions options, out string result)
    {
        if (options.UseLocalCache && _cache.Get(key, _time.GetUtcNow()) is { } record)
        {
            result = Replay(record, hash, options);
            return true;
        }

        result = string.Empty;
        return false;
    }

    private void Remember(IdempotencyRecord completed, IdempotencyOptions options)
    {
        if (options.UseLocalCache)
        {
            _cache.Set(completed, _time.GetUtcNow());
        }
    }

    private string Replay(IdempotencyRecord existing, string? hash, IdempotencyOptions options)
    {
        if (options.ValidatePayload && hash is not null && existing.ValidationHash is not null
            && !string.Equals(hash, existing.ValidationHash, StringComparison.Ordinal))
        {
            throw new IdempotencyPayloadMismatchException(
                $"Idempotency key '{existing.Key}' was used before with a different payload; the work did not run. Use a new key for a different request.") { Key = existing.Key };
        }

        if (existing.Status == IdempotencyStatus.InProgress)
        {
            var until = existing.InProgressExpiresAtEpochMilliseconds is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : (DateTimeOffset?)null;
            throw new IdempotencyAlreadyInProgressException(
                $"Another invocation of idempotency key '{existing.Key}' is in progress{(until is null ? string.Empty : " (until " + until.Value.ToString("O", System.Globalization.CultureInfo.InvariantCulture) + " at most)")}; the work did not run. Retry later.")
            {
                Key = existing.Key,
                InProgressUntil = until,
            };
        }

        Remember(existing, options);
        return existing.Data ?? string.Empty;
    }
}
