using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.SQS;
using Amazon.SQS.Model;
using Consistency.Runtime.Outbox;
using Consistency.Runtime.Relay;

namespace OrderService.Messaging
{
    /// <summary>
    /// Sends outbox events to an SQS queue as CloudEvents JSON, one <c>SendMessageBatch</c> per call (the relay sends
    /// at most 10 events per call, the SQS batch limit). On a FIFO queue the aggregate key is the message group (per
    /// order ordering) and the event id the deduplication id.
    /// </summary>
    public sealed class SqsOutboxPublisher : IOutboxPublisher
    {
        public const string Source = "urn:samples:order-service";

        private readonly IAmazonSQS sqs;
        private readonly string queueUrl;
        private readonly bool fifo;

        public SqsOutboxPublisher(IAmazonSQS sqs, string queueUrl)
        {
            this.sqs = sqs;
            this.queueUrl = queueUrl;
            fifo = queueUrl.EndsWith(".fifo", StringComparison.Ordinal);
        }

        public async Task PublishAsync(IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken)
        {
            var entries = new List<SendMessageBatchRequestEntry>(events.Count);
            for (var i = 0; i < events.Count; i++)
            {
                var envelope = events[i];
                entries.Add(new SendMessageBatchRequestEntry
                {
                    Id = i.ToString(CultureInfo.InvariantCulture),
                    MessageBody = EventEnvelopeJson.Serialize(envelope, Source),
                    MessageGroupId = fifo ? envelope.AggregateKey : null,
                    MessageDeduplicationId = fifo ? envelope.EventId : null,
                    MessageAttributes = new Dictionary<string, MessageAttributeValue>
                    {
                        ["type"] = new MessageAttributeValue { DataType = "String", StringValue = envelope.TypeName },
                    },
                });
            }

            var response = await sqs.SendMessageBatchAsync(new SendMessageBatchRequest { QueueUrl = queueUrl, Entries = entries }, cancellationToken);

            // A batch send succeeds with failed entries: report them, so the relay sends again instead of losing them.
            if (response.Failed is { Count: > 0 } failed)
            {
                throw new OutboxPublishException(
                    $"SQS refused {failed.Count} of {entries.Count} events: {string.Join(", ", failed.Select(f => f.Id + " " + f.Code))}");
            }
        }
    }

    /// <summary>The broker did not accept every event; the relay retries.</summary>
    public sealed class OutboxPublishException : Exception
    {
        public OutboxPublishException()
        {
        }

        public OutboxPublishException(string message)
            : base(message)
        {
        }

        public OutboxPublishException(string message, Exception innerException)
            : base(message, innerException)
        {
        }
    }
}
