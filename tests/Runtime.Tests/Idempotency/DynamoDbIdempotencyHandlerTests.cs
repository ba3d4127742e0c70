using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Consistency.Runtime.DynamoDb;
using Consistency.Runtime.Idempotency;
using Consistency.Runtime.Tests.Infrastructure;

namespace Consistency.Runtime.Tests.Idempotency;

public sealed class DynamoDbIdempotencyHandlerTests : IdempotencyHandlerContract
{
    private readonly string _table = LocalDynamoDb.UniqueName("idempotency");
    private AmazonDynamoDBClient _client = null!;
    private RequestCounter _counter = null!;

    public override async Task InitializeAsync()
    {
        (_client, _counter) = await LocalDynamoDb.CreateClientAsync();
        await ConsistencyTables.CreateIdempotencyTableAsync(_client, _table);
        Store = new DynamoDbIdempotencyStore(_client, _table);
        _counter.Reset();
    }

    public override Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Records_have_the_Powertools_shape()
    {
        var key = "orders.place#abc";
        var handler = new IdempotencyHandler(Store, timeProvider: Clock);
        using var inWork = new SemaphoreSlim(0);
        using var finish = new SemaphoreSlim(0);
        var running = handler.ExecuteAsync(key, "hash-1", async _ =>
        {
            inWork.Release();
            await finish.WaitAsync();
            return "{\"orderId\":42}";
        });
        await inWork.WaitAsync();
        var inProgress = await GetRawAsync(key);
        finish.Release();
        await running;
        var completed = await GetRawAsync(key);

        var now = Clock.GetUtcNow();
        Assert.Equal("INPROGRESS", inProgress["status"].S);
        Assert.Equal(now.AddHours(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), inProgress["expiration"].N);
        Assert.Equal(now.AddSeconds(60).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), inProgress["in_progress_expiration"].N);
        Assert.Equal("hash-1", inProgress["validation"].S);
        Assert.False(inProgress.ContainsKey("data"));

        Assert.Equal("COMPLETED", completed["status"].S);
        Assert.Equal("{\"orderId\":42}", completed["data"].S);
        Assert.Equal(now.AddHours(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), completed["expiration"].N);
        Assert.Equal("hash-1", completed["validation"].S);
    }

    [Fact]
    public async Task Happy_path_costs_claim_and_complete_and_a_cached_replay_costs_nothing()
    {
        var handler = new IdempotencyHandler(Store, timeProvider: Clock);
        await handler.ExecuteAsync("k-requests", null, _ => Task.FromResult("r"));
        Assert.Equal(2, _counter.Count("PutItem"));
        Assert.Equal(2, _counter.Total);

        await handler.ExecuteAsync("k-requests", null, _ => Task.FromResult("r"));
        Assert.Equal(2, _counter.Total);
    }

    [Fact]
    public async Task A_record_in_an_unknown_shape_is_a_persistence_error()
    {
        await _client.PutItemAsync(new PutItemRequest
        {
            TableName = _table,
            Item = new Dictionary<string, AttributeValue>
            {
                ["id"] = new() { S = "broken" },
                ["status"] = new() { S = "WEIRD" },
                ["expiration"] = new() { N = "9999999999" },
            },
        });

        var exception = await Assert.ThrowsAsync<IdempotencyPersistenceException>(() => Store.GetAsync("broken", CancellationToken.None));
        Assert.Contains("WEIRD", exception.Message, StringComparison.Ordinal);
    }

    private async Task<Dictionary<string, AttributeValue>> GetRawAsync(string key) =>
        (await _client.GetItemAsync(new GetItemRequest
        {
            TableName = _table,
            Key = new Dictionary<string, AttributeValue> { ["id"] = new() { S = key } },
            ConsistentRead = true,
        })).Item;
}
