using System.Threading;
using System.Threading.Tasks;

namespace Consistency.Runtime.ListenToYourself;

/// <summary>
/// Publishes intents to the service's own consumer. <see cref="IntentPublisher"/> wraps them in
/// <see cref="Outbox.EventEnvelope"/>s for any broker; <see cref="IntentDispatcher"/> routes them back to the consumer.
/// </summary>
public interface IIntentPublisher
{
    /// <summary>Publishes an intent; returns when the broker accepted it.</summary>
    /// <typeparam name="TIntent">The intent type.</typeparam>
    /// <param name="name">The stable name of the consumer (the name of its <c>[Idempotent]</c> attribute).</param>
    /// <param name="intent">The intent.</param>
    /// <param name="cancellationToken">Cancels the publish.</param>
    /// <returns>A task that completes when the intent was accepted.</returns>
    Task PublishAsync<TIntent>(string name, TIntent intent, CancellationToken cancellationToken = default)
        where TIntent : IIntent;
}
