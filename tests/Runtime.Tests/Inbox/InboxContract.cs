using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Consistency.Runtime.Inbox;
using Consistency.Runtime.Tests.Infrastructure;

namespace Consistency.Runtime.Tests.Inbox;

public abstract class InboxContract : IAsyncLifetime
{
    protected ManualTimeProvider Clock { get; } = ManualTimeProvider.StartingNow();

    protected IInbox Inbox { get; set; } = null!;

    public abstract Task InitializeAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_first_consumer_wins()
    {
        var id = Guid.NewGuid().ToString();
        var decisions = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => Inbox.TryMarkProcessedAsync(id, null, CancellationToken.None))));

        Assert.Equal(1, decisions.Count(d => d == InboxDecision.Accepted));
        Assert.Equal(63, decisions.Count(d => d == InboxDecision.Duplicate));
        Assert.Equal(InboxDecision.Duplicate, await Inbox.CheckAsync(id, null, CancellationToken.None));
    }

    [Fact]
    public async Task A_message_whose_cause_is_not_processed_is_retried_later()
    {
        var cause = Guid.NewGuid().ToString();
        var effect = Guid.NewGuid().ToString();

        Assert.Equal(InboxDecision.RetryLater, await Inbox.CheckAsync(effect, cause, CancellationToken.None));
        Assert.Equal(InboxDecision.RetryLater, await Inbox.TryMarkProcessedAsync(effect, cause, CancellationToken.None));
        Assert.Equal(InboxDecision.Accepted, await Inbox.CheckAsync(effect, null, CancellationToken.None));

        Assert.Equal(InboxDecision.Accepted, await Inbox.TryMarkProcessedAsync(cause, null, CancellationToken.None));
        Assert.Equal(InboxDecision.Accepted, await Inbox.CheckAsync(effect, cause, CancellationToken.None));
        Assert.Equal(InboxDecision.Accepted, await Inbox.TryMarkProcessedAsync(effect, cause, CancellationToken.None));
        Assert.Equal(InboxDecision.Duplicate, await Inbox.TryMarkProcessedAsync(effect, cause, CancellationToken.None));
    }

    [Fact]
    public async Task Processed_ids_are_forgotten_after_their_time_to_live()
    {
        var id = Guid.NewGuid().ToString();
        Assert.Equal(InboxDecision.Accepted, await Inbox.TryMarkProcessedAsync(id, null, CancellationToken.None));

        Clock.Advance(TimeSpan.FromDays(14) - TimeSpan.FromMinutes(1));
        Assert.Equal(InboxDecision.Duplicate, await Inbox.CheckAsync(id, null, CancellationToken.None));
        Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(InboxDecision.Accepted, await Inbox.CheckAsync(id, null, CancellationToken.None));
        Assert.Equal(InboxDecision.Accepted, await Inbox.TryMarkProcessedAsync(id, null, CancellationToken.None));
    }
}
