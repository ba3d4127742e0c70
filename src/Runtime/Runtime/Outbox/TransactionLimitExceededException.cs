using System;

namespace Consistency.Runtime.Outbox;

/// <summary>
/// A unit of work would break a DynamoDB transaction limit (100 actions, 4 MB in total, 400 KB per item).
/// Thrown before anything is sent, so nothing was written.
/// </summary>
public sealed class TransactionLimitExceededException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public TransactionLimitExceededException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What limit was exceeded and by how much.</param>
    public TransactionLimitExceededException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What limit was exceeded.</param>
    /// <param name="innerException">The cause.</param>
    public TransactionLimitExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
