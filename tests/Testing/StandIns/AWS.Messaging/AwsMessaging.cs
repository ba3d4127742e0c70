// Stand-in for AWS.Messaging 0.9 (the AWS Message Processing Framework for .NET).
using System;
using System.Threading;
using System.Threading.Tasks;

namespace AWS.Messaging
{
    public abstract class MessageEnvelope
    {
        public string Id { get; set; } = null!;
        public Uri Source { get; set; } = null!;
        public string Version { get; set; } = null!;
        public string MessageTypeIdentifier { get; set; } = null!;
        public DateTimeOffset TimeStamp { get; set; }
    }

    public class MessageEnvelope<T> : MessageEnvelope
    {
        public T Message { get; set; } = default!;
    }

    public class MessageProcessStatus
    {
        public bool IsSuccess { get; }
        public bool IsFailed { get; }
        public static MessageProcessStatus Success() => throw null!;
        public static MessageProcessStatus Failed() => throw null!;
    }

    public interface IMessageHandler<T>
    {
        Task<MessageProcessStatus> HandleAsync(MessageEnvelope<T> messageEnvelope, CancellationToken token = default(CancellationToken));
    }

    public interface IMessagePublisher
    {
        Task PublishAsync<T>(T message, CancellationToken token = default(CancellationToken));
    }
}
