namespace Consistency.Runtime.Streams;

/// <summary>Where a shard iterator starts.</summary>
public enum ShardIteratorType
{
    /// <summary>At the oldest record still in the shard (24 h retention).</summary>
    TrimHorizon,

    /// <summary>After the newest record: only records written later.</summary>
    Latest,

    /// <summary>At a given sequence number.</summary>
    AtSequenceNumber,

    /// <summary>Right after a given sequence number.</summary>
    AfterSequenceNumber,
}
