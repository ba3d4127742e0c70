using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using Consistency.Runtime.Outbox;
using Consistency.Runtime.Relay;
using Consistency.Runtime.Tests.Infrastructure;

namespace Consistency.Runtime.Tests.Relay;

public sealed class OutboxPollerTests
{
    private static async Task<int> PendingCountAsync(OutboxStream outbox) =>
        (await outbox.Client.QueryAsync(new QueryRequest
        {
            TableName = outbox.Options.TableName,
            IndexName = OutboxAttributeNames.PendingIndexName,
            KeyConditionExpression = "#p = :p",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#p"] = "pending" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":p"] = new() { S = "1" } },
        })).Count ?? 0;

    [Fact]
    public async Task Pending_items_are_published_in_order_and_a_failure_holds_back_only_its_aggregate()
    {
        await using var outbox = await OutboxStream.CreateAsync("poller", trackPending: true);
        var clock = ManualTimeProvider.StartingNow();
        outbox.Options.TimeProvider = clock;
        foreach (var envelope in new[] { Events.Create("a", 1), Events.Create("b", 1), Events.Create("a", 2), Events.Create("c", 1) })
        {
            await outbox.CommitAsync([envelope]);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        var publisher = new RecordingPublisher { ShouldFail = batch => batch.Any(e => e.EventId == "a-1") };
        var poller = new OutboxPoller(outbox.Client, outbox.Options, new OutboxRelay(publisher, null, new RelayOptions { RetryDelay = TimeSpan.FromMilliseconds(1) }), new OutboxPollerOptions { PageSize = 2 });

        var first = await poller.PollOnceAsync(CancellationToken.None);

        Assert.Equal(["b-1", "c-1"], publisher.Published.Select(e => e.EventId));
        Assert.Equal(2, first.FailedRecords);
        Assert.Equal(2, await PendingCountAsync(outbox));

        publisher.ShouldFail = _ => false;
        await poller.PollOnceAsync(CancellationToken.None);
        Assert.Equal(["b-1", "c-1", "a-1", "a-2"], publisher.Published.Select(e => e.EventId));
        Assert.Equal(0, await PendingCountAsync(outbox));
        Assert.Equal(0, (await poller.PollOnceAsync(CancellationToken.None)).Records);
    }

    [Fact]
    public async Task Without_pending_tracking_the_stream_relay_ignores_the_pending_updates()
    {
        await using var outbox = await OutboxStream.CreateAsync("poller-stream", trackPending: true);
        await outbox.CommitAsync([Events.Create("d", 1)]);
        var poller = new OutboxPoller(outbox.Client, outbox.Options, new OutboxRelay(new RecordingPublisher()));
        await poller.PollOnceAsync(CancellationToken.None);

        // The stream now holds the INSERT and the MODIFY that removed 'pending': only the INSERT carries events.
        var records = (await outbox.ReadAllRecordsAsync()).Select(RelayRecord.FromChangeRecord).ToList();
        Assert.Equal(2, records.Count);
        Assert.False(records[0].Skip);
        Assert.True(records[1].Skip);
    }
}
