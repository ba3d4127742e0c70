using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Consistency.Runtime.DynamoDb;
using Consistency.Runtime.Idempotency;
using Consistency.Runtime.Outbox;
using Consistency.Runtime.Tests.Infrastructure;

namespace Consistency.Runtime.Tests.Idempotency;

public sealed class TransactionalIdempotencyTests : IAsyncLifetime
{
    private readonly string _idempotencyTable = LocalDynamoDb.UniqueName("tx-idempotency");
    private readonly string _business = LocalDynamoDb.UniqueName("tx-business");
    private readonly OutboxOptions _outbox = new() { TableName = LocalDynamoDb.UniqueName("tx-outbox") };
    private readonly ManualTimeProvider _clock = ManualTimeProvider.StartingNow();
    private AmazonDynamoDBClient _client = null!;
    private RequestCounter _counter = null!;
    private DynamoDbIdempotencyStore _store = null!;
    private OutboxUnitOfWorkFactory _factory = null!;

    public async Task InitializeAsync()
    {
        (_client, _counter) = await LocalDynamoDb.CreateClientAsync();
        await ConsistencyTables.CreateIdempotencyTableAsync(_client, _idempotencyTable);
        await ConsistencyTables.CreateOutboxTableAsync(_client, _outbox);
        await TestTables.CreateBusinessTableAsync(_client, _business);
        _store = new DynamoDbIdempotencyStore(_client, _idempotencyTable);
        _factory = new OutboxUnitOfWorkFactory(_client, _outbox);
        _counter.Reset();
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }

    private IdempotencyHandler Handler(IIdempotencyStore? store = null) => new(store ?? _store, unitOfWorkFactory: _factory, timeProvider: _clock);

    /// <summary>The business operation: count one payment of an order and publish an event.</summary>
    private Func<OutboxUnitOfWork, CancellationToken, Task<string>> Pay(string orderId, Action? onRun = null) => (unitOfWork, _) =>
    {
        onRun?.Invoke();
        unitOfWork.Update(new Update
        {
            TableName = _business,
            Key = TestTables.Key(orderId),
            UpdateExpression = "ADD #payments :one",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#payments"] = "payments" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":one"] = new() { N = "1" } },
        });
        unitOfWork.AddEvent(Events.Create(orderId, 1, eventId: Guid.NewGuid().ToString("N")));
        return Task.FromResult("{\"paid\":\"" + orderId + "\"}");
    };

    private async Task<int> PaymentsAsync(string orderId)
    {
        var item = (await _client.GetItemAsync(new GetItemRequest { TableName = _business, Key = TestTables.Key(orderId), ConsistentRead = true })).Item;
        return item is { Count: > 0 } && item.TryGetValue("payments", out var n) ? int.Parse(n.N, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    [Fact]
    public async Task Optimistic_happy_path_costs_one_request_and_commits_record_with_the_business_write()
    {
        var result = await Handler().ExecuteTransactionalAsync("pay#o1", "h", Pay("o1"));

        Assert.Equal("{\"paid\":\"o1\"}", result);
        Assert.Equal(1, _counter.Total);
        Assert.Equal(1, _counter.Count("TransactWriteItems"));
        Assert.Equal(1, await PaymentsAsync("o1"));
        var record = await _store.GetAsync("pay#o1", CancellationToken.None);
        Assert.Equal(IdempotencyStatus.Completed, record!.Status);
        Assert.Equal(result, record.Data);
        Assert.Single(await TestTables.ReadAllEventsAsync(_client, _outbox.TableName));
    }

    [Fact]
    public async Task Lock_then_write_then_complete_like_Powertools_costs_three_requests()
    {
        var handler = Handler();
        await handler.ExecuteAsync("pay#o2", "h", async ct =>
        {
            var unitOfWork = _factory.Create();
            var result = await Pay("o2")(unitOfWork, ct);
            await unitOfWork.CommitAsync(ct);
            return result;
        });

        Assert.Equal(3, _counter.Total);
        Assert.Equal(2, _counter.Count("PutItem"));
        Assert.Equal(1, _counter.Count("TransactWriteItems"));
    }

    [Fact]
    public async Task Lock_mode_costs_two_requests()
    {
        await Handler().ExecuteTransactionalAsync("pay#o3", "h", Pay("o3"), new IdempotencyOptions { TransactionalMode = TransactionalIdempotencyMode.Lock });

        Assert.Equal(2, _counter.Total);
        Assert.Equal(1, _counter.Count("PutItem"));
        Assert.Equal(1, _counter.Count("TransactWriteItems"));
        Assert.Equal(1, await PaymentsAsync("o3"));
        Assert.Equal(IdempotencyStatus.Completed, (await _store.GetAsync("pay#o3", CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Optimistic_replay_discards_the_duplicate_writes_and_returns_the_stored_result()
    {
        var noCache = new IdempotencyOptions { UseLocalCache = false };
        var first = await Handler().ExecuteTransactionalAsync("pay#o4", "h", Pay("o4"), noCache);
        _counter.Reset();
        var second = await Handler().ExecuteTransactionalAsync("pay#o4", "h", (u, ct) => Pay("o4")(u, ct).ContinueWith(_ => "other result", TaskScheduler.Default), noCache);
        var requests = _counter.Total;

        Assert.Equal(first, second);
        Assert.Equal(1, await PaymentsAsync("o4"));
        Assert.Single(await TestTables.ReadAllEventsAsync(_client, _outbox.TableName));

        // The canceled transaction returned the stored record (ALL_OLD): no extra read.
        Assert.Equal(1, requests);
    }

    [Fact]
    public async Task Sixty_four_concurrent_optimistic_invocations_commit_the_business_write_once()
    {
        var noCache = new IdempotencyOptions { UseLocalCache = false, MaxConflictRetries = 20 };
        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                try
                {
                    return await Handler().ExecuteTransactionalAsync("pay#o5", "h", Pay("o5"), noCache);
                }
                catch (IdempotencyAlreadyInProgressException)
                {
                    await Task.Delay(10);
                }
            }
        })));

        Assert.All(results, r => Assert.Equal("{\"paid\":\"o5\"}", r));
        Assert.Equal(1, await PaymentsAsync("o5"));
        Assert.Single(await TestTables.ReadAllEventsAsync(_client, _outbox.TableName));
    }

    [Fact]
    public async Task Sixty_four_concurrent_lock_mode_invocations_run_the_work_once()
    {
        var options = new IdempotencyOptions { UseLocalCache = false, TransactionalMode = TransactionalIdempotencyMode.Lock };
        var runs = 0;
        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                try
                {
                    return await Handler().ExecuteTransactionalAsync("pay#o6", "h", Pay("o6", () => Interlocked.Increment(ref runs)), options);
                }
                catch (IdempotencyAlreadyInProgressException)
                {
                    await Task.Delay(10);
                }
            }
        })));

        Assert.Equal(1, runs);
        Assert.All(results, r => Assert.Equal("{\"paid\":\"o6\"}", r));
        Assert.Equal(1, await PaymentsAsync("o6"));
    }

    [Fact]
    public async Task Work_that_throws_writes_nothing_in_either_mode()
    {
        foreach (var mode in new[] { TransactionalIdempotencyMode.Optimistic, TransactionalIdempotencyMode.Lock })
        {
            var key = "pay#fail-" + mode;
            await Assert.ThrowsAsync<InvalidOperationException>(() => Handler().ExecuteTransactionalAsync(
                key,
                "h",
                async (unitOfWork, ct) =>
                {
                    await Pay("o7")(unitOfWork, ct);
                    throw new InvalidOperationException("card declined");
                },
                new IdempotencyOptions { TransactionalMode = mode }));

            Assert.Null(await _store.GetAsync(key, CancellationToken.None));
        }

        Assert.Equal(0, await PaymentsAsync("o7"));
        Assert.Empty(await TestTables.ReadAllEventsAsync(_client, _outbox.TableName));
    }

    [Fact]
    public async Task Lock_mode_whose_claim_was_taken_over_commits_nothing()
    {
        var options = new IdempotencyOptions { TransactionalMode = TransactionalIdempotencyMode.Lock, InProgressExpiration = TimeSpan.FromSeconds(10), UseLocalCache = false };
        var slow = Handler().ExecuteTransactionalAsync("pay#o8", "h", async (unitOfWork, ct) =>
        {
            var result = await Pay("o8")(unitOfWork, ct);

            // While this invocation works, its claim expires and another invocation takes the key over.
            _clock.Advance(TimeSpan.FromSeconds(11));
            Assert.Equal("fast", await Handler().ExecuteTransactionalAsync("pay#o8", "h", async (u, c) => { await Pay("o8")(u, c); return "fast"; }, options));
            return result;
        }, options);

        var exception = await Assert.ThrowsAsync<IdempotencyPersistenceException>(() => slow);
        Assert.Contains("took it over", exception.Message, StringComparison.Ordinal);
        Assert.Equal(1, await PaymentsAsync("o8"));
        Assert.Equal("fast", (await _store.GetAsync("pay#o8", CancellationToken.None))!.Data);
    }

    [Fact]
    public async Task Business_condition_failure_propagates_and_leaves_no_record()
    {
        await _client.PutItemAsync(new PutItemRequest { TableName = _business, Item = new Dictionary<string, AttributeValue> { ["pk"] = new() { S = "taken" } } });
        _counter.Reset();

        var exception = await Assert.ThrowsAsync<UnitOfWorkCanceledException>(() => Handler().ExecuteTransactionalAsync("create#taken", "h", (unitOfWork, _) =>
        {
            unitOfWork.Put(new Put
            {
                TableName = _business,
                Item = new Dictionary<string, AttributeValue> { ["pk"] = new() { S = "taken" } },
                ConditionExpression = "attribute_not_exists(pk)",
            });
            return Task.FromResult("created");
        }));
        var requests = _counter.Total;

        Assert.Equal("ConditionalCheckFailed", Assert.Single(exception.Failures).Code);
        Assert.Null(await _store.GetAsync("create#taken", CancellationToken.None));
        Assert.Equal(1, requests);
    }

    [Fact]
    public async Task A_store_outside_DynamoDB_falls_back_to_claim_commit_complete()
    {
        var store = new InMemoryIdempotencyStore();
        var handler = Handler(store);

        var first = await handler.ExecuteTransactionalAsync("pay#o9", "h", Pay("o9"));
        var second = await handler.ExecuteTransactionalAsync("pay#o9", "h", Pay("o9"));
        var requests = _counter.Total;

        Assert.Equal(first, second);
        Assert.Equal(1, requests);
        Assert.Equal(1, await PaymentsAsync("o9"));
        Assert.Equal(IdempotencyStatus.Completed, (await store.GetAsync("pay#o9", CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Without_a_unit_of_work_factory_the_transactional_call_says_what_is_missing()
    {
        var handler = new IdempotencyHandler(_store);
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => handler.ExecuteTransactionalAsync("k", null, Pay("o10")));
        Assert.Contains("OutboxUnitOfWorkFactory", exception.Message, StringComparison.Ordinal);
    }
}
