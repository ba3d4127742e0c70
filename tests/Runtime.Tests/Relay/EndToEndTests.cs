using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using Consistency.Runtime.DynamoDb;
using Consistency.Runtime.Inbox;
using Consistency.Runtime.Outbox;
using Consistency.Runtime.Relay;
using Consistency.Runtime.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Consistency.Runtime.Tests.Relay;

public sealed class EndToEndTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Ten_thousand_events_flow_end_to_end_with_nothing_lost_and_nothing_applied_twice()
    {
        const int commits = 100;
        const int eventsPerCommit = 100;
        const int aggregates = 50;
        var watch = Stopwatch.StartNew();
        await using var outbox = await OutboxStream.CreateAsync("e2e-outbox");
        var inboxTable = LocalDynamoDb.UniqueName("e2e-inbox");
        await ConsistencyTables.CreateInboxTableAsync(outbox.Client, inboxTable);
        var inbox = new DynamoDbInbox(outbox.Client, new InboxOptions { TableName = inboxTable, ConsumerName = "e2e" });

        var sequence = new int[aggregates];
        var expected = new HashSet<string>(StringComparer.Ordinal);
        outbox.Counter.Reset();
        for (var c = 0; c < commits; c++)
        {
            var events = new List<EventEnvelope>();
            for (var e = 0; e < eventsPerCommit; e++)
            {
                var aggregate = (c + e) % aggregates;
                var envelope = Events.Create("agg" + aggregate.ToString(CultureInfo.InvariantCulture), sequence[aggregate]++);
                expected.Add(envelope.EventId);
                events.Add(envelope);
            }

            await outbox.CommitAsync(events);
        }

        Assert.Equal(commits, outbox.Counter.Count("TransactWriteItems"));
        Assert.Equal(commits, outbox.Counter.Total);
        var committed = watch.Elapsed;

        var consumer = new InboxConsumer((envelope, ct) => inbox.TryMarkProcessedAsync(envelope.EventId, null, ct));
        var random = new Random(12345);
        var failedBeforeDelivery = 0;
        var failedAfterDelivery = 0;
        var publisher = OutboxPublisher.FromBatch(async (batch, ct) =>
        {
            int roll;
            lock (random)
            {
                roll = random.Next(100);
            }

            if (roll < 3)
            {
                Interlocked.Increment(ref failedBeforeDelivery);
                throw new InvalidOperationException("broker unavailable");
            }

            foreach (var envelope in batch)
            {
                await consumer.ReceiveAsync(envelope, ct);
            }

            if (roll < 6)
            {
                // The broker took the batch but the acknowledgement was lost: the relay sends it again.
                Interlocked.Increment(ref failedAfterDelivery);
                throw new TimeoutException("acknowledgement lost");
            }
        });
        var deadLetters = new InMemoryDeadLetterSink();
        var relay = new OutboxRelay(publisher, deadLetters, new RelayOptions { RetryDelay = TimeSpan.FromMilliseconds(1), MaxAttempts = 5 });
        var tailer = new OutboxStreamTailer(outbox.Streams, outbox.StreamArn, relay);

        var deadline = DateTime.UtcNow.AddMinutes(3);
        var passes = 0;
        while (consumer.Applied.Count < expected.Count && DateTime.UtcNow < deadline)
        {
            await tailer.PollOnceAsync(CancellationToken.None);
            passes++;
        }

        var quiet = await tailer.PollOnceAsync(CancellationToken.None);
        output.WriteLine($"commit {committed.TotalSeconds:F1}s, relay {(watch.Elapsed - committed).TotalSeconds:F1}s, {passes} passes, {failedBeforeDelivery} failed publishes, {failedAfterDelivery} lost acks, {consumer.Duplicates} duplicates absorbed");

        Assert.Equal(0, quiet.Records);
        Assert.Equal(expected.Count, consumer.Applied.Count);
        Assert.True(expected.SetEquals(consumer.Applied.Keys));
        Assert.All(consumer.Applied.Values, count => Assert.Equal(1, count));
        Assert.Equal(0, consumer.OrderViolations);
        Assert.True(failedBeforeDelivery > 0 && failedAfterDelivery > 0);
        Assert.True(consumer.Duplicates >= failedAfterDelivery);
        Assert.Empty(deadLetters.Letters);
    }

    [Fact]
    public async Task A_relay_that_dies_mid_batch_loses_nothing_and_the_inbox_absorbs_the_duplicates()
    {
        await using var outbox = await OutboxStream.CreateAsync("crash-outbox");
        var inboxTable = LocalDynamoDb.UniqueName("crash-inbox");
        var business = LocalDynamoDb.UniqueName("crash-business");
        await ConsistencyTables.CreateInboxTableAsync(outbox.Client, inboxTable);
        await TestTables.CreateBusinessTableAsync(outbox.Client, business);
        var inbox = new DynamoDbInbox(outbox.Client, new InboxOptions { TableName = inboxTable, ConsumerName = "crash" });
        var checkpoints = new DynamoDbStreamCheckpointStore(outbox.Client, inboxTable);

        var sequence = new int[5];
        for (var c = 0; c < 30; c++)
        {
            await outbox.CommitAsync(Enumerable.Range(0, 10).Select(e => Events.Create("acct" + (e % 5), sequence[e % 5]++)));
        }

        // The consumer's effect and its inbox marker commit together: a balance that counts each event once.
        // The consumer is another process: the relay's crash does not cancel its work.
        var consumer = new InboxConsumer((envelope, _) =>
        {
            var unitOfWork = new OutboxUnitOfWork(outbox.Client, new OutboxOptions());
            unitOfWork.Update(new Update
            {
                TableName = business,
                Key = TestTables.Key(envelope.AggregateKey),
                UpdateExpression = "ADD #applied :one",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#applied"] = "applied" },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":one"] = new() { N = "1" } },
            });
            return inbox.CommitAsync(unitOfWork, envelope.EventId, null, CancellationToken.None);
        });

        using (var crash = new CancellationTokenSource())
        {
            var delivered = 0;
            var dying = OutboxPublisher.FromSingle(async (envelope, ct) =>
            {
                await consumer.ReceiveAsync(envelope, ct);
                if (Interlocked.Increment(ref delivered) == 170)
                {
                    // The process dies after the broker took the event but before the relay recorded anything.
                    await crash.CancelAsync();
                    ct.ThrowIfCancellationRequested();
                }
            });
            var first = new OutboxStreamTailer(outbox.Streams, outbox.StreamArn, new OutboxRelay(dying), new StreamTailerOptions { BatchSize = 40 }, checkpoints);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            {
                while (true)
                {
                    await first.PollOnceAsync(crash.Token);
                }
            });
        }

        Assert.InRange(consumer.Applied.Count, 170, 299);
        var healthy = OutboxPublisher.FromSingle(consumer.ReceiveAsync);
        var second = new OutboxStreamTailer(outbox.Streams, outbox.StreamArn, new OutboxRelay(healthy), new StreamTailerOptions { BatchSize = 40 }, checkpoints);
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (consumer.Applied.Count < 300 && DateTime.UtcNow < deadline)
        {
            await second.PollOnceAsync(CancellationToken.None);
        }

        Assert.Equal(0, (await second.PollOnceAsync(CancellationToken.None)).Records);

        Assert.Equal(300, consumer.Applied.Count);
        Assert.All(consumer.Applied.Values, count => Assert.Equal(1, count));
        Assert.True(consumer.Duplicates > 0, "the restarted relay re-sent what the dead one had delivered");
        Assert.True(consumer.Duplicates < 170, $"{consumer.Duplicates} duplicates: the checkpoint let the restarted relay skip handled batches");
        Assert.Equal(0, consumer.OrderViolations);
        foreach (var account in Enumerable.Range(0, 5))
        {
            var item = (await outbox.Client.GetItemAsync(new GetItemRequest { TableName = business, Key = TestTables.Key("acct" + account), ConsistentRead = true })).Item;
            Assert.Equal("60", item["applied"].N);
        }
    }

    [Fact]
    public async Task Run_loop_publishes_new_commits_until_stopped()
    {
        await using var outbox = await OutboxStream.CreateAsync("run-outbox");
        var publisher = new RecordingPublisher();
        var tailer = new OutboxStreamTailer(outbox.Streams, outbox.StreamArn, new OutboxRelay(publisher), new StreamTailerOptions { IdleDelay = TimeSpan.FromMilliseconds(50) });
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var running = tailer.RunAsync(stop.Token);

        await outbox.CommitAsync([Events.Create("live", 1), Events.Create("live", 2)]);
        await outbox.CommitAsync([Events.Create("live", 3)]);
        while (publisher.Published.Count < 3 && !stop.IsCancellationRequested)
        {
            await Task.Delay(20);
        }

        await stop.CancelAsync();
        await running;
        Assert.Equal(["live-1", "live-2", "live-3"], publisher.Published.Select(e => e.EventId));
    }
}
