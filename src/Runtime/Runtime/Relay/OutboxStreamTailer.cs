using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Consistency.Runtime.Streams;

namespace Consistency.Runtime.Relay;

/// <summary>
/// The relay for long-running hosts (containers, VMs): reads the outbox table's stream shard by shard, parents before
/// children, and publishes through <see cref="OutboxRelay"/>. A shard's checkpoint only moves past records that were
/// handled; after a failure the shard is read again from the failed record (records after it may be published twice,
/// consumers deduplicate). Run one tailer per stream: concurrent tailers publish everything twice.
/// </summary>
public sealed class OutboxStreamTailer
{
    private readonly IDynamoDbStreamsClient _streams;
    private readonly string _streamArn;
    private readonly OutboxRelay _relay;
    private readonly StreamTailerOptions _options;
    private readonly IStreamCheckpointStore _checkpoints;
    private readonly Dictionary<string, ShardState> _shards = new(StringComparer.Ordinal);

    /// <summary>Creates the tailer.</summary>
    /// <param name="streams">The Streams API client.</param>
    /// <param name="streamArn">The outbox table's stream.</param>
    /// <param name="relay">The relay that publishes.</param>
    /// <param name="options">Batch size and pauses.</param>
    /// <param name="checkpoints">Where checkpoints are kept; in memory by default.</param>
    public OutboxStreamTailer(
        IDynamoDbStreamsClient streams,
        string streamArn,
        OutboxRelay relay,
        StreamTailerOptions? options = null,
        IStreamCheckpointStore? checkpoints = null)
    {
        ArgumentNullException.ThrowIfNull(streams);
        ArgumentException.ThrowIfNullOrEmpty(streamArn);
        ArgumentNullException.ThrowIfNull(relay);
        _streams = streams;
        _streamArn = streamArn;
        _relay = relay;
        _options = options ?? new StreamTailerOptions();
        _checkpoints = checkpoints ?? new InMemoryStreamCheckpointStore();
    }

    /// <summary>Tails the stream until <paramref name="cancellationToken"/> is canceled.</summary>
    /// <param name="cancellationToken">Stops the tailer.</param>
    /// <returns>A task that completes when stopped.</returns>
    public Task RunAsync(CancellationToken cancellationToken)
        => RelayLoop.RunAsync(PollOnceAsync, static e => e is DynamoDbStreamsException, _options.IdleDelay, _options.FailureDelay, cancellationToken);

    /// <summary>Reads one batch from every readable shard and publishes it.</summary>
    /// <param name="cancellationToken">Cancels the pass.</param>
    /// <returns>How many records were read and how many failed.</returns>
    public async Task<TailerPass> PollOnceAsync(CancellationToken cancellationToken)
    {
        await RefreshShardsAsync(cancellationToken).ConfigureAwait(false);
        var read = 0;
        var failed = 0;
        foreach (var shard in _shards.Values.Where(IsReadable).ToList())
        {
            var (shardRead, shardFailed) = await PollShardAsync(shard, cancellationToken).ConfigureAwait(false);
            read += shardRead;
            failed += shardFailed;
        }

        return new TailerPass(read, failed);
    }

    private bool IsReadable(ShardState shard) =>
        !shard.Finished
        && (shard.Shard.ParentShardId is null || !_shards.TryGetValue(shard.Shard.ParentShardId, out var parent) || parent.Finished);

    private async Task RefreshShardsAsync(CancellationToken cancellationToken)
    {
        string? start = null;
        do
        {
            var description = await _streams.DescribeStreamAsync(_streamArn, start, cancellationToken).ConfigureAwait(false);
            foreach (var shard in description.Shards)
            {
                if (!_shards.ContainsKey(shard.ShardId))
                {
                    _shards[shard.ShardId] = new ShardState(shard)
                    {
                        Checkpoint = await _checkpoints.GetAsync(_streamArn, shard.ShardId, cancellationToken).ConfigureAwait(false),
                    };
                }
            }

            start = description.LastEvaluatedShardId;
        }
        while (start is not null);
    }

    private async Task<(int Read, int Failed)> PollShardAsync(ShardState shard, CancellationToken cancellationToken)
    {
        shard.Iterator ??= await GetIteratorAsync(shard, cancellationToken).ConfigureAwait(false);
        if (shard.Iterator is null)
        {
            shard.Finished = true;
            return (0, 0);
        }

        StreamRecordsPage page;
        try
        {
            page = await _streams.GetRecordsAsync(shard.Iterator, _options.BatchSize, cancellationToken).ConfigureAwait(false);
        }
        catch (DynamoDbStreamsException exception) when (exception.IsIteratorInvalid)
        {
            // Iterators live 15 minutes; start again from the checkpoint (or, for trimmed data, the oldest record).
            shard.Iterator = null;
            if (exception.ErrorCode == "TrimmedDataAccessException")
            {
                shard.ResumeAt = null;
                shard.Checkpoint = null;
            }

            return (0, 0);
        }

        var records = page.Records.Select(RelayRecord.FromChangeRecord).ToList();
        var result = await _relay.ProcessAsync(records, cancellationToken).ConfigureAwait(false);
        var firstFailure = result.FailedRecordIndexes.Count == 0 ? records.Count : result.FailedRecordIndexes[0];

        // Everything before the first failure was handled; the checkpoint moves to the last such record.
        var handled = page.Records.Take(firstFailure).LastOrDefault(r => r.SequenceNumber is not null);
        if (handled is not null && handled.SequenceNumber != shard.Checkpoint)
        {
            shard.Checkpoint = handled.SequenceNumber;
            await _checkpoints.SetAsync(_streamArn, shard.Shard.ShardId, handled.SequenceNumber!, cancellationToken).ConfigureAwait(false);
        }

        if (result.FailedRecordIndexes.Count > 0)
        {
            // Read again from the failed record next time, so nothing after it is skipped.
            shard.Iterator = null;
            shard.ResumeAt = page.Records[firstFailure].SequenceNumber;
        }
        else
        {
            shard.ResumeAt = null;
            shard.Iterator = page.NextShardIterator;
            shard.Finished = page.NextShardIterator is null;
        }

        return (records.Count, result.FailedRecordIndexes.Count);
    }

    private Task<string?> GetIteratorAsync(ShardState shard, CancellationToken cancellationToken)
    {
        var id = shard.Shard.ShardId;
        if (shard.ResumeAt is not null)
        {
            return _streams.GetShardIteratorAsync(_streamArn, id, ShardIteratorType.AtSequenceNumber, shard.ResumeAt, cancellationToken);
        }

        return shard.Checkpoint is null
            ? _streams.GetShardIteratorAsync(_streamArn, id, _options.StartPosition, null, cancellationToken)
            : _streams.GetShardIteratorAsync(_streamArn, id, ShardIteratorType.AfterSequenceNumber, shard.Checkpoint, cancellationToken);
    }

    private sealed class ShardState(StreamShard shard)
    {
        public StreamShard Shard { get; } = shard;

        public string? Iterator { get; set; }

        public string? Checkpoint { get; set; }

        public string? ResumeAt { get; set; }

        public bool Finished { get; set; }
    }
}
