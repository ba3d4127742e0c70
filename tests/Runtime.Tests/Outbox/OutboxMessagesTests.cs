using System;
using Consistency.Runtime.Outbox;

namespace Consistency.Runtime.Tests.Outbox;

public sealed class OutboxMessagesTests
{
    [Theory]
    [InlineData("plain text")]
    [InlineData("{\"orderId\":\"o-1\",\"total\":12.5}")]
    [InlineData("quotes \" and \\ backslashes, unicode é ✓, newline\n")]
    [InlineData("")]
    public void A_queue_message_round_trips_unchanged(string body)
    {
        var envelope = OutboxMessages.ToQueue("https://sqs/q", body);

        Assert.True(OutboxMessages.TryRead(envelope, out var message));
        Assert.Equal(new OutboxMessage(OutboxMessageTarget.Queue, "https://sqs/q", body, null), message);
        Assert.Equal(envelope.EventId, envelope.AggregateKey);
    }

    [Fact]
    public void A_topic_message_with_a_group_orders_by_the_group()
    {
        var envelope = OutboxMessages.ToTopic("arn:aws:sns:eu-west-1:1:orders.fifo", "m", "order-7");

        Assert.Equal("order-7", envelope.AggregateKey);
        Assert.Equal("sns:arn:aws:sns:eu-west-1:1:orders.fifo", envelope.TypeName);
        Assert.True(OutboxMessages.TryRead(envelope, out var message));
        Assert.Equal(new OutboxMessage(OutboxMessageTarget.Topic, "arn:aws:sns:eu-west-1:1:orders.fifo", "m", "order-7"), message);
    }

    [Fact]
    public void Each_message_gets_its_own_event_id()
        => Assert.NotEqual(OutboxMessages.ToQueue("q", "b").EventId, OutboxMessages.ToQueue("q", "b").EventId);

    [Fact]
    public void Domain_events_are_not_messages()
    {
        var domainEvent = new EventEnvelope("e-1", "orders.order-placed", 1, "o-1", DateTimeOffset.UtcNow, "{\"id\":1}");
        var notAString = new EventEnvelope("e-2", "sqs:q", 1, "o-1", DateTimeOffset.UtcNow, "{\"id\":1}");

        Assert.False(OutboxMessages.TryRead(domainEvent, out var first));
        Assert.False(OutboxMessages.TryRead(notAString, out var second));
        Assert.Null(first);
        Assert.Null(second);
    }

    [Fact]
    public void A_destination_is_required()
        => Assert.Throws<ArgumentException>(() => OutboxMessages.ToQueue("", "b"));
}
