using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
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

    public int Calls => Volatile.Read(ref _calls);

    public Task PublishAsync(IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
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
