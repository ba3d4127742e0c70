using System.Collections.Generic;

namespace Consistency.Runtime.Streams;

/// <summary>The answer to <c>GetRecords</c>.</summary>
/// <param name="Records">The records, in shard order.</param>
/// <param name="NextShardIterator">Where to continue; <see langword="null"/> when the shard is closed and fully read.</param>
public sealed record StreamRecordsPage(IReadOnlyList<ChangeRecord> Records, string? NextShardIterator);
