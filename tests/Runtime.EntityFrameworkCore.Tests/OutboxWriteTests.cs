using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Consistency.Runtime.EntityFrameworkCore.Tests.Infrastructure;
using Consistency.Runtime.Outbox;
using Consistency.Runtime.Relay;
using Consistency.Runtime.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Consistency.Runtime.EntityFrameworkCore.Tests;

public sealed class OutboxWriteTests
{
    [Fact]
    public async Task The_business_row_and_the_outbox_row_commit_in_one_SaveChanges()
    {
        using var db = ShopDatabase.Create();
        var envelope = Events.Create("order-1", 1);
        await using (var context = db.CreateContext())
        {
            context.Orders.Add(new Order { Id = "order-1", CustomerId = "c-1", AmountCents = 1250 });
            var row = context.AddOutboxEvent(envelope);

            // Nothing reaches the database before SaveChanges.
            Assert.Equal(0, db.Scalar("SELECT COUNT(*) FROM outbox_messages"));
            Assert.Equal(0, db.Scalar($"SELECT COUNT(*) FROM {ShopContext.OrdersTable}"));

            await context.SaveChangesAsync();
            Assert.True(row.Position > 0);
        }

        Assert.Equal(1, db.Scalar($"SELECT COUNT(*) FROM {ShopContext.OrdersTable}"));
        var stored = Assert.Single(db.Query("SELECT EventId, TypeName, Version, AggregateKey, CausationId, CorrelationId, Payload, PublishedAt FROM outbox_messages"));
        Assert.Equal(new object?[] { "order-1-1", "tests.order-changed", 2L, "order-1", "cause-order-1", "correlation-1", envelope.Payload, null }, stored);
    }

    [Fact]
    public async Task A_failing_SaveChanges_leaves_no_outbox_row()
    {
        using var db = ShopDatabase.Create();
        await using (var context = db.CreateContext())
        {
            context.Orders.Add(new Order { Id = "order-1", CustomerId = "c-1", AmountCents = 1250 });
            await context.SaveChangesAsync();
        }

        var log = new CommandLog();
        await using (var context = db.CreateContext(log))
        {
            context.Orders.Add(new Order { Id = "order-1", CustomerId = "c-2", AmountCents = 990 });
            context.AddOutboxEvent(Events.Create("order-1", 1));

            await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());
        }

        // The outbox insert was sent, and ran, before the failing order insert: only the rollback removed it.
        var sent = string.Join("\n", log.Commands);
        var outboxInsert = sent.IndexOf("INSERT INTO \"outbox_messages\"", StringComparison.Ordinal);
        var orderInsert = sent.IndexOf($"INSERT INTO \"{ShopContext.OrdersTable}\"", StringComparison.Ordinal);
        Assert.True(outboxInsert >= 0 && orderInsert > outboxInsert, sent);
        Assert.Equal(0, db.Scalar("SELECT COUNT(*) FROM outbox_messages"));
        Assert.Equal("c-1", Assert.Single(db.Query($"SELECT CustomerId FROM {ShopContext.OrdersTable}"))[0]);
    }

    [Fact]
    public async Task Events_added_together_get_positions_in_their_order()
    {
        using var db = ShopDatabase.Create();
        var envelopes = new[] { Events.Create("a", 1), Events.Create("b", 1), Events.Create("a", 2), Events.Create("a", 3), Events.Create("b", 2) };
        await using (var context = db.CreateContext())
        {
            var rows = context.AddOutboxEvents(envelopes);
            Assert.Equal(envelopes.Select(e => e.EventId), rows.Select(r => r.EventId));
            await context.SaveChangesAsync();
        }

        var stored = db.Query("SELECT EventId FROM outbox_messages ORDER BY Position").Select(r => (string)r[0]!);
        Assert.Equal(envelopes.Select(e => e.EventId), stored);
    }

    [Fact]
    public async Task A_row_reads_back_as_the_same_envelope()
    {
        using var db = ShopDatabase.Create();
        var envelope = Events.Create("order-7", 3);
        await using (var context = db.CreateContext())
        {
            context.AddOutboxEvent(envelope);
            await context.SaveChangesAsync();
        }

        await using (var context = db.CreateContext())
        {
            var back = (await context.Outbox.SingleAsync()).ToEnvelope();

            Assert.Equal(
                (envelope.EventId, envelope.TypeName, envelope.Version, envelope.AggregateKey, envelope.OccurredAt, envelope.Payload, envelope.CausationId, envelope.CorrelationId),
                (back.EventId, back.TypeName, back.Version, back.AggregateKey, back.OccurredAt, back.Payload, back.CausationId, back.CorrelationId));
            Assert.Equal(TimeSpan.FromHours(2), envelope.OccurredAt.Offset);
            Assert.Equal(TimeSpan.Zero, back.OccurredAt.Offset);
        }
    }

    [Fact]
    public async Task AddConsistencyOutbox_creates_the_unique_event_id_index_and_the_pending_index()
    {
        using var db = ShopDatabase.Create();

        var indexes = db.Query("SELECT name, \"unique\" FROM pragma_index_list('outbox_messages') WHERE origin = 'c'")
            .Select(r => (Name: (string)r[0]!, Unique: (long)r[1]! == 1))
            .ToDictionary(
                i => i.Name,
                i => (i.Unique, Columns: string.Join(",", db.Query($"SELECT name FROM pragma_index_info('{i.Name}') ORDER BY seqno").Select(c => (string)c[0]!))));
        Assert.Equal(2, indexes.Count);
        Assert.Equal((true, "EventId"), indexes["IX_outbox_messages_EventId"]);
        Assert.Equal((false, "PublishedAt,Position"), indexes["IX_outbox_messages_PublishedAt_Position"]);
        Assert.Contains("AUTOINCREMENT", (string)db.Query("SELECT sql FROM sqlite_master WHERE name = 'outbox_messages'").Single()[0]!, StringComparison.Ordinal);

        await using (var context = db.CreateContext())
        {
            context.AddOutboxEvent(Events.Create("a", 1));
            await context.SaveChangesAsync();
        }

        await using (var context = db.CreateContext())
        {
            context.AddOutboxEvent(Events.Create("a", 1));
            await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());
        }
    }

    [Fact]
    public async Task AddConsistencyOutbox_takes_the_table_name_and_the_relay_reads_it()
    {
        using var db = new SqliteDatabase<CustomTableContext>(options => new CustomTableContext(options));

        var tables = db.Query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").Select(r => (string)r[0]!);

        Assert.Equal([CustomTableContext.TableName], tables);
        Assert.Equal(2, db.Scalar($"SELECT COUNT(*) FROM pragma_index_list('{CustomTableContext.TableName}') WHERE origin = 'c'"));
        Assert.Equal(["a-1"], await PublishThroughRelayAsync(db, Events.Create("a", 1)));
        Assert.Equal(1, db.Scalar($"SELECT COUNT(*) FROM {CustomTableContext.TableName} WHERE PublishedAt IS NOT NULL"));
    }

    [Fact]
    public async Task A_DbSet_property_alone_maps_the_default_table_with_a_generated_position_and_no_index()
    {
        using var db = new SqliteDatabase<DbSetOnlyContext>(options => new DbSetOnlyContext(options));

        var sql = (string)db.Query($"SELECT sql FROM sqlite_master WHERE name = '{OutboxRecord.DefaultTableName}'").Single()[0]!;

        Assert.Contains("\"Position\" INTEGER NOT NULL CONSTRAINT \"PK_outbox_messages\" PRIMARY KEY AUTOINCREMENT", sql, StringComparison.Ordinal);
        Assert.Contains("\"EventId\" TEXT NOT NULL", sql, StringComparison.Ordinal);
        Assert.Contains("\"PublishedAt\" TEXT NULL", sql, StringComparison.Ordinal);
        Assert.Equal(0, db.Scalar($"SELECT COUNT(*) FROM pragma_index_list('{OutboxRecord.DefaultTableName}') WHERE origin = 'c'"));
        Assert.Equal(["a-1", "a-2"], await PublishThroughRelayAsync(db, Events.Create("a", 1), Events.Create("a", 2)));
    }

    private static async Task<string[]> PublishThroughRelayAsync<TContext>(SqliteDatabase<TContext> db, params EventEnvelope[] envelopes)
        where TContext : DbContext
    {
        await using (var context = db.CreateContext())
        {
            context.AddOutboxEvents(envelopes);
            await context.SaveChangesAsync();
        }

        var publisher = new RecordingPublisher();
        await new EntityFrameworkOutboxRelay<TContext>(() => db.CreateContext(), new OutboxRelay(publisher)).PollOnceAsync(CancellationToken.None);
        return [.. publisher.PublishedIds];
    }

    [Fact]
    public void The_model_bounds_the_indexed_and_id_columns()
    {
        using var db = ShopDatabase.Create();
        using var context = db.CreateContext();
        var entity = context.Model.FindEntityType(typeof(OutboxRecord))!;
        Assert.Equal(128, entity.FindProperty(nameof(OutboxRecord.EventId))!.GetMaxLength());
        Assert.Equal(1024, entity.FindProperty(nameof(OutboxRecord.TypeName))!.GetMaxLength());
        Assert.Equal(512, entity.FindProperty(nameof(OutboxRecord.AggregateKey))!.GetMaxLength());
        Assert.Equal(128, entity.FindProperty(nameof(OutboxRecord.CausationId))!.GetMaxLength());
        Assert.Equal(128, entity.FindProperty(nameof(OutboxRecord.CorrelationId))!.GetMaxLength());
        Assert.Null(entity.FindProperty(nameof(OutboxRecord.Payload))!.GetMaxLength());
    }
}
