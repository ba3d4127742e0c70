// Stand-in for RabbitMQ.Client: the 6.x synchronous IModel and the 7.x asynchronous IChannel (one assembly here
// so that tests can use both shapes).
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace RabbitMQ.Client
{
    public interface IBasicProperties : IReadOnlyBasicProperties
    {
        new string? MessageId { get; set; }
        new bool Persistent { get; set; }
    }

    public interface IReadOnlyBasicProperties
    {
        string? MessageId { get; }
        bool Persistent { get; }
    }

    public interface IAmqpHeader
    {
        ushort ProtocolClassId { get; }
    }

    public sealed class BasicProperties : IBasicProperties, IAmqpHeader
    {
        public string? MessageId { get; set; }
        public bool Persistent { get; set; }
        public ushort ProtocolClassId => 60;
    }

    public class PublicationAddress
    {
        public PublicationAddress(string exchangeType, string exchangeName, string routingKey) { ExchangeName = exchangeName; RoutingKey = routingKey; }
        public string ExchangeName { get; }
        public string RoutingKey { get; }
    }

    public interface IModel : IDisposable
    {
        IBasicProperties CreateBasicProperties();
        void BasicPublish(string exchange, string routingKey, bool mandatory, IBasicProperties basicProperties, ReadOnlyMemory<byte> body);
        void BasicAck(ulong deliveryTag, bool multiple);
        void ConfirmSelect();
        bool WaitForConfirms();
    }

    public static class IModelExensions
    {
        public static void BasicPublish(this IModel model, PublicationAddress addr, IBasicProperties basicProperties, ReadOnlyMemory<byte> body) => throw null!;
        public static void BasicPublish(this IModel model, string exchange, string routingKey, IBasicProperties? basicProperties, ReadOnlyMemory<byte> body) => throw null!;
    }

    public interface IChannel : IAsyncDisposable, IDisposable
    {
        ValueTask BasicPublishAsync<TProperties>(string exchange, string routingKey, bool mandatory, TProperties basicProperties, ReadOnlyMemory<byte> body = default, CancellationToken cancellationToken = default)
            where TProperties : IReadOnlyBasicProperties, IAmqpHeader;
        ValueTask BasicAckAsync(ulong deliveryTag, bool multiple, CancellationToken cancellationToken = default);
    }

    public static class IChannelExtensions
    {
        public static ValueTask BasicPublishAsync(this IChannel channel, string exchange, string routingKey, ReadOnlyMemory<byte> body = default, bool mandatory = false, CancellationToken cancellationToken = default) => throw null!;
        public static ValueTask BasicPublishAsync<T>(this IChannel channel, PublicationAddress addr, T basicProperties, ReadOnlyMemory<byte> body)
            where T : IReadOnlyBasicProperties, IAmqpHeader => throw null!;
    }
}
