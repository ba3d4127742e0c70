using System;
using System.Collections.Generic;
using System.Linq;

namespace Consistency.Runtime.Outbox;

/// <summary>
/// DynamoDB canceled the transaction of a unit of work: nothing of it was written. <see cref="Failures"/> says which
/// actions failed and why (a condition, a conflicting concurrent transaction, ...).
/// </summary>
public sealed class UnitOfWorkCanceledException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UnitOfWorkCanceledException()
        : this("The transaction was canceled.", Array.Empty<TransactionActionFailure>(), null)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public UnitOfWorkCanceledException(string message)
        : this(message, Array.Empty<TransactionActionFailure>(), null)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public UnitOfWorkCanceledException(string message, Exception innerException)
        : this(message, Array.Empty<TransactionActionFailure>(), innerException)
    {
    }

    /// <summary>Creates the exception with the failed actions.</summary>
    /// <param name="message">The message.</param>
    /// <param name="failures">The actions that failed.</param>
    /// <param name="innerException">The SDK's exception.</param>
    public UnitOfWorkCanceledException(string message, IReadOnlyList<TransactionActionFailure> failures, Exception? innerException)
        : base(message, innerException)
    {
        Failures = failures;
    }

    /// <summary>The actions that failed (actions that did not cause the cancellation are not listed).</summary>
    public IReadOnlyList<TransactionActionFailure> Failures { get; }

    /// <summary>Whether a concurrent transaction on the same items caused the cancellation; retrying may succeed.</summary>
    public bool IsConflict => Failures.Any(f => f.Code == "TransactionConflict");

    /// <summary>The failure of the action added with <paramref name="tag"/>, or <see langword="null"/>.</summary>
    /// <param name="tag">The tag.</param>
    /// <returns>The failure or <see langword="null"/>.</returns>
    public TransactionActionFailure? FailureOf(string tag) => Failures.FirstOrDefault(f => f.Tag == tag);
}
