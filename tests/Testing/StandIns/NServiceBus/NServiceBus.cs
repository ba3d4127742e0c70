// Stand-in for NServiceBus 9.x.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace NServiceBus
{
    public abstract class ExtendableOptions
    {
        public void SetMessageId(string messageId) { }
        public void SetHeader(string key, string value) { }
    }

    public class SendOptions : ExtendableOptions
    {
        public void SetDestination(string destination) { }
        public void RouteToThisEndpoint() { }
    }

    public class PublishOptions : ExtendableOptions
    {
    }

    public class ReplyOptions : ExtendableOptions
    {
    }

    public interface IMessageSession
    {
        Task Send(object message, SendOptions sendOptions, CancellationToken cancellationToken = default);
        Task Send<T>(Action<T> messageConstructor, SendOptions sendOptions, CancellationToken cancellationToken = default);
        Task Publish(object message, PublishOptions publishOptions, CancellationToken cancellationToken = default);
        Task Publish<T>(Action<T> messageConstructor, PublishOptions publishOptions, CancellationToken cancellationToken = default);
    }

    public interface IPipelineContext
    {
        CancellationToken CancellationToken { get; }
        Task Send(object message, SendOptions options);
        Task Send<T>(Action<T> messageConstructor, SendOptions options);
        Task Publish(object message, PublishOptions options);
        Task Publish<T>(Action<T> messageConstructor, PublishOptions publishOptions);
    }

    public interface IMessageProcessingContext : IPipelineContext
    {
        string MessageId { get; }
        string ReplyToAddress { get; }
        IReadOnlyDictionary<string, string> MessageHeaders { get; }
        Task Reply(object message, ReplyOptions options);
        Task ForwardCurrentMessageTo(string destination);
    }

    public interface IMessageHandlerContext : IMessageProcessingContext
    {
        void DoNotContinueDispatchingCurrentMessageToHandlers();
    }

    public interface IHandleMessages<T>
    {
        Task Handle(T message, IMessageHandlerContext context);
    }

    public static class MessageSessionExtensions
    {
        public static Task Send(this IMessageSession session, object message, CancellationToken cancellationToken = default) => throw null!;
        public static Task Send(this IMessageSession session, string destination, object message, CancellationToken cancellationToken = default) => throw null!;
        public static Task SendLocal(this IMessageSession session, object message, CancellationToken cancellationToken = default) => throw null!;
        public static Task Publish(this IMessageSession session, object message, CancellationToken cancellationToken = default) => throw null!;
        public static Task Publish<T>(this IMessageSession session, CancellationToken cancellationToken = default) => throw null!;
    }

    public static class PipelineContextExtensions
    {
        public static Task Send(this IPipelineContext context, object message) => throw null!;
        public static Task Send(this IPipelineContext context, string destination, object message) => throw null!;
        public static Task SendLocal(this IPipelineContext context, object message) => throw null!;
        public static Task Publish(this IPipelineContext context, object message) => throw null!;
        public static Task Publish<T>(this IPipelineContext context) => throw null!;
    }

    public static class IMessageProcessingContextExtensions
    {
        public static Task Reply(this IMessageProcessingContext context, object message) => throw null!;
    }
}
