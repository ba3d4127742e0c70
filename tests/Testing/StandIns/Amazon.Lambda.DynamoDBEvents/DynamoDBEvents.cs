// Stand-in for Amazon.Lambda.DynamoDBEvents 3.x.
using System;
using System.Collections.Generic;
using System.IO;

namespace Amazon.Lambda.DynamoDBEvents
{
    public class DynamoDBEvent
    {
        public IList<DynamodbStreamRecord> Records { get; set; } = null!;

        public class AttributeValue
        {
            public string? S { get; set; }
            public string? N { get; set; }
            public MemoryStream? B { get; set; }
            public bool? BOOL { get; set; }
            public bool? NULL { get; set; }
            public List<string>? SS { get; set; }
            public List<string>? NS { get; set; }
            public Dictionary<string, AttributeValue>? M { get; set; }
            public List<AttributeValue>? L { get; set; }
        }

        public class StreamRecord
        {
            public DateTime ApproximateCreationDateTime { get; set; }
            public Dictionary<string, AttributeValue> Keys { get; set; } = null!;
            public Dictionary<string, AttributeValue>? NewImage { get; set; }
            public Dictionary<string, AttributeValue>? OldImage { get; set; }
            public string SequenceNumber { get; set; } = null!;
            public long SizeBytes { get; set; }
            public string? StreamViewType { get; set; }
        }

        public class DynamodbStreamRecord
        {
            public string? AwsRegion { get; set; }
            public StreamRecord Dynamodb { get; set; } = null!;
            public string EventID { get; set; } = null!;
            public string EventName { get; set; } = null!;
            public string? EventSource { get; set; }
            public string? EventSourceArn { get; set; }
            public string? EventVersion { get; set; }
        }
    }

    public class StreamsEventResponse
    {
        public IList<BatchItemFailure> BatchItemFailures { get; set; } = new List<BatchItemFailure>();

        public class BatchItemFailure
        {
            public string ItemIdentifier { get; set; } = null!;
        }
    }
}
