// The part of AWSSDK.SQS the service calls, with the real namespaces and signatures (the SQS package is not on the
// offline feed; DynamoDB is the real SDK, from the runtime's dependencies).
using System.Threading;
using System.Threading.Tasks;

namespace Amazon.SQS.Model
{
    public class SendMessageRequest
    {
        public SendMessageRequest()
        {
        }

        public SendMessageRequest(string queueUrl, string messageBody)
        {
            QueueUrl = queueUrl;
            MessageBody = messageBody;
        }

        public string? QueueUrl { get; set; }

        public string? MessageBody { get; set; }

        public string? MessageGroupId { get; set; }
    }

    public class SendMessageResponse
    {
        public string? MessageId { get; set; }
    }
}

namespace Amazon.SQS
{
    using Amazon.SQS.Model;

    public interface IAmazonSQS
    {
        Task<SendMessageResponse> SendMessageAsync(string queueUrl, string messageBody, CancellationToken cancellationToken = default);

        Task<SendMessageResponse> SendMessageAsync(SendMessageRequest request, CancellationToken cancellationToken = default);
    }
}
