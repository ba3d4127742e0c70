using System;
using System.Text.Json.Serialization;
using Consistency.Runtime.Outbox;

namespace Consistency.Runtime.Tests.Outbox;

public sealed record OrderPlaced(string OrderId, decimal Total);

[JsonSerializable(typeof(OrderPlaced))]
internal sealed partial class TestJsonContext : JsonSerializerContext
{
}

public sealed class EventEnvelopeTests
{
    [Fact]
    public void Create_serialises_with_source_generated_metadata_and_reads_back()
    {
        var at = new DateTimeOffset(2026, 2, 3, 4, 5, 6, TimeSpan.Zero);
        var envelope = EventEnvelope.Create(new OrderPlaced("o-1", 12.5m), TestJsonContext.Default.OrderPlaced, "orders.order-placed", 2, "o-1", "evt-1", at, "cmd-1", "conv-1");

        Assert.Equal("{\"OrderId\":\"o-1\",\"Total\":12.5}", envelope.Payload);
        Assert.Equal("evt-1", envelope.EventId);
        Assert.Equal(2, envelope.Version);
        Assert.Equal(at, envelope.OccurredAt);
        Assert.Equal(new OrderPlaced("o-1", 12.5m), envelope.GetPayload(TestJsonContext.Default.OrderPlaced));
    }

    [Fact]
    public void Create_fills_in_a_new_id_and_the_current_time()
    {
        var before = DateTimeOffset.UtcNow;
        var first = EventEnvelope.Create(new OrderPlaced("o", 1), TestJsonContext.Default.OrderPlaced, "t", 1, "o");
        var second = EventEnvelope.Create(new OrderPlaced("o", 1), TestJsonContext.Default.OrderPlaced, "t", 1, "o");

        Assert.NotEqual(first.EventId, second.EventId);
        Assert.InRange(first.OccurredAt, before, DateTimeOffset.UtcNow);
    }

    [Fact]
    public void Invalid_envelopes_are_rejected()
    {
        var now = DateTimeOffset.UtcNow;
        Assert.Throws<ArgumentException>(() => new EventEnvelope("", "t", 1, "a", now, "{}"));
        Assert.Throws<ArgumentException>(() => new EventEnvelope("id", "t", 1, "", now, "{}"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EventEnvelope("id", "t", 0, "a", now, "{}"));
        Assert.Null(new EventEnvelope("id", "t", 1, "a", now, "{}", causationId: "").CausationId);
    }
}
