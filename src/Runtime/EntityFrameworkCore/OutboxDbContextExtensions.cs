using System;
using System.Collections.Generic;
using Consistency.Runtime.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Consistency.Runtime.EntityFrameworkCore;

/// <summary>Adds outbox events to a <see cref="DbContext"/>, to commit with the business change.</summary>
public static class OutboxDbContextExtensions
{
    /// <summary>
    /// Adds the event to <paramref name="context"/> as a pending <see cref="OutboxRecord"/>: it is written by the
    /// next <c>SaveChanges</c>, in the same transaction as the other changes of the context, or not at all.
    /// </summary>
    /// <param name="context">The context that holds the business change; its model maps <see cref="OutboxRecord"/>.</param>
    /// <param name="envelope">The event.</param>
    /// <returns>The added row; its <see cref="OutboxRecord.Position"/> is set by <c>SaveChanges</c>.</returns>
    public static OutboxRecord AddOutboxEvent(this DbContext context, EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(context);
        var record = OutboxRecord.From(envelope);
        context.Set<OutboxRecord>().Add(record);
        return record;
    }

    /// <summary>Adds several events, in their order (<see cref="AddOutboxEvent(DbContext, EventEnvelope)"/>).</summary>
    /// <param name="context">The context that holds the business change; its model maps <see cref="OutboxRecord"/>.</param>
    /// <param name="envelopes">The events, in the order they are to be published.</param>
    /// <returns>The added rows, in order.</returns>
    public static IReadOnlyList<OutboxRecord> AddOutboxEvents(this DbContext context, IEnumerable<EventEnvelope> envelopes)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(envelopes);
        // Converted before anything is added: an invalid envelope leaves the context as it was.
        var records = new List<OutboxRecord>();
        foreach (var envelope in envelopes)
        {
            records.Add(OutboxRecord.From(envelope));
        }

        // EF Core sends the inserts of one table in the order of their temporary keys, that is in the order of Add:
        // providers that insert row by row assign positions in the list's order (docs/runtime.md on SQL Server).
        var set = context.Set<OutboxRecord>();
        foreach (var record in records)
        {
            set.Add(record);
        }

        return records;
    }
}
