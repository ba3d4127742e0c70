using System;

namespace Consistency.Runtime.Idempotency;

/// <summary>
/// The key was used before with a different payload (its validation hash differs). Nothing ran and the stored result
/// was not returned: the same key for different requests is usually a client bug.
/// </summary>
public sealed class IdempotencyPayloadMismatchException : IdempotencyException
{
    /// <summary>Creates the exception.</summary>
    public IdempotencyPayloadMismatchException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public IdempotencyPayloadMismatchException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public IdempotencyPayloadMismatchException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
