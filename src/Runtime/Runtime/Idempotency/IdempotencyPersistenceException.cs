using System;

namespace Consistency.Runtime.Idempotency;

/// <summary>
/// The idempotency store failed (throttling, network, permissions, a record in an unknown shape). The message says
/// at which step, and so whether the work ran.
/// </summary>
public sealed class IdempotencyPersistenceException : IdempotencyException
{
    /// <summary>Creates the exception.</summary>
    public IdempotencyPersistenceException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public IdempotencyPersistenceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public IdempotencyPersistenceException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Whether the guarded work ran (and may have had effects) before the failure.</summary>
    public bool WorkRan { get; init; }
}
