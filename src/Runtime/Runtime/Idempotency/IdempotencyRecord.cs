using System;

namespace Consistency.Runtime.Idempotency;

/// <summary>A stored idempotency record.</summary>
/// <param name="Key">The idempotency key.</param>
/// <param name="Status">Whether the invocation is in progress or completed.</param>
/// <param name="ExpiresAtEpochSeconds">When the record expires and the key may run again.</param>
/// <param name="InProgressExpiresAtEpochMilliseconds">When an in-progress record may be taken over; <see langword="null"/> when not set.</param>
/// <param name="Data">The serialised result of a completed invocation.</param>
/// <param name="ValidationHash">Hash of the payload that claimed the key, or <see langword="null"/>.</param>
public sealed record IdempotencyRecord(
    string Key,
    IdempotencyStatus Status,
    long ExpiresAtEpochSeconds,
    long? InProgressExpiresAtEpochMilliseconds,
    string? Data,
    string? ValidationHash)
{
    /// <summary>Whether the record no longer protects its key at <paramref name="now"/>.</summary>
    /// <param name="now">The current time.</param>
    /// <returns><see langword="true"/> when expired, or in progress beyond its in-progress expiry.</returns>
    public bool IsExpired(DateTimeOffset now) =>
        ExpiresAtEpochSeconds < now.ToUnixTimeSeconds()
        || (Status == IdempotencyStatus.InProgress
            && InProgressExpiresAtEpochMilliseconds is { } inProgressUntil
            && inProgressUntil < now.ToUnixTimeMilliseconds());
}
