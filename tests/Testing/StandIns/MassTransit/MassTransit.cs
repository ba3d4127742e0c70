// Stand-in for MassTransit 8.x (MassTransit.Abstractions).
using System;
using System.Threading;
using System.Threading.Tasks;

namespace MassTransit
{
    public interface PipeContext
    {
        CancellationToken CancellationToken { get; }
    }

    public interface MessageContext
    {
        Guid? MessageId { get; }
        Guid? CorrelationId { get; }
        Guid? ConversationId { get; }
        DateTime? SentTime { get; }
    }

    public interface IPublishEndpoint
    {
        Task Publish<T>(T message, CancellationToken cancellationToken = default) where T : class;
        Task Publish(object message, CancellationToken cancellationToken = default);
        Task Publish(object message, Type messageType, CancellationToken cancellationToken = default);
        Task Publish<T>(object values, CancellationToken cancellationToken = default) where T : class;
    }

    public interface ISendEndpoint
    {
        Task Send<T>(T message, CancellationToken cancellationToken = default) where T : class;
        Task Send(object message, CancellationToken cancellationToken = default);
        Task Send(object message, Type messageType, CancellationToken cancellationToken = default);
        Task Send<T>(object values, CancellationToken cancellationToken = default) where T : class;
    }

    public interface ISendEndpointProvider
    {
        Task<ISendEndpoint> GetSendEndpoint(Uri address);
    }

    public interface IBus : IPublishEndpoint, ISendEndpointProvider
    {
        Uri Address { get; }
    }

    public interface ConsumeContext : PipeContext, MessageContext, IPublishEndpoint, ISendEndpointProvider
    {
        Task RespondAsync<T>(T message) where T : class;
    }

    public interface ConsumeContext<out T> : ConsumeContext
        where T : class
    {
        T Message { get; }
    }

    public interface IConsumer
    {
    }

    public interface IConsumer<in TMessage> : IConsumer
        where TMessage : class
    {
        Task Consume(ConsumeContext<TMessage> context);
    }
}
