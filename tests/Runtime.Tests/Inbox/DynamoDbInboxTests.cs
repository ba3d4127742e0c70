using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Consistency.Runtime.DynamoDb;
using Consistency.Runtime.Inbox;
using Consistency.Runtime.Outbox;
using Consistency.Runtime.Tests.Infrastructure;

namespace Consistency.Runtime.Tests.Inbox;

public sealed class DynamoDbInboxTests : InboxContract
{
    private readonly string _table = LocalDynamoDb.UniqueName("inbox");
    private readonly string _business = LocalDynamoDb.UniqueName("inbox-business");
    private AmazonDynamoDBClient _client = null!;
    private RequestCounter _counter = null!;
    private DynamoDbInbox _inbox = null!;

    public override async Task InitializeAsync()
    {
        (_client, _counter) = await LocalDynamoDb.CreateClientAsync();
        await ConsistencyTables.CreateInboxTableAsync(_client, _table);
        await TestTables.CreateBusinessTableAsync(_client, _business);
        _inbox = new DynamoDbInbox(_client, new InboxOptions { TableName = _table, ConsumerName = "billing", TimeProvider = Clock });
        Inbox = _inbox;
    }

    public override Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }

    private OutboxUnitOfWork Credit(string account)
    {
        var unitOfWork = new OutboxUnitOfWork(_client, new OutboxOptions());
        unitOfWork.Update(new Update
        {
            TableName = _business,
            Key = TestTables.Key(account),
            UpdateExpression = "ADD #balance :ten",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#balance"] = "balance" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":ten"] = new() { N = "10" } },
        });
        return unitOfWork;
    }

    private async Task<string?> BalanceAsync(string account) =>
        (await _client.GetItemAsync(new GetItemRequest { TableName = _business, Key = TestTables.Key(account), ConsistentRead = true })).Item is { Count: > 0 } item
            ? item["balance"].N
            : null;

    [Fact]
    public async Task Marker_and_effect_commit_together_in_one_request_and_a_duplicate_writes_nothing()
    {
        _counter.Reset();
        Assert.Equal(InboxDecision.Accepted, await _inbox.CommitAsync(Credit("acc-1"), "msg-1", null, CancellationToken.None));
        Assert.Equal(1, _counter.Total);

        Assert.Equal(InboxDecision.Duplicate, await _inbox.CommitAsync(Credit("acc-1"), "msg-1", null, CancellationToken.None));
        Assert.Equal("10", await BalanceAsync("acc-1"));
    }

    [Fact]
    public async Task A_transactional_message_whose_cause_is_missing_writes_nothing()
    {
        Assert.Equal(InboxDecision.RetryLater, await _inbox.CommitAsync(Credit("acc-2"), "msg-2", "cause-2", CancellationToken.None));
        Assert.Null(await BalanceAsync("acc-2"));
        Assert.Equal(InboxDecision.Accepted, await _inbox.CheckAsync("msg-2", null, CancellationToken.None));

        Assert.Equal(InboxDecision.Accepted, await _inbox.TryMarkProcessedAsync("cause-2", null, CancellationToken.None));
        Assert.Equal(InboxDecision.Accepted, await _inbox.CommitAsync(Credit("acc-2"), "msg-2", "cause-2", CancellationToken.None));
        Assert.Equal("10", await BalanceAsync("acc-2"));
    }

    [Fact]
    public async Task Markers_are_namespaced_by_consumer_and_carry_a_numeric_ttl()
    {
        await _inbox.TryMarkProcessedAsync("cause-x", null, CancellationToken.None);
        Assert.Equal(InboxDecision.Accepted, await _inbox.TryMarkProcessedAsync("msg-3", "cause-x", CancellationToken.None));
        var other = new DynamoDbInbox(_client, new InboxOptions { TableName = _table, ConsumerName = "shipping", TimeProvider = Clock });

        Assert.Equal(InboxDecision.Accepted, await other.TryMarkProcessedAsync("msg-3", null, CancellationToken.None));
        var item = (await _client.GetItemAsync(new GetItemRequest
        {
            TableName = _table,
            Key = new Dictionary<string, AttributeValue> { ["id"] = new() { S = "billing#msg-3" } },
            ConsistentRead = true,
        })).Item;
        Assert.Equal(Clock.GetUtcNow().AddDays(14).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), item["expiration"].N);
        Assert.Null(item["expiration"].S);
        Assert.Equal("cause-x", item["causation_id"].S);
    }
}
