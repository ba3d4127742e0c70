namespace Consistency.Runtime.ListenToYourself;

/// <summary>
/// A request a service sends to itself (listen to yourself): instead of writing its database and publishing, it
/// publishes an intent, and its own idempotent consumer of the intent does the write. The id is the idempotency key.
/// </summary>
public interface IIntent
{
    /// <summary>A unique id per intent; redeliveries carry the same id, so the consumer runs once per intent.</summary>
    string IntentId { get; }
}
