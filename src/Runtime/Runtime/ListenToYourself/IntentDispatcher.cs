using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using Consistency.Runtime.Outbox;

namespace Consistency.Runtime.ListenToYourself;

/// <summary>
/// The consumer side of listen to yourself: routes an intent envelope, by its type name, to the method that
/// persists it. Register each consumer once at startup; call <see cref="DispatchAsync"/> from the queue consumer.
/// </summary>
/// <remarks>
/// Delivery is at least once: the same intent can arrive again. The consumer method must be idempotent — the
/// CH0001 listen-to-yourself fix marks it <c>[Idempotent]</c> with the intent id as its key.
/// </remarks>
public sealed class IntentDispatcher
{
    private readonly Dictionary<string, Func<EventEnvelope, CancellationToken, Task>> _consumers = new(StringComparer.Ordinal);
    private readonly IJsonTypeInfoResolver _resolver;
    private readonly JsonSerializerOptions _options;

    /// <summary>Creates the dispatcher.</summary>
    /// <param name="resolver">Serialisation metadata of the intent types, typically a <c>JsonSerializerContext</c>.</param>
    public IntentDispatcher(IJsonTypeInfoResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        _resolver = resolver;
        _options = new JsonSerializerOptions { TypeInfoResolver = resolver };
    }

    /// <summary>Registers the consumer of the intents published under <paramref name="name"/>.</summary>
    /// <typeparam name="TIntent">The intent type.</typeparam>
    /// <param name="name">The stable name the intents are published under.</param>
    /// <param name="consumer">Persists one intent, e.g. <c>(intent, ct) => service.PersistPlaceAsync(intent.IntentId, intent.Order, ct)</c>.</param>
    /// <returns>This dispatcher.</returns>
    public IntentDispatcher Register<TIntent>(string name, Func<TIntent, CancellationToken, Task> consumer)
        where TIntent : IIntent
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(consumer);
        var typeInfo = IntentPublisher.GetTypeInfo<TIntent>(_resolver, _options);
        if (!_consumers.TryAdd(name, (envelope, ct) => consumer(Read(envelope, typeInfo), ct)))
        {
            throw new ArgumentException($"A consumer of '{name}' is already registered.", nameof(name));
        }

        return this;
    }

    /// <summary>Runs the consumer of <paramref name="envelope"/>.</summary>
    /// <param name="envelope">An envelope created by <see cref="IntentPublisher"/>.</param>
    /// <param name="cancellationToken">Cancels the consumer.</param>
    /// <returns><see langword="true"/> when a consumer ran; <see langword="false"/> when the envelope is not an intent registered here.</returns>
    public async Task<bool> DispatchAsync(EventEnvelope envelope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (!_consumers.TryGetValue(envelope.TypeName, out var consumer))
        {
            return false;
        }

        await consumer(envelope, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static TIntent Read<TIntent>(EventEnvelope envelope, JsonTypeInfo<TIntent> typeInfo)
        where TIntent : IIntent
    {
        var intent = envelope.GetPayload(typeInfo);
        if (intent is null || !string.Equals(intent.IntentId, envelope.EventId, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The envelope {envelope.EventId} of '{envelope.TypeName}' does not carry its intent (the payload is null or has another intent id).");
        }

        return intent;
    }
}
