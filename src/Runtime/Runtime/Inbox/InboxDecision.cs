namespace Consistency.Runtime.Inbox;

/// <summary>What a consumer should do with a message, according to the inbox.</summary>
public enum InboxDecision
{
    /// <summary>The message is new (and, for the marking calls, is now recorded as processed): apply it.</summary>
    Accepted,

    /// <summary>The message was processed before: acknowledge it without applying it again.</summary>
    Duplicate,

    /// <summary>
    /// The message that caused it has not been processed yet: do not apply it; fail it so that it is redelivered
    /// later (for a queue: leave it invisible until its visibility timeout; for a batch: report it as failed).
    /// </summary>
    RetryLater,
}
