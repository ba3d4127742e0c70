using System;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using Consistency.Runtime.Outbox;

namespace Consistency.Runtime.ListenToYourself;

/// <summary>
/// An <see cref="IIntentPublisher"/> that serialises each intent with source-generated metadata into an
/// <see cref="EventEnvelope"/> (type name = the consumer's stable name, event id and aggregate key = the intent id)
/// and hands it to a send delegate, e.g. one that sends <see cref="EventEnvelopeJson.Serialize"/> to the service's
/// own queue.
/// </summary>
public sealed class IntentPublisher : IIntentPublisher
{
    private readonly IJsonTypeInfoResolver _resolver;
    private readonly JsonSerializerOptions _options;
    private readonly Func<EventEnvelope, CancellationToken, Task> _send;

    /// <summary>Creates the publisher.</summary>
    /// <param name="resolver">Serialisation metadata of the intent types, typically a <c>JsonSerializerContext</c>.</param>
    /// <param name="send">Sends one envelope; throws when the broker did not accept it.</param>
    public IntentPublisher(IJsonTypeInfoResolver resolver, Func<EventEnvelope, CancellationToken, Task> send)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        ArgumentNullException.ThrowIfNull(send);
        _resolver = resolver;
        _options = new JsonSerializerOptions { TypeInfoResolver = resolver };
        _send = send;
    }

    /// <inheritdoc />
    public Task PublishAsync<TIntent>(string name, TIntent intent, CancellationToken cancellationToken = default)
        where TIntent : IIntent
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(intent);
        ArgumentException.ThrowIfNullOrEmpty(intent.IntentId, nameof(intent));
        var envelope = EventEnvelope.Create(intent, GetTypeInfo<TIntent>(_resolver, _options), name, 1, intent.IntentId, eventId: intent.IntentId);
        return _send(envelope, cancellationToken);
    }

    internal static JsonTypeInfo<T> GetTypeInfo<T>(IJsonTypeInfoResolver resolver, JsonSerializerOptions options)
        => resolver.GetTypeInfo(typeof(T), options) as JsonTypeInfo<T>
            ?? throw new InvalidOperationException($"The serialisation metadata has no entry for {typeof(T)}; add [JsonSerializable(typeof({typeof(T).Name}))] to the context.");
}
