using System.Collections.Generic;

namespace Consistency.Runtime.Streams;

/// <summary>One page of a <c>DescribeStream</c> answer.</summary>
/// <param name="StreamArn">The stream.</param>
/// <param name="StreamStatus">ENABLING, ENABLED, DISABLING or DISABLED.</param>
/// <param name="Shards">The shards of this page.</param>
/// <param name="LastEvaluatedShardId">Where the next page starts; <see langword="null"/> on the last page.</param>
public sealed record StreamDescription(string StreamArn, string StreamStatus, IReadOnlyList<StreamShard> Shards, string? LastEvaluatedShardId);
