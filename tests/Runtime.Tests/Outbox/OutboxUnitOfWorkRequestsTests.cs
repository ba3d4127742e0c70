using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Consistency.Runtime.DynamoDb;
using Consistency.Runtime.Outbox;
using Consistency.Runtime.Tests.Infrastructure;

namespace Consistency.Runtime.Tests.Outbox;

/// <summary>The low-level requests that the CH0001 outbox fix moves into a unit of work.</summary>
public sealed class OutboxUnitOfWorkRequestsTests : IAsyncLifetime
{
    private AmazonDynamoDBClient _client = null!;
    private readonly string _business = LocalDynamoDb.UniqueName("business");
    private readonly OutboxOptions _options = new() { TableName = LocalDynamoDb.UniqueName("outbox") };

    public async Task InitializeAsync()
    {
        (_client, _) = await LocalDynamoDb.CreateClientAsync(maxErrorRetry: 0);
        await TestTables.CreateBusinessTableAsync(_client, _business);
        await ConsistencyTables.CreateOutboxTableAsync(_client, _options);
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }

    private static Dictionary<string, AttributeValue> Key(string id) => new() { ["pk"] = new() { S = id } };

    [Fact]
    public void Requests_map_to_transaction_actions_with_their_conditions_and_expressions()
    {
        var unitOfWork = new OutboxUnitOfWork(_client, _options);
        unitOfWork.AddPutItem(new PutItemRequest
        {
            TableName = "orders",
            Item = Key("o-1"),
            ConditionExpression = "attribute_not_exists(#pk)",
            ExpressionAttributeNames = new() { ["#pk"] = "pk" },
            ReturnValues = ReturnValue.ALL_OLD,
        });
        unitOfWork.AddUpdateItem(new UpdateItemRequest
        {
            TableName = "orders",
            Key = Key("o-2"),
            UpdateExpression = "SET #s = :s",
            ExpressionAttributeNames = new() { ["#s"] = "status" },
            ExpressionAttributeValues = new() { [":s"] = new() { S = "paid" } },
        });
        unitOfWork.AddDeleteItem(new DeleteItemRequest { TableName = "orders", Key = Key("o-3"), ConditionExpression = "attribute_exists(pk)" });
        unitOfWork.AddTransactWriteItems(new TransactWriteItemsRequest
        {
            TransactItems = new() { new TransactWriteItem { ConditionCheck = new ConditionCheck { TableName = "orders", Key = Key("o-4"), ConditionExpression = "attribute_exists(pk)" } } },
        });

        var items = unitOfWork.BuildRequest().TransactItems;

        Assert.Equal(4, items.Count);
        Assert.Equal("attribute_not_exists(#pk)", items[0].Put.ConditionExpression);
        Assert.Equal("pk", items[0].Put.ExpressionAttributeNames["#pk"]);
        Assert.Equal("o-1", items[0].Put.Item["pk"].S);
        Assert.Equal("SET #s = :s", items[1].Update.UpdateExpression);
        Assert.Equal("paid", items[1].Update.ExpressionAttributeValues[":s"].S);
        Assert.Equal("o-3", items[2].Delete.Key["pk"].S);
        Assert.Equal("o-4", items[3].ConditionCheck.Key["pk"].S);
    }

    [Fact]
    public void What_a_transaction_cannot_carry_is_rejected_not_dropped()
    {
        var unitOfWork = new OutboxUnitOfWork(_client, _options);

        Assert.Throws<NotSupportedException>(() => unitOfWork.AddPutItem(new PutItemRequest
        {
            TableName = "orders",
            Item = Key("o-1"),
            Expected = new() { ["pk"] = new ExpectedAttributeValue { Exists = false } },
        }));
        Assert.Throws<NotSupportedException>(() => unitOfWork.AddUpdateItem(new UpdateItemRequest
        {
            TableName = "orders",
            Key = Key("o-1"),
            AttributeUpdates = new() { ["status"] = new AttributeValueUpdate { Action = AttributeAction.PUT, Value = new() { S = "x" } } },
        }));
        Assert.Throws<NotSupportedException>(() => unitOfWork.AddDeleteItem(new DeleteItemRequest { TableName = "orders", Key = Key("o-1"), ConditionalOperator = ConditionalOperator.AND }));
        Assert.Throws<NotSupportedException>(() => unitOfWork.AddTransactWriteItems(new TransactWriteItemsRequest { ClientRequestToken = "t", TransactItems = new() }));
        Assert.Equal(0, unitOfWork.ActionCount);
    }

    [Fact]
    public async Task A_put_and_a_direct_message_commit_together_and_the_message_reads_back_unchanged()
    {
        var unitOfWork = new OutboxUnitOfWork(_client, _options);
        unitOfWork.AddPutItem(new PutItemRequest { TableName = _business, Item = Key("order-1"), ConditionExpression = "attribute_not_exists(pk)" });
        unitOfWork.AddEvent(OutboxMessages.ToQueue("https://sqs.eu-west-1.amazonaws.com/1/orders", "{\"id\":\"order-1\"}"));
        await unitOfWork.CommitAsync();

        var order = await _client.GetItemAsync(new GetItemRequest { TableName = _business, Key = Key("order-1"), ConsistentRead = true });
        var outbox = await _client.ScanAsync(new ScanRequest { TableName = _options.TableName, ConsistentRead = true });
        Assert.True(order.IsItemSet);
        var stored = Assert.Single(outbox.Items);
        var envelope = Assert.Single(OutboxItems.ReadEvents(stored));
        Assert.True(OutboxMessages.TryRead(envelope, out var message));
        Assert.Equal(new OutboxMessage(OutboxMessageTarget.Queue, "https://sqs.eu-west-1.amazonaws.com/1/orders", "{\"id\":\"order-1\"}", null), message);
    }

    [Fact]
    public async Task A_failed_condition_writes_neither_the_item_nor_the_message()
    {
        await _client.PutItemAsync(new PutItemRequest { TableName = _business, Item = Key("order-2") });
        var unitOfWork = new OutboxUnitOfWork(_client, _options);
        unitOfWork.AddPutItem(new PutItemRequest { TableName = _business, Item = Key("order-2"), ConditionExpression = "attribute_not_exists(pk)" });
        unitOfWork.AddEvent(OutboxMessages.ToTopic("arn:aws:sns:eu-west-1:1:orders", "order-2"));

        await Assert.ThrowsAsync<UnitOfWorkCanceledException>(() => unitOfWork.CommitAsync());

        var outbox = await _client.ScanAsync(new ScanRequest { TableName = _options.TableName, ConsistentRead = true });
        Assert.Empty(outbox.Items ?? new List<Dictionary<string, AttributeValue>>());
    }
}
