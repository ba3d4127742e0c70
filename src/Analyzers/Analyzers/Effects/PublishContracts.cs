using System.Collections.Immutable;

namespace Consistency.Analyzers.Effects
{
    /// <summary>
    /// A publish response that reports a partial failure instead of throwing: the call succeeds while some entries were
    /// not accepted. <paramref name="FailureMembers"/> are the members that carry the failure (the count first, then
    /// the per-entry results); reading any of them counts as checking.
    /// </summary>
    internal sealed record PartialFailureContract(string ResponseTypeMetadataName, ImmutableArray<string> FailureMembers, string Family)
    {
        /// <summary>The member named in messages and checked by the code fix.</summary>
        public string PrimaryMember => FailureMembers[0];
    }

    /// <summary>How a request decides whether its key orders messages.</summary>
    internal enum OrderingScope
    {
        /// <summary>The key always decides the shard, hence the order (Kinesis partition key).</summary>
        Always,

        /// <summary>The key orders messages only on a FIFO queue or topic (SQS/SNS message group id).</summary>
        FifoOnly,
    }

    /// <summary>
    /// A publish request whose property decides the order messages are delivered in: messages with the same key are
    /// delivered in order, messages with different keys are not.
    /// </summary>
    /// <param name="RequestTypeMetadataName">The request or batch entry type.</param>
    /// <param name="KeyProperty">The ordering key (<c>PartitionKey</c>, <c>MessageGroupId</c>).</param>
    /// <param name="Api">The API as shown in messages.</param>
    /// <param name="Scope">Whether the key orders always or only on FIFO destinations.</param>
    /// <param name="DestinationProperty">The queue URL or topic ARN property (ends with <c>.fifo</c> for FIFO); null when the request has none.</param>
    /// <param name="FifoOnlyProperty">A property that exists only for FIFO destinations (the deduplication id); setting it marks the send as FIFO.</param>
    internal sealed record OrderingKeyContract(
        string RequestTypeMetadataName,
        string KeyProperty,
        string Api,
        OrderingScope Scope,
        string? DestinationProperty,
        string? FifoOnlyProperty);

    /// <summary>
    /// Facts about the messaging APIs of the catalogue that are not about classification: which responses report a
    /// partial failure (CH0006) and which request property orders messages (CH0007). Data, so that a new SDK is a row.
    /// </summary>
    internal static class WellKnownPublishContracts
    {
        public static ImmutableArray<PartialFailureContract> PartialFailures { get; } = ImmutableArray.Create(
            new PartialFailureContract("Amazon.EventBridge.Model.PutEventsResponse", ImmutableArray.Create("FailedEntryCount", "Entries"), "EventBridge"),
            new PartialFailureContract("Amazon.Kinesis.Model.PutRecordsResponse", ImmutableArray.Create("FailedRecordCount", "Records"), "Kinesis"),
            new PartialFailureContract("Amazon.KinesisFirehose.Model.PutRecordBatchResponse", ImmutableArray.Create("FailedPutCount", "RequestResponses"), "Firehose"),
            new PartialFailureContract("Amazon.SQS.Model.SendMessageBatchResponse", ImmutableArray.Create("Failed"), "SQS"),
            new PartialFailureContract("Amazon.SimpleNotificationService.Model.PublishBatchResponse", ImmutableArray.Create("Failed"), "SNS"));

        public static ImmutableArray<OrderingKeyContract> OrderingKeys { get; } = ImmutableArray.Create(
            new OrderingKeyContract("Amazon.Kinesis.Model.PutRecordRequest", "PartitionKey", "Kinesis PutRecord", OrderingScope.Always, null, null),
            new OrderingKeyContract("Amazon.Kinesis.Model.PutRecordsRequestEntry", "PartitionKey", "Kinesis PutRecords", OrderingScope.Always, null, null),
            new OrderingKeyContract("Amazon.SQS.Model.SendMessageRequest", "MessageGroupId", "SQS FIFO SendMessage", OrderingScope.FifoOnly, "QueueUrl", "MessageDeduplicationId"),
            new OrderingKeyContract("Amazon.SQS.Model.SendMessageBatchRequestEntry", "MessageGroupId", "SQS FIFO SendMessageBatch", OrderingScope.FifoOnly, null, "MessageDeduplicationId"),
            new OrderingKeyContract("Amazon.SimpleNotificationService.Model.PublishRequest", "MessageGroupId", "SNS FIFO Publish", OrderingScope.FifoOnly, "TopicArn", "MessageDeduplicationId"),
            new OrderingKeyContract("Amazon.SimpleNotificationService.Model.PublishBatchRequestEntry", "MessageGroupId", "SNS FIFO PublishBatch", OrderingScope.FifoOnly, null, "MessageDeduplicationId"));
    }
}
