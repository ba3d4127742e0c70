// Stand-in for Wolverine 3.x.
using System;
using System.Threading;
using System.Threading.Tasks;

namespace Wolverine
{
    public class DeliveryOptions
    {
        public string? GroupId { get; set; }
        public string? DeduplicationId { get; set; }
    }

    public interface ICommandBus
    {
        Task InvokeAsync(object message, CancellationToken cancellation = default, TimeSpan? timeout = default);
        Task<T> InvokeAsync<T>(object message, CancellationToken cancellation = default, TimeSpan? timeout = default);
    }

    public interface IMessageBus : ICommandBus
    {
        string? TenantId { get; set; }
        ValueTask SendAsync<T>(T message, DeliveryOptions? options = null);
        ValueTask PublishAsync<T>(T message, DeliveryOptions? options = null);
        ValueTask BroadcastToTopicAsync(string topicName, object message, DeliveryOptions? options = null);
    }

    public interface IMessageContext : IMessageBus
    {
        Guid? CorrelationId { get; }
    }
}
