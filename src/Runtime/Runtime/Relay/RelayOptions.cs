using System;

namespace Consistency.Runtime.Relay;

/// <summary>Retry, dead-letter and concurrency settings of the relay.</summary>
public sealed class RelayOptions
{
    /// <summary>Publish attempts for a single event before it is dead-lettered. Default: 3.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Delay before the second attempt; doubles for each later one. Default: 100 ms.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Events per publish call (a record's events are split into chunks of this size). Default: 10, the SQS and SNS batch limit.</summary>
    public int MaxPublishBatchSize { get; set; } = 10;

    /// <summary>How many aggregates are published concurrently (events of one aggregate are always sequential). Default: 8.</summary>
    public int MaxConcurrency { get; set; } = 8;
}
