using System;
using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace Consistency.Runtime.Outbox;

/// <summary>Where an <see cref="OutboxMessage"/> goes.</summary>
public enum OutboxMessageTarget
{
    /// <summary>An SQS queue, by URL.</summary>
    Queue,

    /// <summary>An SNS topic, by ARN.</summary>
    Topic,
}

/// <summary>A message that code used to send directly, stored in the outbox to be sent unchanged by the relay.</summary>
/// <param name="Target">Whether <paramref name="Destination"/> is a queue or a topic.</param>
/// <param name="Destination">The queue URL or topic ARN.</param>
/// <param name="Body">The message body, exactly as it was sent.</param>
/// <param name="GroupId">The FIFO message group id, or <see langword="null"/>.</param>
public sealed record OutboxMessage(OutboxMessageTarget Target, string Destination, string Body, string? GroupId);

/// <summary>
/// Turns a direct send (<c>SendMessageAsync(queueUrl, body)</c>, <c>PublishAsync(topicArn, message)</c>) into an outbox
/// event, and back: the CH0001 code fix writes <see cref="ToQueue"/> or <see cref="ToTopic"/> into the transaction, and
/// the relay's publisher calls <see cref="TryRead"/> to send the same body to the same destination.
/// </summary>
/// <example>
/// <code>
/// var publisher = OutboxPublisher.FromSingle((envelope, ct) =>
///     OutboxMessages.TryRead(envelope, out var message) &amp;&amp; message.Target == OutboxMessageTarget.Queue
///         ? sqs.SendMessageAsync(new SendMessageRequest(message.Destination, message.Body) { MessageGroupId = message.GroupId, MessageDeduplicationId = envelope.EventId }, ct)
///         : PublishDomainEventAsync(envelope, ct));
/// </code>
/// </example>
public static class OutboxMessages
{
    /// <summary>The prefix of the type name of a message to a queue; the queue URL follows.</summary>
    public const string QueueTypePrefix = "sqs:";

    /// <summary>The prefix of the type name of a message to a topic; the topic ARN follows.</summary>
    public const string TopicTypePrefix = "sns:";

    /// <summary>An event that the relay sends to an SQS queue.</summary>
    /// <param name="queueUrl">The queue URL.</param>
    /// <param name="messageBody">The body.</param>
    /// <param name="messageGroupId">The FIFO group id: events of one group keep their order (it becomes the aggregate key).</param>
    /// <returns>The event, with a new id.</returns>
    public static EventEnvelope ToQueue(string queueUrl, string messageBody, string? messageGroupId = null)
        => Create(QueueTypePrefix, queueUrl, messageBody, messageGroupId);

    /// <summary>An event that the relay publishes to an SNS topic.</summary>
    /// <param name="topicArn">The topic ARN.</param>
    /// <param name="message">The message.</param>
    /// <param name="messageGroupId">The FIFO group id: events of one group keep their order (it becomes the aggregate key).</param>
    /// <returns>The event, with a new id.</returns>
    public static EventEnvelope ToTopic(string topicArn, string message, string? messageGroupId = null)
        => Create(TopicTypePrefix, topicArn, message, messageGroupId);

    /// <summary>Reads the message back from an event created by <see cref="ToQueue"/> or <see cref="ToTopic"/>.</summary>
    /// <param name="envelope">The event the relay delivers.</param>
    /// <param name="message">The message, when the event is one.</param>
    /// <returns>Whether the event is a direct message (other events are domain events).</returns>
    public static bool TryRead(EventEnvelope envelope, [NotNullWhen(true)] out OutboxMessage? message)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        message = null;
        OutboxMessageTarget target;
        string destination;
        if (envelope.TypeName.StartsWith(QueueTypePrefix, StringComparison.Ordinal))
        {
            target = OutboxMessageTarget.Queue;
            destination = envelope.TypeName.Substring(QueueTypePrefix.Length);
        }
        else if (envelope.TypeName.StartsWith(TopicTypePrefix, StringComparison.Ordinal))
        {
            target = OutboxMessageTarget.Topic;
            destination = envelope.TypeName.Substring(TopicTypePrefix.Length);
        }
        else
        {
            return false;
        }

        using var document = JsonDocument.Parse(envelope.Payload);
        if (document.RootElement.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        // Without a group the aggregate key is the event id (no ordering was asked for).
        string? groupId = envelope.AggregateKey == envelope.EventId ? null : envelope.AggregateKey;
        message = new OutboxMessage(target, destination, document.RootElement.GetString()!, groupId);
        return true;
    }

    private static EventEnvelope Create(string prefix, string destination, string body, string? groupId)
    {
        ArgumentException.ThrowIfNullOrEmpty(destination);
        ArgumentNullException.ThrowIfNull(body);
        var id = Guid.NewGuid().ToString("N");

        // The payload of an event is a JSON value: the body travels as a JSON string and comes back unchanged.
        var buffer = new ArrayBufferWriter<byte>(body.Length + 16);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStringValue(body);
        }

        return new EventEnvelope(id, prefix + destination, 1, string.IsNullOrEmpty(groupId) ? id : groupId, DateTimeOffset.UtcNow, Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
