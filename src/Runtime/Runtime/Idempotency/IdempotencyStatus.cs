namespace Consistency.Runtime.Idempotency;

/// <summary>The state of an idempotency record.</summary>
public enum IdempotencyStatus
{
    /// <summary>An invocation claimed the key and has not finished.</summary>
    InProgress,

    /// <summary>An invocation finished; its result is stored.</summary>
    Completed,
}
