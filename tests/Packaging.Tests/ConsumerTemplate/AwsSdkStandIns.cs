// Minimal copies of the AWS SDK types the scratch project calls, with the real namespaces, names and signatures,
// so that the package test needs no network access.
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Amazon.DynamoDBv2.Model
{
    public class AttributeValue
    {
        public string? S { get; set; }
    }

    public class PutItemRequest
    {
        public string? TableName { get; set; }

        public Dictionary<string, AttributeValue>? Item { get; set; }
    }

    public class PutItemResponse
    {
    }
}

namespace Amazon.DynamoDBv2
{
    using Amazon.DynamoDBv2.Model;

    public interface IAmazonDynamoDB
    {
        Task<PutItemResponse> PutItemAsync(PutItemRequest request, CancellationToken cancellationToken = default);
    }
}

namespace Amazon.SQS.Model
{
    public class SendMessageRequest
    {
        public string? QueueUrl { get; set; }

        public string? MessageBody { get; set; }
    }

    public class SendMessageResponse
    {
    }
}

namespace Amazon.SQS
{
    using Amazon.SQS.Model;

    public interface IAmazonSQS
    {
        Task<SendMessageResponse> SendMessageAsync(SendMessageRequest request, CancellationToken cancellationToken = default);
    }
}
