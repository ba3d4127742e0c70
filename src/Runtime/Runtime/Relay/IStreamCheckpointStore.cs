using System.Threading;
using System.Threading.Tasks;

namespace Consistency.Runtime.Relay;

/// <summary>
/// Remembers, per shard, the last sequence number whose record and all earlier ones were handled, so that a restarted
/// tailer resumes after it instead of republishing the whole retained stream.
/// </summary>
public interface IStreamCheckpointStore
{
    /// <summary>Reads the checkpoint of a shard.</summary>
    /// <param name="streamArn">The stream.</param>
    /// <param name="shardId">The shard.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The sequence number, or <see langword="null"/> when the shard was never handled.</returns>
    Task<string?> GetAsync(string streamArn, string shardId, CancellationToken cancellationToken);

    /// <summary>Stores the checkpoint of a shard.</summary>
    /// <param name="streamArn">The stream.</param>
    /// <param name="shardId">The shard.</param>
    /// <param name="sequenceNumber">The last handled sequence number.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when stored.</returns>
    Task SetAsync(string streamArn, string shardId, string sequenceNumber, CancellationToken cancellationToken);
}
