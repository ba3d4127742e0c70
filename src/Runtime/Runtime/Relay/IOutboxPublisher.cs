using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Consistency.Runtime.Outbox;

namespace Consistency.Runtime.Relay;

/// <summary>
/// Sends outbox events to a broker (SQS, SNS, Kinesis, EventBridge, ...). docs/runtime.md shows one-line adapters.
/// </summary>
/// <remarks>
/// Contract: return only when every event was accepted by the broker; throw otherwise (including when a batch API
/// reports failed entries). After a throw any subset may have been sent: the relay sends again, so consumers must
/// deduplicate by <see cref="EventEnvelope.EventId"/> (the inbox does). Events arrive in order per aggregate.
/// </remarks>
public interface IOutboxPublisher
{
    /// <summary>Publishes the events, in order.</summary>
    /// <param name="events">One or more events, all of one aggregate, in their order.</param>
    /// <param name="cancellationToken">Cancels the publish.</param>
    /// <returns>A task that completes when all events were accepted.</returns>
    Task PublishAsync(IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken);
}
