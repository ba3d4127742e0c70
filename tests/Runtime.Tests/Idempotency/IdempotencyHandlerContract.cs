using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Consistency.Runtime.Idempotency;
using Consistency.Runtime.Tests.Infrastructure;

namespace Consistency.Runtime.Tests.Idempotency;

/// <summary>The semantics every store must give the handler; run against DynamoDB Local and in memory.</summary>
public abstract class IdempotencyHandlerContract : IAsyncLifetime
{
    protected ManualTimeProvider Clock { get; } = ManualTimeProvider.StartingNow();

    protected IIdempotencyStore Store { get; set; } = null!;

    public abstract Task InitializeAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private IdempotencyHandler NewHandler() => new(Store, timeProvider: Clock);

    private static readonly IdempotencyOptions NoCache = new() { UseLocalCache = false };

    private static string Key() => IdempotencyHash.ComposeKey("tests.op", Guid.NewGuid().ToString());

    [Fact]
    public async Task Replay_returns_the_stored_result_without_running_again()
    {
        var key = Key();
        var runs = 0;
        var first = await NewHandler().ExecuteAsync(key, "h1", _ => Task.FromResult("result-" + Interlocked.Increment(ref runs)), NoCache);
        var second = await NewHandler().ExecuteAsync(key, "h1", _ => Task.FromResult("result-" + Interlocked.Increment(ref runs)), NoCache);

        Assert.Equal("result-1", first);
        Assert.Equal("result-1", second);
        Assert.Equal(1, runs);
        var record = await Store.GetAsync(key, CancellationToken.None);
        Assert.NotNull(record);
        Assert.Equal(IdempotencyStatus.Completed, record.Status);
        Assert.Equal("h1", record.ValidationHash);
        Assert.Equal(Clock.GetUtcNow().AddHours(1).ToUnixTimeSeconds(), record.ExpiresAtEpochSeconds);
    }

    [Fact]
    public async Task Concurrent_invocations_with_one_key_run_the_work_exactly_once()
    {
        var key = Key();
        var runs = 0;
        using var release = new SemaphoreSlim(0);
        var handler = NewHandler();
        async Task<string> Invoke()
        {
            // A duplicate that finds the work in progress is redelivered later, as a queue would.
            while (true)
            {
                try
                {
                    return await handler.ExecuteAsync(key, "same", async _ =>
                    {
                        var run = Interlocked.Increment(ref runs);
                        await release.WaitAsync();
                        return "done-by-run-" + run;
                    }, NoCache);
                }
                catch (IdempotencyAlreadyInProgressException)
                {
                    release.Release();
                    await Task.Delay(20);
                }
            }
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(Invoke)));

        Assert.Equal(1, runs);
        Assert.All(results, r => Assert.Equal("done-by-run-1", r));
    }

    [Fact]
    public async Task A_duplicate_during_the_work_is_told_it_is_in_progress()
    {
        var key = Key();
        using var inWork = new SemaphoreSlim(0);
        using var finish = new SemaphoreSlim(0);
        var handler = NewHandler();
        var first = handler.ExecuteAsync(key, null, async _ =>
        {
            inWork.Release();
            await finish.WaitAsync();
            return "first";
        }, NoCache);
        await inWork.WaitAsync();

        var exception = await Assert.ThrowsAsync<IdempotencyAlreadyInProgressException>(() => handler.ExecuteAsync(key, null, _ => Task.FromResult("second"), NoCache));
        finish.Release();

        Assert.Equal(key, exception.Key);
        Assert.Equal(Clock.GetUtcNow().AddSeconds(60), exception.InProgressUntil);
        Assert.Equal("first", await first);
    }

    [Fact]
    public async Task Failed_work_releases_the_key_so_a_retry_runs_it()
    {
        var key = Key();
        var handler = NewHandler();

        await Assert.ThrowsAsync<TimeoutException>(() => handler.ExecuteAsync(key, null, _ => throw new TimeoutException("downstream"), NoCache));
        Assert.Null(await Store.GetAsync(key, CancellationToken.None));

        Assert.Equal("second try", await handler.ExecuteAsync(key, null, _ => Task.FromResult("second try"), NoCache));
    }

    [Fact]
    public async Task Same_key_with_another_payload_is_rejected()
    {
        var key = Key();
        var handler = NewHandler();
        await handler.ExecuteAsync(key, "payload-a", _ => Task.FromResult("a"));

        var exception = await Assert.ThrowsAsync<IdempotencyPayloadMismatchException>(() => handler.ExecuteAsync(key, "payload-b", _ => Task.FromResult("b")));
        Assert.Equal(key, exception.Key);

        // Without validation the stored result is replayed.
        Assert.Equal("a", await NewHandler().ExecuteAsync(key, "payload-b", _ => Task.FromResult("b"), new IdempotencyOptions { ValidatePayload = false }));
    }

    [Fact]
    public async Task Crash_between_in_progress_and_completed_is_recovered_after_the_in_progress_expiry()
    {
        var key = Key();
        var options = new IdempotencyOptions { InProgressExpiration = TimeSpan.FromSeconds(30), UseLocalCache = false };

        // The first process claims the key and dies before completing: its record stays IN_PROGRESS.
        var now = Clock.GetUtcNow();
        var claim = await Store.TryClaimAsync(
            new IdempotencyRecord(key, IdempotencyStatus.InProgress, now.AddHours(1).ToUnixTimeSeconds(), now.AddSeconds(30).ToUnixTimeMilliseconds(), null, null),
            now.ToUnixTimeMilliseconds(),
            CancellationToken.None);
        Assert.True(claim.Claimed);

        var handler = NewHandler();
        Clock.Advance(TimeSpan.FromSeconds(29));
        await Assert.ThrowsAsync<IdempotencyAlreadyInProgressException>(() => handler.ExecuteAsync(key, null, _ => Task.FromResult("too early"), options));

        Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("recovered", await handler.ExecuteAsync(key, null, _ => Task.FromResult("recovered"), options));
        Assert.Equal(IdempotencyStatus.Completed, (await Store.GetAsync(key, CancellationToken.None))!.Status);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_slow_invocation_whose_claim_was_taken_over_leaves_the_new_record_alone(bool slowOneFails)
    {
        var key = Key();
        var options = new IdempotencyOptions { InProgressExpiration = TimeSpan.FromSeconds(30), UseLocalCache = false };
        using var inWork = new SemaphoreSlim(0);
        using var finish = new SemaphoreSlim(0);
        var slow = NewHandler().ExecuteAsync(key, null, async _ =>
        {
            inWork.Release();
            await finish.WaitAsync();
            return slowOneFails ? throw new TimeoutException("too slow") : "slow";
        }, options);
        await inWork.WaitAsync();

        Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal("fast", await NewHandler().ExecuteAsync(key, null, _ => Task.FromResult("fast"), options));
        finish.Release();
        if (slowOneFails)
        {
            await Assert.ThrowsAsync<TimeoutException>(() => slow);
        }
        else
        {
            Assert.Equal("slow", await slow);
        }

        var record = await Store.GetAsync(key, CancellationToken.None);
        Assert.Equal(IdempotencyStatus.Completed, record!.Status);
        Assert.Equal("fast", record.Data);
    }

    [Fact]
    public async Task An_expired_completed_record_lets_the_work_run_again()
    {
        var key = Key();
        var options = new IdempotencyOptions { Expiration = TimeSpan.FromMinutes(5) };
        var handler = NewHandler();
        Assert.Equal("v1", await handler.ExecuteAsync(key, null, _ => Task.FromResult("v1"), options));

        Clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal("v1", await handler.ExecuteAsync(key, null, _ => Task.FromResult("v2"), options));
        Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("v2", await handler.ExecuteAsync(key, null, _ => Task.FromResult("v2"), options));
    }

    [Fact]
    public async Task Canceled_before_claiming_runs_nothing()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        var ran = false;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => NewHandler().ExecuteAsync(Key(), null, _ =>
        {
            ran = true;
            return Task.FromResult("x");
        }, NoCache, cancellation.Token));

        Assert.False(ran);
    }
}
