using System.Threading.Tasks;
using Consistency.Testing;
using static Consistency.Analyzers.Tests.Rules.DualWriteTestSources;
using VerifyCS = Consistency.Testing.Verifiers.CSharpCodeFixVerifier<Consistency.Analyzers.Rules.OrderingKeyAnalyzer, Consistency.CodeFixes.Rules.OrderingKeyFixer>;

namespace Consistency.Analyzers.Tests.Rules
{
    /// <summary>CH0007: constant, random or missing ordering keys while the entity id is in scope, and the entity-id fix.</summary>
    public class OrderingKeyAnalyzerTests
    {
        private const string KinesisRandom = "records of one entity land on different shards and are consumed out of order";
        private const string KinesisConstant = "every record goes to one hot shard, which throttles and cannot scale out per entity";
        private const string FifoRandom = "messages of one entity land in different groups and are delivered out of order";
        private const string FifoConstant = "every message joins one group, so one slow message blocks all others";
        private const string FifoMissing = "the FIFO send has no message group to keep the entity's messages in order";

        private const string Helpers = """

                private static System.IO.MemoryStream ToStream(object value) => new();
                private static string Serialize(object value) => "";
                private readonly Random _random = new();
            """;

        private static DiagnosticResult Key(string key, string api, string how, string id, string consequence, int location = 0)
            => VerifyCS.Diagnostic().WithLocation(location).WithArguments(key, api, how, id, consequence);

        [Fact]
        public Task KinesisConstantPartitionKey_UsesTheEntityId()
            => VerifyCS.VerifyCodeFixAsync(Service("""
                public Task PublishAsync(Order order)
                    => _kinesis.PutRecordAsync(new Amazon.Kinesis.Model.PutRecordRequest
                    {
                        StreamName = "orders",
                        PartitionKey = {|#0:"orders"|},
                        Data = ToStream(order),
                    });
            """ + Helpers), Key("PartitionKey", "Kinesis PutRecord", "a constant", "order.Id", KinesisConstant), Service("""
                public Task PublishAsync(Order order)
                    => _kinesis.PutRecordAsync(new Amazon.Kinesis.Model.PutRecordRequest
                    {
                        StreamName = "orders",
                        PartitionKey = order.Id,
                        Data = ToStream(order),
                    });
            """ + Helpers));

        [Fact]
        public Task KinesisRandomPartitionKey_UsesTheIdParameter()
            => VerifyCS.VerifyCodeFixAsync(Service("""
                public async Task PublishAsync(string orderId, string payload)
                {
                    var request = new Amazon.Kinesis.Model.PutRecordRequest { StreamName = "orders", Data = ToStream(payload) };
                    request.PartitionKey = {|#0:Guid.NewGuid().ToString("N")|};
                    await _kinesis.PutRecordAsync(request);
                }
            """ + Helpers), Key("PartitionKey", "Kinesis PutRecord", "random", "orderId", KinesisRandom), Service("""
                public async Task PublishAsync(string orderId, string payload)
                {
                    var request = new Amazon.Kinesis.Model.PutRecordRequest { StreamName = "orders", Data = ToStream(payload) };
                    request.PartitionKey = orderId;
                    await _kinesis.PutRecordAsync(request);
                }
            """ + Helpers));

        [Fact]
        public Task PutRecordsEntriesInALambda_UseTheLambdaParameter()
            => VerifyCS.VerifyCodeFixAsync(Service("""
                public Task PublishAsync(List<Order> orders)
                    => _kinesis.PutRecordsAsync(new Amazon.Kinesis.Model.PutRecordsRequest
                    {
                        StreamName = "orders",
                        Records = orders.Select(o => new Amazon.Kinesis.Model.PutRecordsRequestEntry
                        {
                            PartitionKey = {|#0:_random.Next().ToString()|},
                            Data = ToStream(o),
                        }).ToList(),
                    });
            """ + Helpers), Key("PartitionKey", "Kinesis PutRecords", "random", "o.Id", KinesisRandom), Service("""
                public Task PublishAsync(List<Order> orders)
                    => _kinesis.PutRecordsAsync(new Amazon.Kinesis.Model.PutRecordsRequest
                    {
                        StreamName = "orders",
                        Records = orders.Select(o => new Amazon.Kinesis.Model.PutRecordsRequestEntry
                        {
                            PartitionKey = o.Id,
                            Data = ToStream(o),
                        }).ToList(),
                    });
            """ + Helpers));

        [Fact]
        public Task FifoQueueWithoutGroup_AddsTheGroup()
            => VerifyCS.VerifyCodeFixAsync(Service("""
                public async Task PublishAsync(OrderPlaced placed)
                {
                    foreach (var attempt in new[] { 1 })
                    {
                        await _sqs.SendMessageAsync({|#0:new SendMessageRequest|}
                        {
                            QueueUrl = "https://sqs.eu-west-1.amazonaws.com/1/orders.fifo",
                            MessageBody = Serialize(placed),
                            MessageDeduplicationId = placed.OrderId,
                        });
                    }
                }
            """ + Helpers), Key("MessageGroupId", "SQS FIFO SendMessage", "not set", "placed.OrderId", FifoMissing), Service("""
                public async Task PublishAsync(OrderPlaced placed)
                {
                    foreach (var attempt in new[] { 1 })
                    {
                        await _sqs.SendMessageAsync(new SendMessageRequest
                        {
                            QueueUrl = "https://sqs.eu-west-1.amazonaws.com/1/orders.fifo",
                            MessageBody = Serialize(placed),
                            MessageDeduplicationId = placed.OrderId,
                            MessageGroupId = placed.OrderId,
                        });
                    }
                }
            """ + Helpers));

        [Fact]
        public Task FifoByConstructorUrl_NonStringIdGetsToString()
            => VerifyCS.VerifyCodeFixAsync(Service("""
                public Task PublishAsync(Shipment shipment, bool express)
                {
                    if (express)
                    {
                        return _sqs.SendMessageAsync(new SendMessageRequest("https://sqs/shipments.fifo", Serialize(shipment)) { MessageGroupId = {|#0:"shipments"|} });
                    }

                    return Task.CompletedTask;
                }
            """ + Helpers + "\n}\npublic class Shipment { public int ShipmentId { get; set; } public string Carrier { get; set; } = \"\"; }\nclass Unused {"),
                Key("MessageGroupId", "SQS FIFO SendMessage", "a constant", "shipment.ShipmentId.ToString()", FifoConstant), Service("""
                public Task PublishAsync(Shipment shipment, bool express)
                {
                    if (express)
                    {
                        return _sqs.SendMessageAsync(new SendMessageRequest("https://sqs/shipments.fifo", Serialize(shipment)) { MessageGroupId = shipment.ShipmentId.ToString() });
                    }

                    return Task.CompletedTask;
                }
            """ + Helpers + "\n}\npublic class Shipment { public int ShipmentId { get; set; } public string Carrier { get; set; } = \"\"; }\nclass Unused {"));

        [Fact]
        public Task SnsFifoAndBatchEntries_FixAll()
            => VerifyCS.VerifyCodeFixAsync(Service("""
                public async Task PublishAsync(Order order, List<OrderPlaced> events)
                {
                    await _sns.PublishAsync(new PublishRequest
                    {
                        TopicArn = "arn:aws:sns:eu-west-1:1:orders.fifo",
                        Message = Serialize(order),
                        MessageGroupId = {|#0:$"{Guid.NewGuid()}"|},
                    });

                    var entries = new List<SendMessageBatchRequestEntry>();
                    foreach (var placed in events)
                    {
                        entries.Add({|#1:new SendMessageBatchRequestEntry|}(placed.OrderId, Serialize(placed)) { MessageDeduplicationId = placed.OrderId });
                    }

                    await _sqs.SendMessageBatchAsync("https://sqs/orders.fifo", entries);
                }
            """ + Helpers), new[]
            {
                Key("MessageGroupId", "SNS FIFO Publish", "random", "order.Id", FifoRandom),
                Key("MessageGroupId", "SQS FIFO SendMessageBatch", "not set", "placed.OrderId", FifoMissing, 1),
            }, Service("""
                public async Task PublishAsync(Order order, List<OrderPlaced> events)
                {
                    await _sns.PublishAsync(new PublishRequest
                    {
                        TopicArn = "arn:aws:sns:eu-west-1:1:orders.fifo",
                        Message = Serialize(order),
                        MessageGroupId = order.Id,
                    });

                    var entries = new List<SendMessageBatchRequestEntry>();
                    foreach (var placed in events)
                    {
                        entries.Add(new SendMessageBatchRequestEntry(placed.OrderId, Serialize(placed)) { MessageDeduplicationId = placed.OrderId, MessageGroupId = placed.OrderId });
                    }

                    await _sqs.SendMessageBatchAsync("https://sqs/orders.fifo", entries);
                }
            """ + Helpers));

        [Fact]
        public Task TargetTypedNewInLocalFunction_UsesTheMethodsGuidParameter()
            => VerifyCS.VerifyCodeFixAsync(Service("""
                public async Task PublishAsync(Guid orderId)
                {
                    await Send();

                    Task Send()
                    {
                        Amazon.Kinesis.Model.PutRecordRequest request = new() { StreamName = "orders", PartitionKey = {|#0:"static"|} };
                        return _kinesis.PutRecordAsync(request);
                    }
                }
            """ + Helpers), Key("PartitionKey", "Kinesis PutRecord", "a constant", "orderId.ToString()", KinesisConstant), Service("""
                public async Task PublishAsync(Guid orderId)
                {
                    await Send();

                    Task Send()
                    {
                        Amazon.Kinesis.Model.PutRecordRequest request = new() { StreamName = "orders", PartitionKey = orderId.ToString() };
                        return _kinesis.PutRecordAsync(request);
                    }
                }
            """ + Helpers));

        [Fact]
        public Task KeyedByEntityOrWithoutEntity_IsNotReported()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public Task KeyedAsync(Order order)
                    => _kinesis.PutRecordAsync(new Amazon.Kinesis.Model.PutRecordRequest { PartitionKey = order.Id, Data = ToStream(order) });

                public Task HeartbeatAsync()
                    => _kinesis.PutRecordAsync(new Amazon.Kinesis.Model.PutRecordRequest { PartitionKey = "heartbeat", Data = ToStream(DateTime.UtcNow) });

                public Task StandardQueueAsync(Order order)
                    => _sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = "https://sqs/orders", MessageBody = Serialize(order) });

                public Task FifoKeyedAsync(Order order)
                    => _sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = "https://sqs/orders.fifo", MessageBody = Serialize(order), MessageGroupId = order.Id, MessageDeduplicationId = order.Id });

                public Task TenantKeyedAsync(Order order, string tenant)
                    => _kinesis.PutRecordAsync(new Amazon.Kinesis.Model.PutRecordRequest { PartitionKey = tenant, Data = ToStream(order) });

                public Task NoKeyAsync(Order order)
                    => _kinesis.PutRecordAsync(new Amazon.Kinesis.Model.PutRecordRequest { Data = ToStream(order) });

                public Task UnknownQueueAsync(Order order, string queueUrl)
                    => _sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = queueUrl, MessageBody = Serialize(order) });
            """ + Helpers));
    }
}
