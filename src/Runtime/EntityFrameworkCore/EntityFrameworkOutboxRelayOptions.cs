using System;

namespace Consistency.Runtime.EntityFrameworkCore;

/// <summary>Settings of <see cref="EntityFrameworkOutboxRelay{TContext}"/>.</summary>
public sealed class EntityFrameworkOutboxRelayOptions
{
    /// <summary>Pending rows read per query. Default: 100.</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>Pages per pass at most; a new context is created for each pass. Default: 10.</summary>
    public int MaxPagesPerPass { get; set; } = 10;

    /// <summary>Pause when a pass found nothing to publish. Default: 1 s.</summary>
    public TimeSpan IdleDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Pause after a pass with failures or a transient database error. Default: 1 s.</summary>
    public TimeSpan FailureDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long published (or dead-lettered) rows are kept before the purge deletes them, the equivalent of the
    /// DynamoDB outbox's TTL. <see langword="null"/> keeps them forever. Default: 7 days.
    /// </summary>
    public TimeSpan? RetentionPeriod { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often <see cref="EntityFrameworkOutboxRelay{TContext}.RunAsync"/> purges. Default: 1 hour.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows deleted per purge statement. Default: 1000.</summary>
    public int PurgeBatchSize { get; set; } = 1000;

    /// <summary>Clock for <see cref="Outbox.OutboxRecord.PublishedAt"/> and the retention; the system clock by default.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
