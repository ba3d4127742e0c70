using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Consistency.Runtime.EntityFrameworkCore.Tests.Infrastructure;
using Consistency.Runtime.Outbox;
using Consistency.Runtime.Relay;
using Consistency.Runtime.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Consistency.Runtime.EntityFrameworkCore.Tests;

public sealed class EntityFrameworkOutboxRelayTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static EntityFrameworkOutboxRelay<ShopContext> CreateRelay(
        SqliteDatabase<ShopContext> db,
        IOutboxPublisher publisher,
        IDeadLetterSink? deadLetters = null,
        int maxAttempts = 1,
        int pageSize = 100,
        TimeProvider? clock = null,
        Func<ShopContext>? createContext = null) =>
        new(
            createContext ?? (() => db.CreateContext()),
            new OutboxRelay(publisher, deadLetters, new RelayOptions { MaxAttempts = maxAttempts, RetryDelay = TimeSpan.FromMilliseconds(1) }),
            new EntityFrameworkOutboxRelayOptions { PageSize = pageSize, TimeProvider = clock ?? new ManualTimeProvider(Start) });

    /// <summary>Each event in its own transaction, as separate requests of the service would write them.</summary>
    private static async Task<List<OutboxRecord>> CommitEachAsync(SqliteDatabase<ShopContext> db, params EventEnvelope[] envelopes)
    {
        var rows = new List<OutboxRecord>();
        foreach (var envelope in envelopes)
        {
            await using var context = db.CreateContext();
            rows.Add(context.AddOutboxEvent(envelope));
            await context.SaveChangesAsync();
        }

        return rows;
    }

    private static Dictionary<string, DateTimeOffset?> PublishedAtByEventId(SqliteDatabase<ShopContext> db)
    {
        using var context = db.CreateContext();
        return context.Outbox.AsNoTracking().ToDictionary(r => r.EventId, r => r.PublishedAt);
    }

    [Fact]
    public async Task Pending_rows_are_published_in_position_order_per_aggregate_and_marked()
    {
        using var db = ShopDatabase.Create();
        var envelopes = new[] { Events.Create("a", 1), Events.Create("b", 1), Events.Create("a", 2), Events.Create("c", 1), Events.Create("b", 2), Events.Create("a", 3), Events.Create("a", 4) };
        await CommitEachAsync(db, envelopes);
        var publisher = new RecordingPublisher();
        var relay = CreateRelay(db, publisher, pageSize: 3);

        var pass = await relay.PollOnceAsync(CancellationToken.None);

        Assert.Equal(new TailerPass(7, 0), pass);
        Assert.Equal(["a-1", "a-2", "a-3", "a-4"], publisher.PublishedIdsOf("a"));
        Assert.Equal(["b-1", "b-2"], publisher.PublishedIdsOf("b"));
        Assert.Equal(["c-1"], publisher.PublishedIdsOf("c"));
        Assert.Equal(envelopes.Length, publisher.Published.Count);
        Assert.All(PublishedAtByEventId(db).Values, at => Assert.Equal(Start, at));
    }

    [Fact]
    public async Task A_second_pass_publishes_nothing()
    {
        using var db = ShopDatabase.Create();
        await CommitEachAsync(db, Events.Create("a", 1), Events.Create("b", 1));
        var publisher = new RecordingPublisher();
        var relay = CreateRelay(db, publisher);
        await relay.PollOnceAsync(CancellationToken.None);

        var second = await relay.PollOnceAsync(CancellationToken.None);

        Assert.Equal(new TailerPass(0, 0), second);
        Assert.Equal(["a-1", "b-1"], publisher.PublishedIds.Order());
    }

    [Theory]
    [InlineData(2)]   // the failed row and its aggregate's later rows in different pages
    [InlineData(10)]  // all in one page: the shared relay reports the later rows failed
    public async Task A_publish_failure_keeps_the_row_pending_and_holds_back_its_aggregate(int pageSize)
    {
        using var db = ShopDatabase.Create();
        await CommitEachAsync(db, Events.Create("a", 1), Events.Create("b", 1), Events.Create("a", 2), Events.Create("a", 3), Events.Create("b", 2));
        var publisher = new RecordingPublisher { ShouldFail = batch => batch.Any(e => e.EventId == "a-1") };
        var relay = CreateRelay(db, publisher, maxAttempts: 2, pageSize: pageSize);

        var first = await relay.PollOnceAsync(CancellationToken.None);

        Assert.Equal(new TailerPass(5, 3), first);
        Assert.Equal(["b-1", "b-2"], publisher.PublishedIds);
        Assert.DoesNotContain(publisher.Attempts, id => id is "a-2" or "a-3");
        var published = PublishedAtByEventId(db);
        Assert.Null(published["a-1"]);
        Assert.Null(published["a-2"]);
        Assert.Null(published["a-3"]);
        Assert.NotNull(published["b-1"]);
        Assert.NotNull(published["b-2"]);

        publisher.ShouldFail = _ => false;
        var second = await relay.PollOnceAsync(CancellationToken.None);

        Assert.Equal(new TailerPass(3, 0), second);
        Assert.Equal(["a-1", "a-2", "a-3"], publisher.PublishedIdsOf("a"));
        Assert.All(PublishedAtByEventId(db).Values, at => Assert.Equal(Start, at));
    }

    [Fact]
    public async Task After_MaxAttempts_the_event_is_dead_lettered_and_its_row_marked()
    {
        using var db = ShopDatabase.Create();
        var rows = await CommitEachAsync(db, Events.Create("a", 1), Events.Create("a", 2), Events.Create("b", 1));
        var publisher = new RecordingPublisher { ShouldFail = batch => batch.Any(e => e.EventId == "a-1") };
        var sink = new InMemoryDeadLetterSink();
        var relay = CreateRelay(db, publisher, sink, maxAttempts: 3);

        var pass = await relay.PollOnceAsync(CancellationToken.None);

        Assert.Equal(new TailerPass(3, 0), pass);
        Assert.Equal(3, publisher.Attempts.Count(id => id == "a-1"));
        var letter = Assert.Single(sink.Letters);
        Assert.Equal("a-1", letter.Event?.EventId);
        Assert.Equal(3, letter.Attempts);
        Assert.Equal(rows[0].Position.ToString(CultureInfo.InvariantCulture), letter.RecordId);
        Assert.Equal(["a-2"], publisher.PublishedIdsOf("a"));
        Assert.Equal(["b-1"], publisher.PublishedIdsOf("b"));
        Assert.All(PublishedAtByEventId(db).Values, at => Assert.Equal(Start, at));

        Assert.Equal(new TailerPass(0, 0), await relay.PollOnceAsync(CancellationToken.None));
        Assert.Single(sink.Letters);
    }

    [Fact]
    public async Task A_crash_after_publishing_and_before_marking_publishes_the_same_event_again()
    {
        using var db = ShopDatabase.Create();
        await CommitEachAsync(db, Events.Create("a", 1));
        var publisher = new RecordingPublisher();
        var crash = new CrashBeforeSaveInterceptor();
        var contexts = 0;

        // The first pass runs in a process that dies right after the broker accepted the event.
        var relay = CreateRelay(db, publisher, createContext: () => Interlocked.Increment(ref contexts) == 1 ? db.CreateContext(crash) : db.CreateContext());

        await Assert.ThrowsAsync<InvalidOperationException>(() => relay.PollOnceAsync(CancellationToken.None));
        Assert.Equal(1, crash.Crashes);
        Assert.Equal(["a-1"], publisher.PublishedIds);
        Assert.Null(PublishedAtByEventId(db)["a-1"]);

        var restarted = await relay.PollOnceAsync(CancellationToken.None);

        Assert.Equal(new TailerPass(1, 0), restarted);
        Assert.Equal(["a-1", "a-1"], publisher.PublishedIds);
        Assert.Equal(publisher.Published.First().Payload, publisher.Published.Last().Payload);
        Assert.NotNull(PublishedAtByEventId(db)["a-1"]);
    }

    [Fact]
    public async Task An_unreadable_row_is_dead_lettered_at_once_and_its_aggregate_goes_on_after_it()
    {
        using var db = ShopDatabase.Create();
        await using (var context = db.CreateContext())
        {
            // Version 0 is no valid event (written by hand or by another tool).
            context.Outbox.Add(new OutboxRecord { EventId = "m-1", TypeName = "tests.order-changed", Version = 0, AggregateKey = "m", OccurredAt = Start, Payload = "{}" });
            await context.SaveChangesAsync();
        }

        await CommitEachAsync(db, Events.Create("m", 2));
        var publisher = new RecordingPublisher();
        var sink = new InMemoryDeadLetterSink();
        var relay = CreateRelay(db, publisher, sink, maxAttempts: 3);

        var first = await relay.PollOnceAsync(CancellationToken.None);

        var letter = Assert.Single(sink.Letters);
        Assert.Null(letter.Event);
        Assert.Equal(0, letter.Attempts);
        Assert.Contains("\"version\":0", letter.RawRecord, StringComparison.Ordinal);
        Assert.Empty(publisher.Attempts);
        Assert.Equal(new TailerPass(2, 1), first);
        Assert.NotNull(PublishedAtByEventId(db)["m-1"]);

        var second = await relay.PollOnceAsync(CancellationToken.None);

        Assert.Equal(new TailerPass(1, 0), second);
        Assert.Equal(["m-2"], publisher.PublishedIds);
    }

    [Fact]
    public async Task The_purge_removes_only_rows_published_before_the_retention()
    {
        using var db = ShopDatabase.Create();
        var clock = new ManualTimeProvider(Start);
        var publisher = new RecordingPublisher { ShouldFail = batch => batch.Any(e => e.AggregateKey == "stuck") };
        var relay = CreateRelay(db, publisher, clock: clock);
        await CommitEachAsync(db, Events.Create("old", 1), Events.Create("stuck", 1), Events.Create("old", 2));
        await relay.PollOnceAsync(CancellationToken.None);

        clock.Advance(TimeSpan.FromDays(6));
        await CommitEachAsync(db, Events.Create("recent", 1));
        await relay.PollOnceAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));

        var purged = await relay.PurgeAsync(CancellationToken.None);

        Assert.Equal(2, purged);
        Assert.Equal(["recent-1", "stuck-1"], PublishedAtByEventId(db).Keys.Order());
        Assert.Null(PublishedAtByEventId(db)["stuck-1"]);
        Assert.Equal(0, await relay.PurgeAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_purge_deletes_in_batches_past_pending_rows_until_it_reaches_young_rows()
    {
        using var db = ShopDatabase.Create();
        var clock = new ManualTimeProvider(Start);
        var publisher = new RecordingPublisher { ShouldFail = batch => batch.Any(e => e.AggregateKey == "stuck") };
        var relay = new EntityFrameworkOutboxRelay<ShopContext>(
            () => db.CreateContext(),
            new OutboxRelay(publisher, null, new RelayOptions { MaxAttempts = 1 }),
            new EntityFrameworkOutboxRelayOptions { PurgeBatchSize = 2, RetentionPeriod = TimeSpan.FromHours(1), TimeProvider = clock });
        await CommitEachAsync(db, Events.Create("old", 1), Events.Create("stuck", 1), Events.Create("old", 2), Events.Create("old", 3), Events.Create("old", 4), Events.Create("old", 5));
        await relay.PollOnceAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromHours(2));
        await CommitEachAsync(db, Events.Create("young", 1), Events.Create("young", 2), Events.Create("young", 3));
        await relay.PollOnceAsync(CancellationToken.None);

        Assert.Equal(5, await relay.PurgeAsync(CancellationToken.None));
        Assert.Equal(["stuck-1", "young-1", "young-2", "young-3"], PublishedAtByEventId(db).Keys.Order());
    }

    [Fact]
    public async Task Without_a_retention_the_purge_keeps_everything()
    {
        using var db = ShopDatabase.Create();
        var clock = new ManualTimeProvider(Start);
        var relay = new EntityFrameworkOutboxRelay<ShopContext>(
            () => db.CreateContext(),
            new OutboxRelay(new RecordingPublisher()),
            new EntityFrameworkOutboxRelayOptions { RetentionPeriod = null, TimeProvider = clock });
        await CommitEachAsync(db, Events.Create("a", 1));
        await relay.PollOnceAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromDays(365));

        Assert.Equal(0, await relay.PurgeAsync(CancellationToken.None));
        Assert.Equal(1, db.Scalar("SELECT COUNT(*) FROM outbox_messages"));
    }

    [Fact]
    public async Task RunAsync_publishes_purges_and_stops_when_canceled()
    {
        using var db = ShopDatabase.Create();
        var clock = new ManualTimeProvider(Start);
        await using (var context = db.CreateContext())
        {
            var old = context.AddOutboxEvent(Events.Create("old", 1));
            old.PublishedAt = Start - TimeSpan.FromDays(30);
            await context.SaveChangesAsync();
        }

        await CommitEachAsync(db, Events.Create("a", 1), Events.Create("a", 2));
        var publisher = new RecordingPublisher();
        var deletes = new DeleteObserver();
        var relay = new EntityFrameworkOutboxRelay<ShopContext>(
            new ContextFactory(() => db.CreateContext(deletes)),
            new OutboxRelay(publisher),
            new EntityFrameworkOutboxRelayOptions { IdleDelay = TimeSpan.FromMilliseconds(5), TimeProvider = clock });
        using var stop = new CancellationTokenSource();

        var running = relay.RunAsync(stop.Token);

        // The loop polls first and purges after: the purge's DELETE means the pass before it was marked.
        // A loop that ended early (it failed) surfaces at once.
        var first = await Task.WhenAny(deletes.Deleted.Task, running).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Same(deletes.Deleted.Task, first);
        Assert.Equal(1, await deletes.Deleted.Task);
        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["a-1", "a-2"], publisher.PublishedIds);
        Assert.Equal(new Dictionary<string, DateTimeOffset?> { ["a-1"] = Start, ["a-2"] = Start }, PublishedAtByEventId(db));
        Assert.True(running.IsCompletedSuccessfully);
    }

    private sealed class ContextFactory(Func<ShopContext> create) : IDbContextFactory<ShopContext>
    {
        public ShopContext CreateDbContext() => create();
    }
}
