using System;

namespace Consistency.Runtime.Idempotency;

/// <summary>
/// Another invocation holds the key and has not finished. Nothing ran. Retry later (for a queue message: fail it so
/// that it is redelivered after the visibility timeout).
/// </summary>
public sealed class IdempotencyAlreadyInProgressException : IdempotencyException
{
    /// <summary>Creates the exception.</summary>
    public IdempotencyAlreadyInProgressException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public IdempotencyAlreadyInProgressException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public IdempotencyAlreadyInProgressException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>When the in-progress record may be taken over, if known.</summary>
    public DateTimeOffset? InProgressUntil { get; init; }
}
