using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Consistency.Runtime.Outbox;

namespace Consistency.Runtime.Relay;

/// <summary>Creates <see cref="IOutboxPublisher"/>s from delegates, so that wiring a broker client is one line.</summary>
public static class OutboxPublisher
{
    /// <summary>A publisher that sends one event at a time, in order.</summary>
    /// <param name="publishOne">Sends one event; throws when the broker did not accept it.</param>
    /// <returns>The publisher.</returns>
    public static IOutboxPublisher FromSingle(Func<EventEnvelope, CancellationToken, Task> publishOne)
    {
        ArgumentNullException.ThrowIfNull(publishOne);
        return new SinglePublisher(publishOne);
    }

    /// <summary>A publisher that sends events in batches.</summary>
    /// <param name="publishBatch">Sends a batch; throws when any entry was not accepted.</param>
    /// <returns>The publisher.</returns>
    public static IOutboxPublisher FromBatch(Func<IReadOnlyList<EventEnvelope>, CancellationToken, Task> publishBatch)
    {
        ArgumentNullException.ThrowIfNull(publishBatch);
        return new BatchPublisher(publishBatch);
    }

    private sealed class SinglePublisher(Func<EventEnvelope, CancellationToken, Task> publishOne) : IOutboxPublisher
    {
        public async Task PublishAsync(IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken)
        {
            foreach (var envelope in events)
            {
                await publishOne(envelope, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private sealed class BatchPublisher(Func<IReadOnlyList<EventEnvelope>, CancellationToken, Task> publishBatch) : IOutboxPublisher
    {
        public Task PublishAsync(IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken) => publishBatch(events, cancellationToken);
    }
}
