// Stand-in for AWSSDK.SimpleNotificationService 4.x (net8.0 surface: asynchronous operations only).
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.SimpleNotificationService.Model;

namespace Amazon.SimpleNotificationService
{
    public interface IAmazonSimpleNotificationService : IAmazonService, IDisposable
    {
        Task<PublishResponse> PublishAsync(string topicArn, string message, CancellationToken cancellationToken = default);
        Task<PublishResponse> PublishAsync(string topicArn, string message, string subject, CancellationToken cancellationToken = default);
        Task<PublishResponse> PublishAsync(PublishRequest request, CancellationToken cancellationToken = default);
        Task<PublishBatchResponse> PublishBatchAsync(PublishBatchRequest request, CancellationToken cancellationToken = default);
    }

    public class AmazonSimpleNotificationServiceClient : IAmazonSimpleNotificationService
    {
        public AmazonSimpleNotificationServiceClient() { }
        public IClientConfig Config => throw null!;
        static ClientConfig IAmazonService.CreateDefaultClientConfig() => throw null!;
        static IAmazonService IAmazonService.CreateDefaultServiceClient(AWSCredentials awsCredentials, ClientConfig clientConfig) => throw null!;
        public virtual Task<PublishResponse> PublishAsync(string topicArn, string message, CancellationToken cancellationToken = default) => throw null!;
        public virtual Task<PublishResponse> PublishAsync(string topicArn, string message, string subject, CancellationToken cancellationToken = default) => throw null!;
        public virtual Task<PublishResponse> PublishAsync(PublishRequest request, CancellationToken cancellationToken = default) => throw null!;
        public virtual Task<PublishBatchResponse> PublishBatchAsync(PublishBatchRequest request, CancellationToken cancellationToken = default) => throw null!;
        public void Dispose() { }
    }
}

namespace Amazon.SimpleNotificationService.Model
{
    public class MessageAttributeValue
    {
        public string? DataType { get; set; }
        public string? StringValue { get; set; }
    }

    public class PublishRequest : AmazonWebServiceRequest
    {
        public PublishRequest() { }
        public PublishRequest(string topicArn, string message) { TopicArn = topicArn; Message = message; }
        public PublishRequest(string topicArn, string message, string subject) { TopicArn = topicArn; Message = message; Subject = subject; }
        public string? TopicArn { get; set; }
        public string? TargetArn { get; set; }
        public string? Message { get; set; }
        public string? Subject { get; set; }
        public string? MessageGroupId { get; set; }
        public string? MessageDeduplicationId { get; set; }
        public Dictionary<string, MessageAttributeValue>? MessageAttributes { get; set; }
    }

    public class PublishResponse : AmazonWebServiceResponse
    {
        public string? MessageId { get; set; }
        public string? SequenceNumber { get; set; }
    }

    public class PublishBatchRequestEntry
    {
        public string? Id { get; set; }
        public string? Message { get; set; }
        public string? MessageGroupId { get; set; }
        public string? MessageDeduplicationId { get; set; }
    }

    public class PublishBatchRequest : AmazonWebServiceRequest
    {
        public string? TopicArn { get; set; }
        public List<PublishBatchRequestEntry>? PublishBatchRequestEntries { get; set; }
    }

    public class PublishBatchResultEntry
    {
        public string? Id { get; set; }
        public string? MessageId { get; set; }
    }

    public class BatchResultErrorEntry
    {
        public string? Id { get; set; }
        public string? Code { get; set; }
        public string? Message { get; set; }
        public bool? SenderFault { get; set; }
    }

    public class PublishBatchResponse : AmazonWebServiceResponse
    {
        public List<PublishBatchResultEntry>? Successful { get; set; }
        public List<BatchResultErrorEntry>? Failed { get; set; }
    }
}
