namespace Consistency.Runtime.Idempotency;

/// <summary>The outcome of <see cref="IIdempotencyStore.TryClaimAsync"/>.</summary>
/// <param name="Claimed">Whether this caller now holds the key as in progress.</param>
/// <param name="Existing">When not claimed: the live record that holds the key.</param>
public sealed record IdempotencyClaim(bool Claimed, IdempotencyRecord? Existing)
{
    /// <summary>The caller holds the key.</summary>
    public static IdempotencyClaim Success { get; } = new(true, null);

    /// <summary>Another invocation holds the key.</summary>
    /// <param name="existing">The record that holds it.</param>
    /// <returns>The claim.</returns>
    public static IdempotencyClaim HeldBy(IdempotencyRecord existing) => new(false, existing);
}
