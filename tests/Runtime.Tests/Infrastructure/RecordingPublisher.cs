using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Consistency.Runtime.Outbox;
using Consistency.Runtime.Relay;

namespace Consistency.Runtime.Tests.Infrastructure;

/// <summary>A broker stand-in: records what it accepted and fails when told to.</summary>
public sealed class RecordingPublisher : IOutboxPublisher
{
    private int _calls;

    /// <summary>Returns true to fail the publish of a batch (before anything of it is accepted).</summary>
    public Func<IReadOnlyList<EventEnvelope>, bool> ShouldFail { get; set; } = _ => false;

    public ConcurrentQueue<EventEnvelope> Published { get; } = new();

    /// <summary>The id of every event offered to the broker, accepted or not, in order.</summary>
    public ConcurrentQueue<string> Attempts { get; } = new();

    public int Calls => Volatile.Read(ref _calls);

    public IReadOnlyList<string> PublishedIds => Published.Select(e => e.EventId).ToList();

    public IReadOnlyList<string> PublishedIdsOf(string aggregate) => Published.Where(e => e.AggregateKey == aggregate).Select(e => e.EventId).ToList();

    public Task PublishAsync(IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        foreach (var envelope in events)
        {
            Attempts.Enqueue(envelope.EventId);
        }

        if (ShouldFail(events))
        {
            throw new InvalidOperationException("broker rejected the batch");
        }

        foreach (var envelope in events)
        {
            Published.Enqueue(envelope);
        }

        return Task.CompletedTask;
    }
}
