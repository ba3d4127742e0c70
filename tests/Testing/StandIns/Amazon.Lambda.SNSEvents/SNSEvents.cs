// Stand-in for Amazon.Lambda.SNSEvents 2.x.
using System;
using System.Collections.Generic;

namespace Amazon.Lambda.SNSEvents
{
    public class SNSEvent
    {
        public IList<SNSRecord> Records { get; set; } = null!;

        public class SNSRecord
        {
            public string? EventSource { get; set; }
            public string? EventSubscriptionArn { get; set; }
            public string? EventVersion { get; set; }
            public SNSMessage Sns { get; set; } = null!;
        }

        public class MessageAttribute
        {
            public string? Type { get; set; }
            public string? Value { get; set; }
        }

        public class SNSMessage
        {
            public string MessageId { get; set; } = null!;
            public string Message { get; set; } = null!;
            public string? Subject { get; set; }
            public string? TopicArn { get; set; }
            public DateTime Timestamp { get; set; }
            public string? Type { get; set; }
            public IDictionary<string, MessageAttribute>? MessageAttributes { get; set; }
        }
    }
}
