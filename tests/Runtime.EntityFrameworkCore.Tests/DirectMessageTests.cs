using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Consistency.Runtime.EntityFrameworkCore.Tests.Infrastructure;
using Consistency.Runtime.Outbox;
using Consistency.Runtime.Relay;
using Consistency.Runtime.Tests.Infrastructure;

namespace Consistency.Runtime.EntityFrameworkCore.Tests;

public sealed class DirectMessageTests
{
    private const string QueueUrl = "https://sqs.eu-west-1.amazonaws.com/123456789012/orders.fifo";
    private const string TopicArn = "arn:aws:sns:eu-west-1:123456789012:orders";
    private const string Body = "{\"orderId\":\"o-1\",\"note\":\"line\\nbreak, \\\"quotes\\\", ünïcödé\"}";

    [Theory]
    [InlineData(OutboxMessageTarget.Queue, QueueUrl, "order-o-1")]
    [InlineData(OutboxMessageTarget.Queue, QueueUrl, null)]
    [InlineData(OutboxMessageTarget.Topic, TopicArn, "order-o-1")]
    public async Task A_direct_message_round_trips_through_the_outbox_table(OutboxMessageTarget target, string destination, string? groupId)
    {
        using var db = ShopDatabase.Create();
        var envelope = target == OutboxMessageTarget.Queue ? OutboxMessages.ToQueue(destination, Body, groupId) : OutboxMessages.ToTopic(destination, Body, groupId);
        await using (var context = db.CreateContext())
        {
            context.Orders.Add(new Order { Id = "o-1", CustomerId = "c-1", AmountCents = 100 });
            context.AddOutboxEvent(envelope);
            await context.SaveChangesAsync();
        }

        var publisher = new RecordingPublisher();
        await new EntityFrameworkOutboxRelay<ShopContext>(() => db.CreateContext(), new OutboxRelay(publisher)).PollOnceAsync(CancellationToken.None);

        var delivered = Assert.Single(publisher.Published);
        Assert.True(OutboxMessages.TryRead(delivered, out var message));
        Assert.Equal(new OutboxMessage(target, destination, Body, groupId), message);
        Assert.Equal(envelope.EventId, delivered.EventId);
        var prefix = target == OutboxMessageTarget.Queue ? OutboxMessages.QueueTypePrefix : OutboxMessages.TopicTypePrefix;
        Assert.Equal(prefix + destination, db.Query("SELECT TypeName FROM outbox_messages").Single()[0]);
    }
}
