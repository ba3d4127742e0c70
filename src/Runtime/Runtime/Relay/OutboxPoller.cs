using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Consistency.Runtime.Outbox;

namespace Consistency.Runtime.Relay;

/// <summary>
/// The fallback relay where streams are not available: queries the sparse <c>pending-index</c> for outbox items not
/// yet published (written with <see cref="OutboxOptions.TrackPending"/>), publishes them in key order and then removes
/// their <c>pending</c> attribute. A crash between publish and removal publishes again (at-least-once). Within a pass,
/// a failed aggregate's later items wait. Ordering relies on the commit timestamps at the start of the sort key, so
/// writers' clocks should be synchronised. Run one poller per table.
/// </summary>
public sealed class OutboxPoller
{
    private readonly IAmazonDynamoDB _client;
    private readonly OutboxOptions _outbox;
    private readonly OutboxRelay _relay;
    private readonly OutboxPollerOptions _options;

    /// <summary>Creates the poller.</summary>
    /// <param name="client">The DynamoDB client.</param>
    /// <param name="outbox">The outbox table settings.</param>
    /// <param name="relay">The relay that publishes.</param>
    /// <param name="options">Page sizes and pauses.</param>
    public OutboxPoller(IAmazonDynamoDB client, OutboxOptions outbox, OutboxRelay relay, OutboxPollerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(relay);
        _client = client;
        _outbox = outbox;
        _relay = relay;
        _options = options ?? new OutboxPollerOptions();
    }

    /// <summary>Polls until <paramref name="cancellationToken"/> is canceled.</summary>
    /// <param name="cancellationToken">Stops the poller.</param>
    /// <returns>A task that completes when stopped.</returns>
    public Task RunAsync(CancellationToken cancellationToken)
        => RelayLoop.RunAsync(PollOnceAsync, static e => e is AmazonDynamoDBException, _options.IdleDelay, _options.FailureDelay, cancellationToken);

    /// <summary>Publishes pending outbox items, up to <see cref="OutboxPollerOptions.MaxPagesPerPass"/> pages.</summary>
    /// <param name="cancellationToken">Cancels the pass.</param>
    /// <returns>How many items were read and how many failed.</returns>
    public async Task<TailerPass> PollOnceAsync(CancellationToken cancellationToken)
    {
        var blocked = new HashSet<string>(StringComparer.Ordinal);
        var read = 0;
        var failed = 0;
        Dictionary<string, AttributeValue>? start = null;
        for (var page = 0; page < _options.MaxPagesPerPass; page++)
        {
            var response = await _client.QueryAsync(
                new QueryRequest
                {
                    TableName = _outbox.TableName,
                    IndexName = OutboxAttributeNames.PendingIndexName,
                    KeyConditionExpression = "#pending = :pending",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#pending"] = OutboxAttributeNames.Pending },
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":pending"] = new() { S = "1" } },
                    ScanIndexForward = true,
                    Limit = _options.PageSize,
                    ExclusiveStartKey = start,
                },
                cancellationToken).ConfigureAwait(false);
            var items = response.Items ?? new List<Dictionary<string, AttributeValue>>();
            var records = new List<RelayRecord>(items.Count);
            var keys = new List<Dictionary<string, AttributeValue>>(items.Count);
            foreach (var item in items)
            {
                var record = ToRecord(item);

                // The index is eventually consistent and ordered across aggregates: a failed aggregate's later
                // items wait for the next pass.
                if (record.AggregateKey is not null && blocked.Contains(record.AggregateKey))
                {
                    failed++;
                    continue;
                }

                records.Add(record);
                keys.Add(new Dictionary<string, AttributeValue>
                {
                    [_outbox.PartitionKeyName] = item[_outbox.PartitionKeyName],
                    [_outbox.SortKeyName] = item[_outbox.SortKeyName],
                });
            }

            read += items.Count;
            var result = await _relay.ProcessAsync(records, cancellationToken).ConfigureAwait(false);
            var failedIndexes = result.FailedRecordIndexes.ToHashSet();
            failed += failedIndexes.Count;
            for (var i = 0; i < records.Count; i++)
            {
                if (failedIndexes.Contains(i))
                {
                    if (records[i].AggregateKey is { } aggregate)
                    {
                        blocked.Add(aggregate);
                    }

                    continue;
                }

                await MarkPublishedAsync(keys[i], cancellationToken).ConfigureAwait(false);
            }

            start = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
            if (start is null)
            {
                break;
            }
        }

        return new TailerPass(read, failed);
    }

    private RelayRecord ToRecord(Dictionary<string, AttributeValue> item)
    {
        var id = item[_outbox.PartitionKeyName].S + "|" + item[_outbox.SortKeyName].S;
        try
        {
            return RelayRecord.ForEvents(id, OutboxItems.ReadAggregateKey(item), OutboxItems.ReadEvents(item));
        }
        catch (FormatException exception)
        {
            return RelayRecord.Malformed(id, exception.Message, null);
        }
    }

    private async Task MarkPublishedAsync(Dictionary<string, AttributeValue> key, CancellationToken cancellationToken)
    {
        try
        {
            await _client.UpdateItemAsync(
                new UpdateItemRequest
                {
                    TableName = _outbox.TableName,
                    Key = key,
                    UpdateExpression = "REMOVE #pending",
                    ConditionExpression = "attribute_exists(#pk)",
                    ExpressionAttributeNames = new Dictionary<string, string>
                    {
                        ["#pending"] = OutboxAttributeNames.Pending,
                        ["#pk"] = _outbox.PartitionKeyName,
                    },
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            // TTL removed the item meanwhile: nothing left to mark.
        }
    }
}
