using System.Collections.Immutable;

namespace Consistency.Analyzers.Handlers
{
    /// <summary>
    /// How each batch Lambda event reports partial batch failure (CH0005), as data: the response type the function
    /// returns, the member of a record that identifies it in <c>BatchItemFailures</c>, and whether processing must stop
    /// at the first failure (streams resume from the lowest failed sequence number, so later records come again anyway).
    /// </summary>
    internal static class WellKnownBatchResponses
    {
        /// <summary>The member of every batch response (the Lambda events' and Powertools') that lists the failed records.</summary>
        public const string FailuresMember = "BatchItemFailures";

        /// <summary>The property of a failure entry that names the failed record.</summary>
        public const string ItemIdentifierMember = "ItemIdentifier";

        /// <summary>The nested failure type of each response type.</summary>
        public const string FailureTypeName = "BatchItemFailure";

        /// <summary>The name of the event's record list.</summary>
        public const string RecordsMember = "Records";

        public static ImmutableArray<BatchResponse> Rows { get; } = ImmutableArray.Create(
            new BatchResponse(HandlerKind.LambdaSqs, "Amazon.Lambda.SQSEvents.SQSBatchResponse", "SQSBatchResponse", "MessageId", StopAtFirstFailure: false),
            new BatchResponse(HandlerKind.LambdaKinesis, "Amazon.Lambda.KinesisEvents.StreamsEventResponse", "StreamsEventResponse", "Kinesis.SequenceNumber", StopAtFirstFailure: true),
            new BatchResponse(HandlerKind.LambdaDynamoDbStream, "Amazon.Lambda.DynamoDBEvents.StreamsEventResponse", "StreamsEventResponse", "Dynamodb.SequenceNumber", StopAtFirstFailure: true));

        public static BatchResponse? For(HandlerKind kind)
        {
            foreach (var row in Rows)
            {
                if (row.Kind == kind)
                {
                    return row;
                }
            }

            return null;
        }
    }

    /// <param name="Kind">The batch handler kind.</param>
    /// <param name="ResponseMetadataName">The response type the function returns.</param>
    /// <param name="ResponseName">Its simple name, as messages and fixes write it.</param>
    /// <param name="RecordIdentifier">The member path, from a record, of the identifier Lambda expects in <c>ItemIdentifier</c>.</param>
    /// <param name="StopAtFirstFailure">Streams: report the first failure and stop; Lambda retries from there.</param>
    internal sealed record BatchResponse(HandlerKind Kind, string ResponseMetadataName, string ResponseName, string RecordIdentifier, bool StopAtFirstFailure);
}
