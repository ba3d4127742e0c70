// Stand-in for Amazon.Lambda.KinesisEvents 3.x.
using System;
using System.Collections.Generic;
using System.IO;

namespace Amazon.Lambda.KinesisEvents
{
    public class KinesisEvent
    {
        public IList<KinesisEventRecord> Records { get; set; } = null!;

        public class Record
        {
            public DateTime ApproximateArrivalTimestamp { get; set; }
            public MemoryStream Data { get; set; } = null!;
            public string? EncryptionType { get; set; }
            public string PartitionKey { get; set; } = null!;
            public string SequenceNumber { get; set; } = null!;
            public string? KinesisSchemaVersion { get; set; }
        }

        public class KinesisEventRecord
        {
            public string? AwsRegion { get; set; }
            public string EventId { get; set; } = null!;
            public string? EventName { get; set; }
            public string? EventSource { get; set; }
            public string? EventSourceARN { get; set; }
            public string? EventVersion { get; set; }
            public string? InvokeIdentityArn { get; set; }
            public Record Kinesis { get; set; } = null!;
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
