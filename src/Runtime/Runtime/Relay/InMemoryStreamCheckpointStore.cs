using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace Consistency.Runtime.Relay;

/// <summary>Checkpoints in memory: a restarted process starts again from its configured start position.</summary>
public sealed class InMemoryStreamCheckpointStore : IStreamCheckpointStore
{
    private readonly ConcurrentDictionary<(string, string), string> _checkpoints = new();

    /// <inheritdoc />
    public Task<string?> GetAsync(string streamArn, string shardId, CancellationToken cancellationToken) =>
        Task.FromResult(_checkpoints.TryGetValue((streamArn, shardId), out var sequence) ? sequence : null);

    /// <inheritdoc />
    public Task SetAsync(string streamArn, string shardId, string sequenceNumber, CancellationToken cancellationToken)
    {
        _checkpoints[(streamArn, shardId)] = sequenceNumber;
        return Task.CompletedTask;
    }
}
