// Stand-in for Confluent.Kafka 2.x.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Confluent.Kafka
{
    public class Headers : List<IHeader>
    {
        public void Add(string key, byte[] val) { }
    }

    public interface IHeader
    {
        string Key { get; }
        byte[] GetValueBytes();
    }

    public class MessageMetadata
    {
        public Timestamp Timestamp { get; set; }
        public Headers? Headers { get; set; }
    }

    public readonly struct Timestamp
    {
        public Timestamp(DateTime dateTime) { UnixTimestampMs = 0; }
        public long UnixTimestampMs { get; }
    }

    public class Message<TKey, TValue> : MessageMetadata
    {
        public TKey Key { get; set; } = default!;
        public TValue Value { get; set; } = default!;
    }

    public class TopicPartition
    {
        public TopicPartition(string topic, Partition partition) { Topic = topic; Partition = partition; }
        public string Topic { get; }
        public Partition Partition { get; }
    }

    public readonly struct Partition
    {
        public Partition(int partition) { Value = partition; }
        public int Value { get; }
    }

    public enum PersistenceStatus
    {
        NotPersisted = 0,
        PossiblyPersisted = 1,
        Persisted = 2,
    }

    public class Error
    {
        public bool IsError => false;
        public string Reason => string.Empty;
    }

    public class DeliveryResult<TKey, TValue>
    {
        public string Topic { get; set; } = null!;
        public Partition Partition { get; set; }
        public Message<TKey, TValue> Message { get; set; } = null!;
        public PersistenceStatus Status { get; set; }
    }

    public class DeliveryReport<TKey, TValue> : DeliveryResult<TKey, TValue>
    {
        public Error Error { get; set; } = null!;
    }

    public interface IClient : IDisposable
    {
        string Name { get; }
    }

    public interface IProducer<TKey, TValue> : IClient
    {
        Task<DeliveryResult<TKey, TValue>> ProduceAsync(string topic, Message<TKey, TValue> message, CancellationToken cancellationToken = default);
        Task<DeliveryResult<TKey, TValue>> ProduceAsync(TopicPartition topicPartition, Message<TKey, TValue> message, CancellationToken cancellationToken = default);
        void Produce(string topic, Message<TKey, TValue> message, Action<DeliveryReport<TKey, TValue>>? deliveryHandler = null);
        void Produce(TopicPartition topicPartition, Message<TKey, TValue> message, Action<DeliveryReport<TKey, TValue>>? deliveryHandler = null);
        int Flush(TimeSpan timeout);
        void Flush(CancellationToken cancellationToken = default);
    }

    public class ProducerConfig
    {
        public string? BootstrapServers { get; set; }
        public bool? EnableIdempotence { get; set; }
    }

    public class ProducerBuilder<TKey, TValue>
    {
        public ProducerBuilder(IEnumerable<KeyValuePair<string, string>> config) { }
        public virtual IProducer<TKey, TValue> Build() => throw null!;
    }
}
