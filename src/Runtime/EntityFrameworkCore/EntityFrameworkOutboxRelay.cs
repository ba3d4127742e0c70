using System;
using System.Buffers;
using System.Collections.Generic;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Consistency.Runtime.Outbox;
using Consistency.Runtime.Relay;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Consistency.Runtime.EntityFrameworkCore;

/// <summary>
/// The relay of the Entity Framework Core outbox, for long-running hosts (a <c>BackgroundService</c>): reads pending
/// <see cref="OutboxRecord"/> rows (<see cref="OutboxRecord.PublishedAt"/> is <see langword="null"/>) in
/// <see cref="OutboxRecord.Position"/> order, publishes them through the shared <see cref="OutboxRelay"/> and then sets
/// <see cref="OutboxRecord.PublishedAt"/>.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>At least once: a crash (or a failed save) after the broker accepted an event and before its row was marked
/// publishes the event again on the next pass. Consumers deduplicate by <see cref="EventEnvelope.EventId"/>.</item>
/// <item>Order per aggregate: a failed row stays pending and the later rows of its aggregate are neither published
/// nor marked in the same pass; other aggregates go on.</item>
/// <item>Dead letters: a row whose event was given up on (<see cref="RelayOptions.MaxAttempts"/>, then the sink)
/// or that cannot be read is marked too, so it no longer blocks its aggregate.</item>
/// <item>Run one relay per outbox table: two would publish the same rows.</item>
/// </list>
/// </remarks>
/// <typeparam name="TContext">The context whose model maps <see cref="OutboxRecord"/>.</typeparam>
public sealed class EntityFrameworkOutboxRelay<[DynamicallyAccessedMembers(ContextMembers)] TContext>
    where TContext : DbContext
{
    // What EF Core's IDbContextFactory<TContext> requires of the context type, so that trimming keeps it.
    private const DynamicallyAccessedMemberTypes ContextMembers =
        DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.NonPublicConstructors | DynamicallyAccessedMemberTypes.PublicProperties;

    private readonly Func<TContext> _createContext;
    private readonly OutboxRelay _relay;
    private readonly EntityFrameworkOutboxRelayOptions _options;
    private DateTimeOffset? _nextPurge;

    /// <summary>Creates the relay over contexts made by <paramref name="createContext"/>.</summary>
    /// <param name="createContext">Makes a new context; the relay disposes it after each pass or purge.</param>
    /// <param name="relay">Publishes the events: publisher, dead-letter sink, retries.</param>
    /// <param name="options">Page sizes, pauses and retention.</param>
    public EntityFrameworkOutboxRelay(Func<TContext> createContext, OutboxRelay relay, EntityFrameworkOutboxRelayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(createContext);
        ArgumentNullException.ThrowIfNull(relay);
        _createContext = createContext;
        _relay = relay;
        _options = options ?? new EntityFrameworkOutboxRelayOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.PageSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxPagesPerPass, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.PurgeBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.PurgeInterval, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(_options.TimeProvider);
        if (_options.RetentionPeriod is { } retention)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(retention, TimeSpan.Zero);
        }
    }

    /// <summary>Creates the relay over contexts made by <paramref name="contextFactory"/> (<c>AddDbContextFactory</c>).</summary>
    /// <param name="contextFactory">Makes a new context; the relay disposes it after each pass or purge.</param>
    /// <param name="relay">Publishes the events: publisher, dead-letter sink, retries.</param>
    /// <param name="options">Page sizes, pauses and retention.</param>
    public EntityFrameworkOutboxRelay(IDbContextFactory<TContext> contextFactory, OutboxRelay relay, EntityFrameworkOutboxRelayOptions? options = null)
        : this(ToFunc(contextFactory), relay, options)
    {
    }

    /// <summary>
    /// Publishes pending rows until <paramref name="cancellationToken"/> is canceled, pausing when idle or after
    /// failures, and purges old published rows every <see cref="EntityFrameworkOutboxRelayOptions.PurgeInterval"/>.
    /// Database errors (<see cref="DbException"/>, <see cref="DbUpdateException"/>, <see cref="RetryLimitExceededException"/>,
    /// <see cref="TimeoutException"/>) count as failed passes; any other exception ends the loop.
    /// </summary>
    /// <param name="cancellationToken">Stops the relay.</param>
    /// <returns>A task that completes when stopped.</returns>
    public Task RunAsync(CancellationToken cancellationToken)
        => RelayLoop.RunAsync(PassAsync, IsTransient, _options.IdleDelay, _options.FailureDelay, cancellationToken);

    /// <summary>
    /// Publishes pending rows, up to <see cref="EntityFrameworkOutboxRelayOptions.MaxPagesPerPass"/> pages, and marks
    /// those that were published or dead-lettered. Rows that failed stay pending for the next pass.
    /// </summary>
    /// <param name="cancellationToken">Cancels the pass; rows not yet marked are published again by a later pass.</param>
    /// <returns>How many rows were read and how many failed.</returns>
    public async Task<TailerPass> PollOnceAsync(CancellationToken cancellationToken)
    {
        var context = _createContext();
        await using (context.ConfigureAwait(false))
        {
            var outbox = context.Set<OutboxRecord>();
            var blocked = new HashSet<string>(StringComparer.Ordinal);
            var read = 0;
            var failed = 0;
            var after = long.MinValue;
            for (var page = 0; page < _options.MaxPagesPerPass; page++)
            {
                // Keyset paging: rows that stay pending in this pass are not read again by its later pages.
                var start = after;
                var rows = await outbox
                    .Where(row => row.PublishedAt == null && row.Position > start)
                    .OrderBy(row => row.Position)
                    .Take(_options.PageSize)
                    .ToListAsync(cancellationToken)
                    .ConfigureAwait(false);
                if (rows.Count == 0)
                {
                    break;
                }

                read += rows.Count;
                after = rows[^1].Position;
                var sent = new List<OutboxRecord>(rows.Count);
                var records = new List<RelayRecord>(rows.Count);
                foreach (var row in rows)
                {
                    if (blocked.Contains(row.AggregateKey))
                    {
                        failed++;
                        continue;
                    }

                    var record = ToRelayRecord(row);
                    if (record.Error is not null)
                    {
                        // The shared relay does not order unreadable records within their aggregate: hold the
                        // aggregate's later rows back until this one is dead-lettered and marked.
                        blocked.Add(row.AggregateKey);
                    }

                    sent.Add(row);
                    records.Add(record);
                }

                var result = await _relay.ProcessAsync(records, cancellationToken).ConfigureAwait(false);
                var failedIndexes = result.FailedRecordIndexes.ToHashSet();
                failed += failedIndexes.Count;
                var now = _options.TimeProvider.GetUtcNow();
                for (var i = 0; i < sent.Count; i++)
                {
                    if (failedIndexes.Contains(i))
                    {
                        blocked.Add(sent[i].AggregateKey);
                    }
                    else
                    {
                        sent[i].PublishedAt = now;
                    }
                }

                await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                context.ChangeTracker.Clear();
                if (rows.Count < _options.PageSize)
                {
                    break;
                }
            }

            return new TailerPass(read, failed);
        }
    }

    /// <summary>
    /// Deletes rows published (or dead-lettered) more than <see cref="EntityFrameworkOutboxRelayOptions.RetentionPeriod"/>
    /// ago, in statements of <see cref="EntityFrameworkOutboxRelayOptions.PurgeBatchSize"/> rows; pending rows are never
    /// deleted. Does nothing when the retention is <see langword="null"/>.
    /// </summary>
    /// <remarks>
    /// Published rows are scanned in <see cref="OutboxRecord.Position"/> order and the scan ends at the first batch
    /// with nothing to delete: rows are marked roughly in position order, so what follows is younger still. A batch of
    /// rows that were published late (their aggregate was blocked) can therefore hold back older rows behind them until
    /// it expires itself. The age is compared in memory because not every provider can compare
    /// <see cref="DateTimeOffset"/> values (SQLite cannot).
    /// </remarks>
    /// <param name="cancellationToken">Cancels the purge; batches already deleted stay deleted.</param>
    /// <returns>How many rows were deleted.</returns>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
        => (await PurgeAsync(int.MaxValue, cancellationToken).ConfigureAwait(false)).Deleted;

    private async Task<(int Deleted, bool Complete)> PurgeAsync(int maxBatches, CancellationToken cancellationToken)
    {
        if (_options.RetentionPeriod is not { } retention)
        {
            return (0, true);
        }

        var cutoff = _options.TimeProvider.GetUtcNow() - retention;
        var context = _createContext();
        await using (context.ConfigureAwait(false))
        {
            var outbox = context.Set<OutboxRecord>();
            var deleted = 0;
            var after = long.MinValue;
            for (var batch = 0; batch < maxBatches; batch++)
            {
                var start = after;
                var published = await outbox
                    .Where(row => row.PublishedAt != null && row.Position > start)
                    .OrderBy(row => row.Position)
                    .Take(_options.PurgeBatchSize)
                    .Select(row => new { row.Position, row.PublishedAt })
                    .ToListAsync(cancellationToken)
                    .ConfigureAwait(false);
                var expired = published.Where(row => row.PublishedAt < cutoff).Select(row => row.Position).ToList();
                if (expired.Count == 0)
                {
                    return (deleted, true);
                }

                // Key-only stand-ins: deleting needs no payloads. Remove/SaveChanges rather than ExecuteDelete, which
                // moved between EF Core 8 and 10 (a library built on 8 would not find it on 10).
                foreach (var position in expired)
                {
                    outbox.Remove(new OutboxRecord { Position = position });
                }

                await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                context.ChangeTracker.Clear();
                deleted += expired.Count;
                after = published[^1].Position;
                if (published.Count < _options.PurgeBatchSize)
                {
                    return (deleted, true);
                }
            }

            return (deleted, false);
        }
    }

    private static Func<TContext> ToFunc(IDbContextFactory<TContext> contextFactory)
    {
        ArgumentNullException.ThrowIfNull(contextFactory);
        return contextFactory.CreateDbContext;
    }

    private static bool IsTransient(Exception exception)
        => exception is DbException or DbUpdateException or RetryLimitExceededException or TimeoutException;

    private static RelayRecord ToRelayRecord(OutboxRecord row)
    {
        var id = row.Position.ToString(CultureInfo.InvariantCulture);
        try
        {
            return RelayRecord.ForEvents(id, row.AggregateKey, new[] { row.ToEnvelope() });
        }
        catch (ArgumentException exception)
        {
            // A row written by hand or by another tool that is not a valid event: retrying cannot fix it.
            return RelayRecord.Malformed(id, exception.Message, Describe(row));
        }
    }

    private static string Describe(OutboxRecord row)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("position", row.Position);
            writer.WriteString("eventId", row.EventId);
            writer.WriteString("typeName", row.TypeName);
            writer.WriteNumber("version", row.Version);
            writer.WriteString("aggregateKey", row.AggregateKey);
            writer.WriteString("occurredAt", row.OccurredAt);
            writer.WriteString("causationId", row.CausationId);
            writer.WriteString("correlationId", row.CorrelationId);
            writer.WriteString("payload", row.Payload);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private async Task<TailerPass> PassAsync(CancellationToken cancellationToken)
    {
        var pass = await PollOnceAsync(cancellationToken).ConfigureAwait(false);
        var now = _options.TimeProvider.GetUtcNow();
        if (_options.RetentionPeriod is not null && (_nextPurge is null || now >= _nextPurge))
        {
            // Scheduled before the attempt, so that a purge that keeps failing does not run on every pass. A large
            // backlog is purged a few batches per pass, between publishing passes.
            _nextPurge = now + _options.PurgeInterval;
            var purge = await PurgeAsync(_options.MaxPagesPerPass, cancellationToken).ConfigureAwait(false);
            if (!purge.Complete)
            {
                _nextPurge = now;
            }
        }

        return pass;
    }
}
