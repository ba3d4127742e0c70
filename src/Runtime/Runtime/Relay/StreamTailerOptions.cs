using System;
using Consistency.Runtime.Streams;

namespace Consistency.Runtime.Relay;

/// <summary>Settings of <see cref="OutboxStreamTailer"/>.</summary>
public sealed class StreamTailerOptions
{
    /// <summary>Records per <c>GetRecords</c> call (1 to 1000). Default: 1000.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>Pause when a pass found no records. Default: 1 s (DynamoDB Streams allows about 5 reads per second per shard).</summary>
    public TimeSpan IdleDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Pause before re-reading a shard after a failed record. Default: 1 s.</summary>
    public TimeSpan FailureDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Where a shard without checkpoint starts. Default: <see cref="ShardIteratorType.TrimHorizon"/>, so nothing
    /// written before the tailer started is lost (at the price of republishing up to 24 h on a cold start).
    /// </summary>
    public ShardIteratorType StartPosition { get; set; } = ShardIteratorType.TrimHorizon;
}
