using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using Consistency.Runtime.Inbox;
using Consistency.Runtime.Outbox;

namespace Consistency.Runtime.Tests.Infrastructure;

/// <summary>A consumer that deduplicates with an inbox and checks the per-aggregate order of what it applies.</summary>
public sealed class InboxConsumer(Func<EventEnvelope, CancellationToken, Task<InboxDecision>> apply)
{
    private readonly ConcurrentDictionary<string, int> _lastSequence = new(StringComparer.Ordinal);
    private int _duplicates;
    private int _orderViolations;

    public ConcurrentDictionary<string, int> Applied { get; } = new(StringComparer.Ordinal);

    public int Duplicates => Volatile.Read(ref _duplicates);

    public int OrderViolations => Volatile.Read(ref _orderViolations);

    public async Task ReceiveAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        var decision = await apply(envelope, cancellationToken);
        if (decision == InboxDecision.Duplicate)
        {
            Interlocked.Increment(ref _duplicates);
            return;
        }

        Assert.Equal(InboxDecision.Accepted, decision);
        Applied.AddOrUpdate(envelope.EventId, 1, (_, n) => n + 1);
        var sequence = Events.SequenceOf(envelope);
        var previous = _lastSequence.GetOrAdd(envelope.AggregateKey, -1);
        if (previous >= sequence)
        {
            Interlocked.Increment(ref _orderViolations);
        }

        _lastSequence[envelope.AggregateKey] = sequence;
    }
}
