// Stand-in for AWSSDK.SQS 4.x (net8.0 surface: asynchronous operations only).
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.SQS.Model;

namespace Amazon.SQS
{
    public interface IAmazonSQS : IAmazonService, IDisposable
    {
        Task<SendMessageResponse> SendMessageAsync(string queueUrl, string messageBody, CancellationToken cancellationToken = default);
        Task<SendMessageResponse> SendMessageAsync(SendMessageRequest request, CancellationToken cancellationToken = default);
        Task<SendMessageBatchResponse> SendMessageBatchAsync(string queueUrl, List<SendMessageBatchRequestEntry> entries, CancellationToken cancellationToken = default);
        Task<SendMessageBatchResponse> SendMessageBatchAsync(SendMessageBatchRequest request, CancellationToken cancellationToken = default);
        Task<ReceiveMessageResponse> ReceiveMessageAsync(string queueUrl, CancellationToken cancellationToken = default);
        Task<ReceiveMessageResponse> ReceiveMessageAsync(ReceiveMessageRequest request, CancellationToken cancellationToken = default);
        Task<DeleteMessageResponse> DeleteMessageAsync(string queueUrl, string receiptHandle, CancellationToken cancellationToken = default);
        Task<DeleteMessageResponse> DeleteMessageAsync(DeleteMessageRequest request, CancellationToken cancellationToken = default);
        Task<DeleteMessageBatchResponse> DeleteMessageBatchAsync(DeleteMessageBatchRequest request, CancellationToken cancellationToken = default);
        Task<GetQueueUrlResponse> GetQueueUrlAsync(string queueName, CancellationToken cancellationToken = default);
    }

    public class AmazonSQSClient : IAmazonSQS
    {
        public AmazonSQSClient() { }
        public IClientConfig Config => throw null!;
        static ClientConfig IAmazonService.CreateDefaultClientConfig() => throw null!;
        static IAmazonService IAmazonService.CreateDefaultServiceClient(AWSCredentials awsCredentials, ClientConfig clientConfig) => throw null!;
        public virtual Task<SendMessageResponse> SendMessageAsync(string queueUrl, string messageBody, CancellationToken cancellationToken = default) => throw null!;
        public virtual Task<SendMessageResponse> SendMessageAsync(SendMessageRequest request, CancellationToken cancellationToken = default) => throw null!;
        public virtual Task<SendMessageBatchResponse> SendMessageBatchAsync(string queueUrl, List<SendMessageBatchRequestEntry> entries, CancellationToken cancellationToken = default) => throw null!;
        public virtual Task<SendMessageBatchResponse> SendMessageBatchAsync(SendMessageBatchRequest request, CancellationToken cancellationToken = default) => throw null!;
        public virtual Task<ReceiveMessageResponse> ReceiveMessageAsync(string queueUrl, CancellationToken cancellationToken = default) => throw null!;
        public virtual Task<ReceiveMessageResponse> ReceiveMessageAsync(ReceiveMessageRequest request, CancellationToken cancellationToken = default) => throw null!;
        public virtual Task<DeleteMessageResponse> DeleteMessageAsync(string queueUrl, string receiptHandle, CancellationToken cancellationToken = default) => throw null!;
        public virtual Task<DeleteMessageResponse> DeleteMessageAsync(DeleteMessageRequest request, CancellationToken cancellationToken = default) => throw null!;
        public virtual Task<DeleteMessageBatchResponse> DeleteMessageBatchAsync(DeleteMessageBatchRequest request, CancellationToken cancellationToken = default) => throw null!;
        public virtual Task<GetQueueUrlResponse> GetQueueUrlAsync(string queueName, CancellationToken cancellationToken = default) => throw null!;
        public void Dispose() { }
    }
}

namespace Amazon.SQS.Model
{
    public class MessageAttributeValue
    {
        public string? DataType { get; set; }
        public string? StringValue { get; set; }
    }

    public class SendMessageRequest : AmazonWebServiceRequest
    {
        public SendMessageRequest() { }
        public SendMessageRequest(string queueUrl, string messageBody) { QueueUrl = queueUrl; MessageBody = messageBody; }
        public string? QueueUrl { get; set; }
        public string? MessageBody { get; set; }
        public string? MessageGroupId { get; set; }
        public string? MessageDeduplicationId { get; set; }
        public int? DelaySeconds { get; set; }
        public Dictionary<string, MessageAttributeValue>? MessageAttributes { get; set; }
    }

    public class SendMessageResponse : AmazonWebServiceResponse
    {
        public string? MessageId { get; set; }
        public string? SequenceNumber { get; set; }
        public string? MD5OfMessageBody { get; set; }
    }

    public class SendMessageBatchRequestEntry
    {
        public SendMessageBatchRequestEntry() { }
        public SendMessageBatchRequestEntry(string id, string messageBody) { Id = id; MessageBody = messageBody; }
        public string? Id { get; set; }
        public string? MessageBody { get; set; }
        public string? MessageGroupId { get; set; }
        public string? MessageDeduplicationId { get; set; }
        public Dictionary<string, MessageAttributeValue>? MessageAttributes { get; set; }
    }

    public class SendMessageBatchRequest : AmazonWebServiceRequest
    {
        public SendMessageBatchRequest() { }
        public SendMessageBatchRequest(string queueUrl, List<SendMessageBatchRequestEntry> entries) { QueueUrl = queueUrl; Entries = entries; }
        public string? QueueUrl { get; set; }
        public List<SendMessageBatchRequestEntry>? Entries { get; set; }
    }

    public class SendMessageBatchResultEntry
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

    public class SendMessageBatchResponse : AmazonWebServiceResponse
    {
        public List<SendMessageBatchResultEntry>? Successful { get; set; }
        public List<BatchResultErrorEntry>? Failed { get; set; }
    }

    public class Message
    {
        public string? MessageId { get; set; }
        public string? ReceiptHandle { get; set; }
        public string? Body { get; set; }
        public string? MD5OfBody { get; set; }
        public Dictionary<string, string>? Attributes { get; set; }
        public Dictionary<string, MessageAttributeValue>? MessageAttributes { get; set; }
    }

    public class ReceiveMessageRequest : AmazonWebServiceRequest
    {
        public ReceiveMessageRequest() { }
        public ReceiveMessageRequest(string queueUrl) { QueueUrl = queueUrl; }
        public string? QueueUrl { get; set; }
        public int? MaxNumberOfMessages { get; set; }
        public int? WaitTimeSeconds { get; set; }
        public int? VisibilityTimeout { get; set; }
    }

    public class ReceiveMessageResponse : AmazonWebServiceResponse
    {
        public List<Message>? Messages { get; set; }
    }

    public class DeleteMessageRequest : AmazonWebServiceRequest
    {
        public DeleteMessageRequest() { }
        public DeleteMessageRequest(string queueUrl, string receiptHandle) { QueueUrl = queueUrl; ReceiptHandle = receiptHandle; }
        public string? QueueUrl { get; set; }
        public string? ReceiptHandle { get; set; }
    }

    public class DeleteMessageResponse : AmazonWebServiceResponse
    {
    }

    public class DeleteMessageBatchRequestEntry
    {
        public string? Id { get; set; }
        public string? ReceiptHandle { get; set; }
    }

    public class DeleteMessageBatchRequest : AmazonWebServiceRequest
    {
        public string? QueueUrl { get; set; }
        public List<DeleteMessageBatchRequestEntry>? Entries { get; set; }
    }

    public class DeleteMessageBatchResponse : AmazonWebServiceResponse
    {
        public List<BatchResultErrorEntry>? Failed { get; set; }
    }

    public class GetQueueUrlResponse : AmazonWebServiceResponse
    {
        public string? QueueUrl { get; set; }
    }
}
