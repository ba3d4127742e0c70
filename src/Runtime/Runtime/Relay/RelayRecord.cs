using System;
using System.Collections.Generic;
using Consistency.Runtime.Outbox;
using Consistency.Runtime.Streams;

namespace Consistency.Runtime.Relay;

/// <summary>
/// One unit the relay acknowledges or fails: an outbox item (from a stream record or the polling relay) with its
/// events, a record to skip (not an outbox insert), or a record that could not be read.
/// </summary>
public sealed class RelayRecord
{
    private RelayRecord(string? id, string? aggregateKey, IReadOnlyList<EventEnvelope> events, bool skip, string? error, string? raw)
    {
        Id = id;
        AggregateKey = aggregateKey;
        Events = events;
        Skip = skip;
        Error = error;
        RawRecord = raw;
    }

    /// <summary>The id reported on failure (the stream sequence number); <see langword="null"/> when unreadable.</summary>
    public string? Id { get; }

    /// <summary>The aggregate of the events; <see langword="null"/> for skipped or unreadable records.</summary>
    public string? AggregateKey { get; }

    /// <summary>The events to publish, in order.</summary>
    public IReadOnlyList<EventEnvelope> Events { get; }

    /// <summary>Whether the record is not an outbox insert and is acknowledged without publishing.</summary>
    public bool Skip { get; }

    /// <summary>Why the record could not be read; <see langword="null"/> when it could.</summary>
    public string? Error { get; }

    /// <summary>The record's text, kept for dead letters of unreadable records.</summary>
    public string? RawRecord { get; }

    /// <summary>A readable outbox item.</summary>
    /// <param name="id">The record id.</param>
    /// <param name="aggregateKey">The aggregate.</param>
    /// <param name="events">The events.</param>
    /// <returns>The record.</returns>
    public static RelayRecord ForEvents(string id, string aggregateKey, IReadOnlyList<EventEnvelope> events) =>
        new(id, aggregateKey, events, skip: false, error: null, raw: null);

    /// <summary>A record acknowledged without publishing.</summary>
    /// <param name="id">The record id.</param>
    /// <returns>The record.</returns>
    public static RelayRecord Skipped(string? id) => new(id, null, Array.Empty<EventEnvelope>(), skip: true, error: null, raw: null);

    /// <summary>A record that could not be read.</summary>
    /// <param name="id">The record id, if known.</param>
    /// <param name="error">Why.</param>
    /// <param name="raw">The record's text.</param>
    /// <returns>The record.</returns>
    public static RelayRecord Malformed(string? id, string error, string? raw) => new(id, null, Array.Empty<EventEnvelope>(), skip: false, error, raw);

    /// <summary>
    /// Interprets a stream record: outbox INSERTs carry events; other changes (business items sharing the table,
    /// the polling relay's updates, TTL deletions) are skipped.
    /// </summary>
    /// <param name="record">The stream record.</param>
    /// <returns>The relay record.</returns>
    public static RelayRecord FromChangeRecord(ChangeRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Error is not null)
        {
            return Malformed(record.SequenceNumber, record.Error, record.RawJson);
        }

        if (record.EventName != "INSERT" || record.NewImage is null || !OutboxItems.IsOutboxItem(record.NewImage))
        {
            return Skipped(record.SequenceNumber);
        }

        try
        {
            return ForEvents(record.SequenceNumber!, OutboxItems.ReadAggregateKey(record.NewImage), OutboxItems.ReadEvents(record.NewImage));
        }
        catch (FormatException exception)
        {
            return Malformed(record.SequenceNumber, exception.Message, record.RawJson);
        }
    }
}
