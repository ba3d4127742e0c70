namespace Consistency.Runtime.Streams;

/// <summary>A shard of a DynamoDB stream.</summary>
/// <param name="ShardId">The shard id.</param>
/// <param name="ParentShardId">The parent shard, whose records come first; <see langword="null"/> for a root shard.</param>
/// <param name="StartingSequenceNumber">The first sequence number of the shard.</param>
/// <param name="EndingSequenceNumber">The last sequence number of a closed shard; <see langword="null"/> while open.</param>
public sealed record StreamShard(string ShardId, string? ParentShardId, string? StartingSequenceNumber, string? EndingSequenceNumber);
