using System;

namespace Consistency.Runtime.Inbox;

/// <summary>Inbox table and retention.</summary>
public sealed class InboxOptions
{
    /// <summary>The inbox table (partition key <c>id</c>, String).</summary>
    public string TableName { get; set; } = "inbox";

    /// <summary>
    /// Namespaces the message ids, so that several consumers of the same messages keep separate records. Causation
    /// checks look for the cause under the same consumer.
    /// </summary>
    public string ConsumerName { get; set; } = "default";

    /// <summary>
    /// How long processed ids are remembered. Must exceed the longest redelivery window of the source (SQS retention,
    /// stream retention): a duplicate that arrives later is applied again, and a cause older than this is reported as
    /// not processed. Default: 14 days (the maximum SQS retention).
    /// </summary>
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Clock used for processed-at and TTL.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
