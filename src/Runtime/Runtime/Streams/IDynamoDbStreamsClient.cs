using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Consistency.Runtime.Streams;

/// <summary>The part of the DynamoDB Streams API a stream tailer needs.</summary>
public interface IDynamoDbStreamsClient
{
    /// <summary>Lists the stream ARNs of a table, newest last as DynamoDB returns them.</summary>
    /// <param name="tableName">The table.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The stream ARNs.</returns>
    Task<IReadOnlyList<string>> ListStreamsAsync(string tableName, CancellationToken cancellationToken);

    /// <summary>Describes a stream, one page of shards at a time.</summary>
    /// <param name="streamArn">The stream.</param>
    /// <param name="exclusiveStartShardId">The <see cref="StreamDescription.LastEvaluatedShardId"/> of the previous page.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The description.</returns>
    Task<StreamDescription> DescribeStreamAsync(string streamArn, string? exclusiveStartShardId, CancellationToken cancellationToken);

    /// <summary>Gets an iterator over a shard.</summary>
    /// <param name="streamArn">The stream.</param>
    /// <param name="shardId">The shard.</param>
    /// <param name="type">Where to start.</param>
    /// <param name="sequenceNumber">The sequence number for the <c>*SequenceNumber</c> types.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The iterator; <see langword="null"/> when the shard has nothing more to read.</returns>
    Task<string?> GetShardIteratorAsync(string streamArn, string shardId, ShardIteratorType type, string? sequenceNumber, CancellationToken cancellationToken);

    /// <summary>Reads records from an iterator.</summary>
    /// <param name="shardIterator">The iterator (valid for 15 minutes).</param>
    /// <param name="limit">At most this many records (1 to 1000).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The records and the next iterator.</returns>
    Task<StreamRecordsPage> GetRecordsAsync(string shardIterator, int limit, CancellationToken cancellationToken);
}
