using System;
using System.Net;

namespace Consistency.Runtime.Streams;

/// <summary>The DynamoDB Streams API answered with an error.</summary>
public sealed class DynamoDbStreamsException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DynamoDbStreamsException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public DynamoDbStreamsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public DynamoDbStreamsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The error code, e.g. <c>ExpiredIteratorException</c> or <c>TrimmedDataAccessException</c>.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode StatusCode { get; init; }

    /// <summary>Whether the iterator expired or points at trimmed data, so a new iterator is needed.</summary>
    public bool IsIteratorInvalid => ErrorCode is "ExpiredIteratorException" or "TrimmedDataAccessException";
}
