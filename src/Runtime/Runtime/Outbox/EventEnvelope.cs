using System;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Consistency.Runtime.Outbox;

/// <summary>
/// A domain event as it travels through the outbox: metadata plus the payload already serialised to JSON.
/// Keeping the payload a string lets generated code serialise with System.Text.Json source generation and keeps
/// this assembly free of reflection.
/// </summary>
public sealed class EventEnvelope
{
    /// <summary>Creates an envelope.</summary>
    /// <param name="eventId">Unique id of this event; consumers deduplicate on it.</param>
    /// <param name="typeName">Stable event type name consumers decode by, e.g. <c>orders.order-placed</c>.</param>
    /// <param name="version">Schema version of the payload, starting at 1.</param>
    /// <param name="aggregateKey">Key of the entity the event is about; events with the same key keep their order.</param>
    /// <param name="occurredAt">When the event happened.</param>
    /// <param name="payload">The event serialised as a JSON value.</param>
    /// <param name="causationId">Id of the message that caused this event, if any.</param>
    /// <param name="correlationId">Id shared by every message of one business conversation, if any.</param>
    public EventEnvelope(
        string eventId,
        string typeName,
        int version,
        string aggregateKey,
        DateTimeOffset occurredAt,
        string payload,
        string? causationId = null,
        string? correlationId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        ArgumentException.ThrowIfNullOrEmpty(typeName);
        ArgumentException.ThrowIfNullOrEmpty(aggregateKey);
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        EventId = eventId;
        TypeName = typeName;
        Version = version;
        AggregateKey = aggregateKey;
        OccurredAt = occurredAt;
        Payload = payload;
        CausationId = string.IsNullOrEmpty(causationId) ? null : causationId;
        CorrelationId = string.IsNullOrEmpty(correlationId) ? null : correlationId;
    }

    /// <summary>Unique id of this event.</summary>
    public string EventId { get; }

    /// <summary>Stable event type name.</summary>
    public string TypeName { get; }

    /// <summary>Schema version of the payload.</summary>
    public int Version { get; }

    /// <summary>Key of the entity the event is about (the ordering key).</summary>
    public string AggregateKey { get; }

    /// <summary>When the event happened.</summary>
    public DateTimeOffset OccurredAt { get; }

    /// <summary>Id of the message that caused this event, or <see langword="null"/>.</summary>
    public string? CausationId { get; }

    /// <summary>Id of the business conversation, or <see langword="null"/>.</summary>
    public string? CorrelationId { get; }

    /// <summary>The payload as a JSON value.</summary>
    public string Payload { get; }

    /// <summary>
    /// Creates an envelope by serialising <paramref name="value"/> with source-generated metadata
    /// (no reflection). A new event id and the current time are used unless given.
    /// </summary>
    /// <typeparam name="T">The event type.</typeparam>
    /// <param name="value">The event.</param>
    /// <param name="typeInfo">Source-generated serialisation metadata for <typeparamref name="T"/>.</param>
    /// <param name="typeName">Stable event type name.</param>
    /// <param name="version">Schema version.</param>
    /// <param name="aggregateKey">Ordering key.</param>
    /// <param name="eventId">Event id; a new GUID when <see langword="null"/>.</param>
    /// <param name="occurredAt">Occurrence time; now when <see langword="null"/>.</param>
    /// <param name="causationId">Id of the causing message.</param>
    /// <param name="correlationId">Conversation id.</param>
    /// <returns>The envelope.</returns>
    public static EventEnvelope Create<T>(
        T value,
        JsonTypeInfo<T> typeInfo,
        string typeName,
        int version,
        string aggregateKey,
        string? eventId = null,
        DateTimeOffset? occurredAt = null,
        string? causationId = null,
        string? correlationId = null)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        return new EventEnvelope(
            eventId ?? Guid.NewGuid().ToString("N"),
            typeName,
            version,
            aggregateKey,
            occurredAt ?? DateTimeOffset.UtcNow,
            JsonSerializer.Serialize(value, typeInfo),
            causationId,
            correlationId);
    }

    /// <summary>Deserialises the payload with source-generated metadata.</summary>
    /// <typeparam name="T">The event type.</typeparam>
    /// <param name="typeInfo">Source-generated serialisation metadata for <typeparamref name="T"/>.</param>
    /// <returns>The event.</returns>
    public T? GetPayload<T>(JsonTypeInfo<T> typeInfo) => JsonSerializer.Deserialize(Payload, typeInfo);
}
