// Stand-in for Amazon.Lambda.KinesisFirehoseEvents 2.x.
using System.Collections.Generic;

namespace Amazon.Lambda.KinesisFirehoseEvents
{
    public class KinesisFirehoseEvent
    {
        public string InvocationId { get; set; } = null!;
        public string? DeliveryStreamArn { get; set; }
        public string? Region { get; set; }
        public IList<FirehoseRecord> Records { get; set; } = null!;

        public class FirehoseRecord
        {
            public string RecordId { get; set; } = null!;
            public long ApproximateArrivalEpoch { get; set; }
            public string Base64EncodedData { get; set; } = null!;
            public string DecodeData() => throw null!;
        }
    }

    public class KinesisFirehoseResponse
    {
        public const string TRANSFORMED_STATE_OK = "Ok";
        public const string TRANSFORMED_STATE_DROPPED = "Dropped";
        public const string TRANSFORMED_STATE_PROCESSINGFAILED = "ProcessingFailed";

        public IList<FirehoseRecord> Records { get; set; } = null!;

        public class FirehoseRecord
        {
            public string RecordId { get; set; } = null!;
            public string Result { get; set; } = null!;
            public string? Base64EncodedData { get; set; }
        }
    }
}
