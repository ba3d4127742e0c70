using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using Consistency.Runtime.ListenToYourself;
using Consistency.Runtime.Outbox;

namespace Consistency.Runtime.Tests.ListenToYourself;

public sealed record PlaceOrderIntent(string IntentId, string OrderId, decimal Total) : IIntent;

public sealed record CancelOrderIntent(string IntentId, string OrderId) : IIntent;

[JsonSerializable(typeof(PlaceOrderIntent))]
[JsonSerializable(typeof(CancelOrderIntent))]
internal sealed partial class IntentJsonContext : JsonSerializerContext
{
}

public sealed class IntentTests
{
    private readonly List<EventEnvelope> _sent = new();

    private IntentPublisher CreatePublisher() => new(IntentJsonContext.Default, (envelope, _) =>
    {
        _sent.Add(envelope);
        return Task.CompletedTask;
    });

    [Fact]
    public async Task A_published_intent_reaches_its_consumer_through_the_wire_format()
    {
        var persisted = new List<PlaceOrderIntent>();
        var dispatcher = new IntentDispatcher(IntentJsonContext.Default)
            .Register<PlaceOrderIntent>("orders.place.persist", (intent, _) =>
            {
                persisted.Add(intent);
                return Task.CompletedTask;
            });

        await CreatePublisher().PublishAsync("orders.place.persist", new PlaceOrderIntent("i-1", "o-1", 12.5m));
        var envelope = Assert.Single(_sent);
        var received = EventEnvelopeJson.Deserialize(EventEnvelopeJson.Serialize(envelope, "urn:orders"));

        Assert.Equal("i-1", envelope.EventId);
        Assert.Equal("i-1", envelope.AggregateKey);
        Assert.Equal("orders.place.persist", envelope.TypeName);
        Assert.True(await dispatcher.DispatchAsync(received));
        Assert.Equal(new PlaceOrderIntent("i-1", "o-1", 12.5m), Assert.Single(persisted));
    }

    [Fact]
    public async Task Intents_are_routed_by_name_and_unknown_names_are_left_to_the_caller()
    {
        var calls = new List<string>();
        var dispatcher = new IntentDispatcher(IntentJsonContext.Default)
            .Register<PlaceOrderIntent>("orders.place.persist", (i, _) => Record(calls, "place " + i.OrderId))
            .Register<CancelOrderIntent>("orders.cancel.persist", (i, _) => Record(calls, "cancel " + i.OrderId));
        var publisher = CreatePublisher();
        await publisher.PublishAsync("orders.cancel.persist", new CancelOrderIntent("i-2", "o-2"));
        await publisher.PublishAsync("orders.place.persist", new PlaceOrderIntent("i-3", "o-3", 1m));

        foreach (var envelope in _sent)
        {
            Assert.True(await dispatcher.DispatchAsync(envelope));
        }

        Assert.False(await dispatcher.DispatchAsync(new EventEnvelope("e", "orders.order-placed", 1, "o", DateTimeOffset.UtcNow, "{}")));
        Assert.Equal(new[] { "cancel o-2", "place o-3" }, calls);
    }

    [Fact]
    public async Task A_redelivered_intent_carries_the_same_id_so_an_idempotent_consumer_runs_once()
    {
        var seen = new HashSet<string>();
        int writes = 0;
        var dispatcher = new IntentDispatcher(IntentJsonContext.Default)
            .Register<PlaceOrderIntent>("orders.place.persist", (intent, _) =>
            {
                if (seen.Add(intent.IntentId))
                {
                    writes++;
                }

                return Task.CompletedTask;
            });
        await CreatePublisher().PublishAsync("orders.place.persist", new PlaceOrderIntent("i-4", "o-4", 3m));

        await dispatcher.DispatchAsync(_sent[0]);
        await dispatcher.DispatchAsync(_sent[0]);

        Assert.Equal(1, writes);
    }

    [Fact]
    public async Task Misuse_is_rejected()
    {
        var publisher = CreatePublisher();
        var dispatcher = new IntentDispatcher(IntentJsonContext.Default).Register<PlaceOrderIntent>("p", (_, _) => Task.CompletedTask);

        await Assert.ThrowsAsync<ArgumentException>(() => publisher.PublishAsync("", new PlaceOrderIntent("i", "o", 1m)));
        await Assert.ThrowsAsync<ArgumentException>(() => publisher.PublishAsync("p", new PlaceOrderIntent("", "o", 1m)));
        Assert.Throws<ArgumentException>(() => dispatcher.Register<PlaceOrderIntent>("p", (_, _) => Task.CompletedTask));
        await Assert.ThrowsAsync<InvalidOperationException>(() => dispatcher.DispatchAsync(new EventEnvelope("other-id", "p", 1, "o", DateTimeOffset.UtcNow, "{\"IntentId\":\"i\",\"OrderId\":\"o\",\"Total\":1}")));
        Assert.Empty(_sent);
    }

    [Fact]
    public async Task The_cancellation_token_reaches_the_sender_and_the_consumer()
    {
        using var cts = new CancellationTokenSource();
        CancellationToken sent = default, consumed = default;
        var publisher = new IntentPublisher(IntentJsonContext.Default, (envelope, ct) =>
        {
            sent = ct;
            _sent.Add(envelope);
            return Task.CompletedTask;
        });
        var dispatcher = new IntentDispatcher(IntentJsonContext.Default).Register<PlaceOrderIntent>("p", (_, ct) =>
        {
            consumed = ct;
            return Task.CompletedTask;
        });

        await publisher.PublishAsync("p", new PlaceOrderIntent("i-5", "o", 1m), cts.Token);
        await dispatcher.DispatchAsync(_sent[0], cts.Token);

        Assert.Equal(cts.Token, sent);
        Assert.Equal(cts.Token, consumed);
    }

    private static Task Record(List<string> calls, string call)
    {
        calls.Add(call);
        return Task.CompletedTask;
    }
}
