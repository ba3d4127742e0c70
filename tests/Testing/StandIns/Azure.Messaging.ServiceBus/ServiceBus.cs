// Stand-in for Azure.Messaging.ServiceBus 7.x.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Azure.Messaging.ServiceBus
{
    public class ServiceBusMessage
    {
        public ServiceBusMessage() { }
        public ServiceBusMessage(string body) { }
        public ServiceBusMessage(ReadOnlyMemory<byte> body) { }
        public string? MessageId { get; set; }
        public string? SessionId { get; set; }
        public string? Subject { get; set; }
        public string? CorrelationId { get; set; }
        public IDictionary<string, object> ApplicationProperties { get; } = new Dictionary<string, object>();
    }

    public sealed class ServiceBusMessageBatch : IDisposable
    {
        public int Count => 0;
        public bool TryAddMessage(ServiceBusMessage message) => throw null!;
        public void Dispose() { }
    }

    public class ServiceBusSender : IAsyncDisposable
    {
        protected ServiceBusSender() { }
        public virtual string EntityPath => throw null!;
        public virtual Task SendMessageAsync(ServiceBusMessage message, CancellationToken cancellationToken = default) => throw null!;
        public virtual Task SendMessagesAsync(IEnumerable<ServiceBusMessage> messages, CancellationToken cancellationToken = default) => throw null!;
        public virtual Task SendMessagesAsync(ServiceBusMessageBatch messageBatch, CancellationToken cancellationToken = default) => throw null!;
        public virtual Task<long> ScheduleMessageAsync(ServiceBusMessage message, DateTimeOffset scheduledEnqueueTime, CancellationToken cancellationToken = default) => throw null!;
        public virtual ValueTask<ServiceBusMessageBatch> CreateMessageBatchAsync(CancellationToken cancellationToken = default) => throw null!;
        public virtual ValueTask DisposeAsync() => default;
    }

    public class ServiceBusClient : IAsyncDisposable
    {
        public ServiceBusClient(string connectionString) { }
        public virtual ServiceBusSender CreateSender(string queueOrTopicName) => throw null!;
        public virtual ValueTask DisposeAsync() => default;
    }
}
