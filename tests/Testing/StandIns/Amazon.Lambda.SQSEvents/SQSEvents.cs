// Stand-in for Amazon.Lambda.SQSEvents 2.x.
using System.Collections.Generic;
using System.IO;

namespace Amazon.Lambda.SQSEvents
{
    public class SQSEvent
    {
        public List<SQSMessage> Records { get; set; } = null!;

        public class MessageAttribute
        {
            public string? StringValue { get; set; }
            public MemoryStream? BinaryValue { get; set; }
            public string? DataType { get; set; }
        }

        public class SQSMessage
        {
            public string MessageId { get; set; } = null!;
            public string ReceiptHandle { get; set; } = null!;
            public string Body { get; set; } = null!;
            public string? Md5OfBody { get; set; }
            public string? EventSource { get; set; }
            public string? EventSourceArn { get; set; }
            public string? AwsRegion { get; set; }
            public Dictionary<string, string> Attributes { get; set; } = null!;
            public Dictionary<string, MessageAttribute> MessageAttributes { get; set; } = null!;
        }
    }

    public class SQSBatchResponse
    {
        public SQSBatchResponse() : this(new List<BatchItemFailure>()) { }
        public SQSBatchResponse(List<BatchItemFailure> batchItemFailures) { BatchItemFailures = batchItemFailures; }
        public List<BatchItemFailure> BatchItemFailures { get; set; }

        public class BatchItemFailure
        {
            public string ItemIdentifier { get; set; } = null!;
        }
    }
}
