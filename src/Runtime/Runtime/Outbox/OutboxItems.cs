using System;
using System.Collections.Generic;
using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Consistency.Runtime.DynamoDb;

namespace Consistency.Runtime.Outbox;

/// <summary>Maps events to outbox items and back. The relay uses <see cref="ReadEvents"/> on stream images.</summary>
public static class OutboxItems
{
    /// <summary>The current outbox item schema version.</summary>
    public const int SchemaVersion = 1;

    /// <summary>The partition key prefix of outbox items, so that they can share a business table.</summary>
    public const string PartitionKeyPrefix = "outbox#";

    /// <summary>Whether <paramref name="item"/> is an outbox item.</summary>
    /// <param name="item">An item or stream image.</param>
    /// <returns><see langword="true"/> when the item carries the outbox marker.</returns>
    public static bool IsOutboxItem(IReadOnlyDictionary<string, AttributeValue> item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.TryGetValue(OutboxAttributeNames.Kind, out var kind) && kind.S == OutboxAttributeNames.KindValue;
    }

    /// <summary>Reads the aggregate key of an outbox item.</summary>
    /// <param name="item">An outbox item.</param>
    /// <returns>The aggregate key.</returns>
    /// <exception cref="FormatException">The attribute is missing.</exception>
    public static string ReadAggregateKey(IReadOnlyDictionary<string, AttributeValue> item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.TryGetValue(OutboxAttributeNames.AggregateKey, out var value) && !string.IsNullOrEmpty(value.S)
            ? value.S
            : throw new FormatException($"The outbox item has no '{OutboxAttributeNames.AggregateKey}'.");
    }

    /// <summary>Reads the events of an outbox item, in the order they were added.</summary>
    /// <param name="item">An outbox item (or the NEW_IMAGE of its stream record).</param>
    /// <returns>The events.</returns>
    /// <exception cref="FormatException">The item is not a well-formed outbox item.</exception>
    public static IReadOnlyList<EventEnvelope> ReadEvents(IReadOnlyDictionary<string, AttributeValue> item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!IsOutboxItem(item))
        {
            throw new FormatException("The item is not an outbox item.");
        }

        var aggregateKey = ReadAggregateKey(item);
        if (!item.TryGetValue(OutboxAttributeNames.Events, out var events) || events.L is null)
        {
            throw new FormatException($"The outbox item has no '{OutboxAttributeNames.Events}' list.");
        }

        var result = new List<EventEnvelope>(events.L.Count);
        foreach (var element in events.L)
        {
            if (element.M is null)
            {
                throw new FormatException("An outbox event must be a map.");
            }

            result.Add(ReadEvent(element.M, aggregateKey));
        }

        return result;
    }

    internal static AttributeValue ToAttributeValue(EventEnvelope envelope)
    {
        var map = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [OutboxAttributeNames.EventId] = new() { S = envelope.EventId },
            [OutboxAttributeNames.EventType] = new() { S = envelope.TypeName },
            [OutboxAttributeNames.EventVersion] = new() { N = EpochTime.ToNumber(envelope.Version) },
            [OutboxAttributeNames.EventOccurredAt] = new() { S = FormatInstant(envelope.OccurredAt) },
            [OutboxAttributeNames.EventPayload] = new() { S = envelope.Payload },
        };
        if (envelope.CausationId is not null)
        {
            map[OutboxAttributeNames.EventCausationId] = new() { S = envelope.CausationId };
        }

        if (envelope.CorrelationId is not null)
        {
            map[OutboxAttributeNames.EventCorrelationId] = new() { S = envelope.CorrelationId };
        }

        return new AttributeValue { M = map };
    }

    internal static Dictionary<string, AttributeValue> CreateItem(
        OutboxOptions options,
        string transactionId,
        DateTimeOffset createdAt,
        string aggregateKey,
        int chunk,
        List<AttributeValue> events)
    {
        var created = FormatInstant(createdAt);
        var sortKey = string.Create(CultureInfo.InvariantCulture, $"{created}#{transactionId}#{chunk:D3}");
        var item = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [options.PartitionKeyName] = new() { S = PartitionKeyPrefix + aggregateKey },
            [options.SortKeyName] = new() { S = sortKey },
            [OutboxAttributeNames.Kind] = new() { S = OutboxAttributeNames.KindValue },
            [OutboxAttributeNames.SchemaVersion] = new() { N = EpochTime.ToNumber(SchemaVersion) },
            [OutboxAttributeNames.AggregateKey] = new() { S = aggregateKey },
            [OutboxAttributeNames.TransactionId] = new() { S = transactionId },
            [OutboxAttributeNames.Chunk] = new() { N = EpochTime.ToNumber(chunk) },
            [OutboxAttributeNames.CreatedAt] = new() { S = created },
            [OutboxAttributeNames.EventCount] = new() { N = EpochTime.ToNumber(events.Count) },
            [OutboxAttributeNames.Events] = new() { L = events },
            [OutboxAttributeNames.TimeToLive] = new() { N = EpochTime.ToNumber(EpochTime.Seconds(createdAt + options.TimeToLive)) },
        };
        if (options.TrackPending)
        {
            item[OutboxAttributeNames.Pending] = new() { S = "1" };
        }

        return item;
    }

    internal static string FormatInstant(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static EventEnvelope ReadEvent(Dictionary<string, AttributeValue> map, string aggregateKey)
    {
        string Required(string name) =>
            map.TryGetValue(name, out var value) && value.S is not null
                ? value.S
                : throw new FormatException($"An outbox event has no '{name}'.");

        string? Optional(string name) => map.TryGetValue(name, out var value) ? value.S : null;

        if (!map.TryGetValue(OutboxAttributeNames.EventVersion, out var versionValue)
            || !EpochTime.TryParseNumber(versionValue.N, out var version) || version < 1 || version > int.MaxValue)
        {
            throw new FormatException($"An outbox event has no valid '{OutboxAttributeNames.EventVersion}'.");
        }

        if (!DateTimeOffset.TryParse(
                Required(OutboxAttributeNames.EventOccurredAt),
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
                out var occurredAt))
        {
            throw new FormatException($"An outbox event has no valid '{OutboxAttributeNames.EventOccurredAt}'.");
        }

        try
        {
            return new EventEnvelope(
                Required(OutboxAttributeNames.EventId),
                Required(OutboxAttributeNames.EventType),
                (int)version,
                aggregateKey,
                occurredAt,
                Required(OutboxAttributeNames.EventPayload),
                Optional(OutboxAttributeNames.EventCausationId),
                Optional(OutboxAttributeNames.EventCorrelationId));
        }
        catch (ArgumentException exception)
        {
            throw new FormatException("An outbox event is malformed: " + exception.Message, exception);
        }
    }
}
