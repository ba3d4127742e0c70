using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace OrderService.Messaging
{
    /// <summary>The service's own abstraction over its broker.</summary>
    public interface IEventPublisher
    {
        Task PublishAsync<TEvent>(TEvent domainEvent, CancellationToken cancellationToken);
    }

    /// <summary>Sends every event to one SQS queue as JSON.</summary>
    public sealed class SqsEventPublisher : IEventPublisher
    {
        private readonly IAmazonSQS sqs;
        private readonly string queueUrl;

        public SqsEventPublisher(IAmazonSQS sqs, string queueUrl)
        {
            this.sqs = sqs;
            this.queueUrl = queueUrl;
        }

        public Task PublishAsync<TEvent>(TEvent domainEvent, CancellationToken cancellationToken)
            => sqs.SendMessageAsync(
                new SendMessageRequest
                {
                    QueueUrl = queueUrl,
                    MessageBody = JsonSerializer.Serialize(domainEvent),
                    MessageAttributes = new System.Collections.Generic.Dictionary<string, MessageAttributeValue>
                    {
                        ["type"] = new MessageAttributeValue { DataType = "String", StringValue = typeof(TEvent).Name },
                    },
                },
                cancellationToken);
    }
}
