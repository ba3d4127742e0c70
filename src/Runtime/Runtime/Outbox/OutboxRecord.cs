using System;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Consistency.Runtime.Outbox;

/// <summary>
/// One outbox event as a row of a relational database (Entity Framework Core): added to the same <c>DbContext</c> as
/// the business change, it commits in the same <c>SaveChanges</c>, and the EF relay
/// (<c>Consistency.Runtime.EntityFrameworkCore</c>) publishes it afterwards, at least once.
/// </summary>
/// <remarks>
/// The type needs nothing of EF Core: map it with a <c>DbSet&lt;OutboxRecord&gt;</c> property on the context
/// (<c>public DbSet&lt;OutboxRecord&gt; Outbox =&gt; Set&lt;OutboxRecord&gt;();</c>) or with
/// <c>modelBuilder.AddConsistencyOutbox()</c> from the EF package, which also adds the indexes the relay queries.
/// The key is a database-generated position, which gives the relay its order; <see cref="EventId"/> is what consumers
/// deduplicate on. Column lengths are set by <c>AddConsistencyOutbox</c>, not by attributes here: the length
/// attributes of DataAnnotations are not trimming-safe. docs/runtime.md describes the table.
/// </remarks>
[Table(DefaultTableName)]
public sealed class OutboxRecord
{
    /// <summary>The table name used unless the model says otherwise.</summary>
    public const string DefaultTableName = "outbox_messages";

    /// <summary>Database-generated position: the relay publishes in this order.</summary>
    [Key]
    [DatabaseGenerated(DatabaseGeneratedOption.Identity)]
    public long Position { get; set; }

    /// <summary>The event id (<see cref="EventEnvelope.EventId"/>).</summary>
    [Required]
    public string EventId { get; set; } = string.Empty;

    /// <summary>The event type name; for a direct message, the destination (<see cref="OutboxMessages"/>).</summary>
    [Required]
    public string TypeName { get; set; } = string.Empty;

    /// <summary>The payload schema version.</summary>
    public int Version { get; set; } = 1;

    /// <summary>The ordering key: events of one aggregate are published in <see cref="Position"/> order.</summary>
    [Required]
    public string AggregateKey { get; set; } = string.Empty;

    /// <summary>When the event happened.</summary>
    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>The id of the message that caused the event.</summary>
    public string? CausationId { get; set; }

    /// <summary>The id shared by the messages of one business conversation.</summary>
    public string? CorrelationId { get; set; }

    /// <summary>The payload, a JSON value.</summary>
    [Required]
    public string Payload { get; set; } = string.Empty;

    /// <summary>When the relay finished with the event (published or dead-lettered); <see langword="null"/> while pending.</summary>
    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>A row for <paramref name="envelope"/>, pending.</summary>
    /// <param name="envelope">The event.</param>
    /// <returns>The row to add to the context.</returns>
    public static OutboxRecord From(EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return new OutboxRecord
        {
            EventId = envelope.EventId,
            TypeName = envelope.TypeName,
            Version = envelope.Version,
            AggregateKey = envelope.AggregateKey,
            // In UTC, as the DynamoDB outbox stores it: PostgreSQL's timestamptz (Npgsql) accepts no other offset.
            OccurredAt = envelope.OccurredAt.ToUniversalTime(),
            CausationId = envelope.CausationId,
            CorrelationId = envelope.CorrelationId,
            Payload = envelope.Payload,
        };
    }

    /// <summary>The event this row holds.</summary>
    /// <returns>The envelope the relay publishes.</returns>
    public EventEnvelope ToEnvelope()
        => new(EventId, TypeName, Version, AggregateKey, OccurredAt, Payload, CausationId, CorrelationId);
}
