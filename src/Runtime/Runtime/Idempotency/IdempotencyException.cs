using System;

namespace Consistency.Runtime.Idempotency;

/// <summary>Base class of the idempotency errors.</summary>
public abstract class IdempotencyException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected IdempotencyException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    protected IdempotencyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    protected IdempotencyException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The idempotency key concerned, when known.</summary>
    public string? Key { get; init; }
}
