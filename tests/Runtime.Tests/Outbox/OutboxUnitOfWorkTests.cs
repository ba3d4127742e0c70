using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Consistency.Runtime.DynamoDb;
using Consistency.Runtime.Outbox;
using Consistency.Runtime.Tests.Infrastructure;

namespace Consistency.Runtime.Tests.Outbox;

public sealed class OutboxUnitOfWorkTests : IAsyncLifetime
{
    private AmazonDynamoDBClient _client = null!;
    private RequestCounter _counter = null!;
    private readonly string _business = LocalDynamoDb.UniqueName("business");
    private readonly OutboxOptions _options = new() { TableName = LocalDynamoDb.UniqueName("outbox") };

    public async Task InitializeAsync()
    {
        (_client, _counter) = await LocalDynamoDb.CreateClientAsync(maxErrorRetry: 0);
        await TestTables.CreateBusinessTableAsync(_client, _business);
        await ConsistencyTables.CreateOutboxTableAsync(_client, _options);
        _counter.Reset();
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }

    private Put OrderPut(string id, string? condition = null) => new()
    {
        TableName = _business,
        Item = new Dictionary<string, AttributeValue> { ["pk"] = new() { S = id }, ["status"] = new() { S = "placed" } },
        ConditionExpression = condition,
    };

    [Fact]
    public async Task Commit_writes_business_item_and_events_atomically_in_one_request()
    {
        var unitOfWork = new OutboxUnitOfWork(_client, _options);
        unitOfWork.Put(OrderPut("order-1"));
        unitOfWork.AddEvent(Events.Create("order-1", 1));
        unitOfWork.AddEvent(Events.Create("order-1", 2, causationId: "command-7"));

        await unitOfWork.CommitAsync();

        Assert.Equal(1, _counter.Total);
        Assert.Equal(1, _counter.Count("TransactWriteItems"));
        var order = await _client.GetItemAsync(new GetItemRequest { TableName = _business, Key = TestTables.Key("order-1"), ConsistentRead = true });
        Assert.Equal("placed", order.Item["status"].S);
        var events = await TestTables.ReadAllEventsAsync(_client, _options.TableName);
        Assert.Equal(["order-1-1", "order-1-2"], events.Select(e => e.EventId));
        Assert.Equal("command-7", events[1].CausationId);
        Assert.Equal("correlation-1", events[1].CorrelationId);
        Assert.Equal(Events.Create("order-1", 2).Payload, events[1].Payload);
        Assert.Equal(Events.Create("order-1", 2).OccurredAt, events[1].OccurredAt);
        Assert.True(unitOfWork.IsCommitted);
    }

    [Fact]
    public async Task Outbox_item_has_ttl_as_epoch_seconds_number_and_aggregate_partition_key()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2030, 5, 6, 7, 8, 9, TimeSpan.Zero));
        var options = new OutboxOptions { TableName = _options.TableName, TimeProvider = clock, TimeToLive = TimeSpan.FromDays(2) };
        var unitOfWork = new OutboxUnitOfWork(_client, options);
        unitOfWork.AddEvent(Events.Create("ttl-aggregate", 1));
        await unitOfWork.CommitAsync();

        var item = (await TestTables.ScanAllAsync(_client, _options.TableName)).Single(i => i["aggregate_key"].S == "ttl-aggregate");
        Assert.Null(item["ttl"].S);
        Assert.Equal(new DateTimeOffset(2030, 5, 8, 7, 8, 9, TimeSpan.Zero).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), item["ttl"].N);
        Assert.Equal("outbox#ttl-aggregate", item["pk"].S);
        Assert.StartsWith("2030-05-06T07:08:09.0000000Z#" + unitOfWork.TransactionId, item["sk"].S, StringComparison.Ordinal);
        Assert.False(item.ContainsKey("pending"));
    }

    [Fact]
    public async Task Failed_condition_rolls_back_business_writes_and_events()
    {
        await _client.PutItemAsync(new PutItemRequest { TableName = _business, Item = OrderPut("order-2").Item });
        _counter.Reset();
        var unitOfWork = new OutboxUnitOfWork(_client, _options);
        unitOfWork.Put(OrderPut("order-3"));
        unitOfWork.Add(new TransactWriteItem { Put = OrderPut("order-2", "attribute_not_exists(pk)") }, "create-order-2");
        unitOfWork.AddEvent(Events.Create("order-3", 1));

        var exception = await Assert.ThrowsAsync<UnitOfWorkCanceledException>(() => unitOfWork.CommitAsync());

        var failure = Assert.Single(exception.Failures);
        Assert.Equal("create-order-2", failure.Tag);
        Assert.Equal("ConditionalCheckFailed", failure.Code);
        Assert.Equal(1, failure.Index);
        Assert.False(exception.IsConflict);
        Assert.False(unitOfWork.IsCommitted);
        var order3 = await _client.GetItemAsync(new GetItemRequest { TableName = _business, Key = TestTables.Key("order-3"), ConsistentRead = true });
        Assert.True(order3.Item is null || order3.Item.Count == 0);
        Assert.Empty(await TestTables.ReadAllEventsAsync(_client, _options.TableName));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(50, 5)]
    [InlineData(2000, 90)]
    public async Task Commit_costs_one_request_whatever_the_number_of_events(int eventCount, int aggregates)
    {
        var options = new OutboxOptions { TableName = LocalDynamoDb.UniqueName("outbox-count") };
        await ConsistencyTables.CreateOutboxTableAsync(_client, options);
        _counter.Reset();
        var unitOfWork = new OutboxUnitOfWork(_client, options);
        unitOfWork.Put(OrderPut("count-" + eventCount));
        for (var i = 0; i < eventCount; i++)
        {
            unitOfWork.AddEvent(Events.Create("agg-" + (i % aggregates), i));
        }

        await unitOfWork.CommitAsync();

        Assert.Equal(1, _counter.Total);
        var events = await TestTables.ReadAllEventsAsync(_client, options.TableName);
        Assert.Equal(eventCount, events.Count);
        Assert.Equal(eventCount, events.Select(e => e.EventId).Distinct().Count());
        foreach (var aggregate in events.GroupBy(e => e.AggregateKey))
        {
            var sequences = aggregate.Select(Events.SequenceOf).ToList();
            Assert.Equal(sequences.Order(), sequences);
        }
    }

    [Fact]
    public async Task More_than_100_actions_fail_before_calling_DynamoDB()
    {
        var unitOfWork = new OutboxUnitOfWork(_client, _options);
        for (var i = 0; i < 98; i++)
        {
            unitOfWork.Put(OrderPut("limit-" + i));
        }

        // 98 writes + 3 aggregates = 101 actions.
        unitOfWork.AddEvent(Events.Create("a", 1)).AddEvent(Events.Create("b", 1)).AddEvent(Events.Create("c", 1));

        var exception = await Assert.ThrowsAsync<TransactionLimitExceededException>(() => unitOfWork.CommitAsync());

        Assert.Contains("101 actions", exception.Message, StringComparison.Ordinal);
        Assert.Contains("98 writes and 3 outbox items", exception.Message, StringComparison.Ordinal);
        Assert.Equal(0, _counter.Total);
    }

    [Fact]
    public async Task Exactly_100_actions_commit()
    {
        var unitOfWork = new OutboxUnitOfWork(_client, _options);
        for (var i = 0; i < 98; i++)
        {
            unitOfWork.Put(OrderPut("hundred-" + i));
        }

        unitOfWork.AddEvent(Events.Create("x", 1)).AddEvent(Events.Create("y", 1)).AddEvent(Events.Create("x", 2));

        await unitOfWork.CommitAsync();

        Assert.Equal(100, unitOfWork.BuildRequest().TransactItems.Count);
        Assert.Equal(1, _counter.Total);
        Assert.Equal(3, (await TestTables.ReadAllEventsAsync(_client, _options.TableName)).Count);
    }

    [Fact]
    public async Task Events_are_batched_into_items_under_400_KB()
    {
        var payload = "\"" + new string('p', 100 * 1024) + "\"";
        var unitOfWork = new OutboxUnitOfWork(_client, _options);
        for (var i = 0; i < 10; i++)
        {
            unitOfWork.AddEvent(Events.Create("big", i, payload));
        }

        var request = unitOfWork.BuildRequest();
        await unitOfWork.CommitAsync();

        // 10 events of 100 KB: 3 per item under the 380 KB default budget, so 4 items.
        Assert.Equal(4, request.TransactItems.Count);
        var items = (await TestTables.ScanAllAsync(_client, _options.TableName)).Where(i => i["aggregate_key"].S == "big").OrderBy(i => i["sk"].S, StringComparer.Ordinal).ToList();
        Assert.Equal(4, items.Count);
        Assert.Equal(["0", "1", "2", "3"], items.Select(i => i["chunk"].N));
        Assert.All(items, i => Assert.True(ItemSize.Of(i) < OutboxOptions.DynamoDbMaxItemBytes));
        var events = items.SelectMany(OutboxItems.ReadEvents).ToList();
        Assert.Equal(Enumerable.Range(0, 10), events.Select(Events.SequenceOf));
        Assert.All(events, e => Assert.Equal(payload, e.Payload));
    }

    [Fact]
    public async Task An_event_larger_than_an_item_fails_before_calling_DynamoDB()
    {
        var unitOfWork = new OutboxUnitOfWork(_client, _options);
        unitOfWork.AddEvent(Events.Create("huge", 1, "\"" + new string('h', 390 * 1024) + "\""));

        var exception = await Assert.ThrowsAsync<TransactionLimitExceededException>(() => unitOfWork.CommitAsync());

        Assert.Contains("huge-1", exception.Message, StringComparison.Ordinal);
        Assert.Equal(0, _counter.Total);
    }

    [Fact]
    public async Task More_than_4_MB_fails_before_calling_DynamoDB()
    {
        var payload = "\"" + new string('m', 300 * 1024) + "\"";
        var unitOfWork = new OutboxUnitOfWork(_client, _options);
        for (var i = 0; i < 15; i++)
        {
            unitOfWork.AddEvent(Events.Create("many-" + i, i, payload));
        }

        var exception = await Assert.ThrowsAsync<TransactionLimitExceededException>(() => unitOfWork.CommitAsync());

        Assert.Contains("4194304", exception.Message, StringComparison.Ordinal);
        Assert.Equal(0, _counter.Total);
    }

    [Fact]
    public async Task Retried_commit_after_a_lost_response_applies_once()
    {
        var unitOfWork = new OutboxUnitOfWork(_client, _options);
        unitOfWork.Update(new Update
        {
            TableName = _business,
            Key = TestTables.Key("counter-1"),
            UpdateExpression = "ADD #n :one",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#n"] = "n" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":one"] = new() { N = "1" } },
        });
        unitOfWork.AddEvent(Events.Create("counter-1", 1));
        var lose = 1;
        _counter.AfterResponse = (operation, _) =>
            operation == "TransactWriteItems" && Interlocked.Exchange(ref lose, 0) == 1 ? new HttpRequestException("connection reset after the server applied the request") : null;

        await Assert.ThrowsAnyAsync<Exception>(() => unitOfWork.CommitAsync());
        Assert.False(unitOfWork.IsCommitted);
        await unitOfWork.CommitAsync();

        Assert.Equal(2, _counter.Count("TransactWriteItems"));
        var counter = await _client.GetItemAsync(new GetItemRequest { TableName = _business, Key = TestTables.Key("counter-1"), ConsistentRead = true });
        Assert.Equal("1", counter.Item["n"].N);
        Assert.Single(await TestTables.ReadAllEventsAsync(_client, _options.TableName));
    }

    [Fact]
    public async Task Same_token_with_different_content_is_rejected()
    {
        var token = Guid.NewGuid().ToString("N");
        var first = new OutboxUnitOfWork(_client, _options, token);
        first.Put(OrderPut("token-a"));
        await first.CommitAsync();

        var second = new OutboxUnitOfWork(_client, _options, token);
        second.Put(OrderPut("token-b"));

        await Assert.ThrowsAsync<IdempotentParameterMismatchException>(() => second.CommitAsync());
        var b = await _client.GetItemAsync(new GetItemRequest { TableName = _business, Key = TestTables.Key("token-b"), ConsistentRead = true });
        Assert.True(b.Item is null || b.Item.Count == 0);
    }

    [Fact]
    public async Task Canceled_commit_sends_nothing()
    {
        var unitOfWork = new OutboxUnitOfWork(_client, _options);
        unitOfWork.Put(OrderPut("canceled"));
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => unitOfWork.CommitAsync(cancellation.Token));

        Assert.Equal(0, _counter.Total);
        Assert.False(unitOfWork.IsCommitted);
    }

    [Fact]
    public void Built_unit_of_work_accepts_no_more_changes()
    {
        var unitOfWork = new OutboxUnitOfWork(_client, _options);
        unitOfWork.Put(OrderPut("sealed"));
        unitOfWork.BuildRequest();

        Assert.Throws<InvalidOperationException>(() => unitOfWork.AddEvent(Events.Create("sealed", 1)));
        Assert.Throws<InvalidOperationException>(() => unitOfWork.Put(OrderPut("sealed-2")));
    }
}
