using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Consistency.Runtime.DynamoDb;
using Consistency.Runtime.Outbox;
using Consistency.Runtime.Streams;

namespace Consistency.Runtime.Tests.Infrastructure;

/// <summary>An outbox table with a stream on DynamoDB Local, and a Streams client for it.</summary>
public sealed class OutboxStream : IAsyncDisposable
{
    private OutboxStream(AmazonDynamoDBClient client, RequestCounter counter, OutboxOptions options, string streamArn, DynamoDbStreamsClient streams)
    {
        Client = client;
        Counter = counter;
        Options = options;
        StreamArn = streamArn;
        Streams = streams;
    }

    public AmazonDynamoDBClient Client { get; }

    public RequestCounter Counter { get; }

    public OutboxOptions Options { get; }

    public string StreamArn { get; }

    public DynamoDbStreamsClient Streams { get; }

    public static async Task<OutboxStream> CreateAsync(string prefix, bool trackPending = false)
    {
        var (client, counter) = await LocalDynamoDb.CreateClientAsync();
        var options = new OutboxOptions { TableName = LocalDynamoDb.UniqueName(prefix), TrackPending = trackPending };
        var arn = await ConsistencyTables.CreateOutboxTableAsync(client, options);
        var endpoint = await DynamoDbLocal.GetEndpointAsync();
        var streams = new DynamoDbStreamsClient(new Uri(endpoint), LocalDynamoDb.Region, LocalDynamoDb.Credentials);
        return new OutboxStream(client, counter, options, arn, streams);
    }

    public async Task CommitAsync(IEnumerable<EventEnvelope> events)
    {
        var unitOfWork = new OutboxUnitOfWork(Client, Options);
        foreach (var envelope in events)
        {
            unitOfWork.AddEvent(envelope);
        }

        await unitOfWork.CommitAsync();
    }

    /// <summary>Reads every record currently in the stream, in shard order.</summary>
    public async Task<List<ChangeRecord>> ReadAllRecordsAsync()
    {
        var records = new List<ChangeRecord>();
        var description = await Streams.DescribeStreamAsync(StreamArn, null, CancellationToken.None);
        foreach (var shard in description.Shards)
        {
            var iterator = await Streams.GetShardIteratorAsync(StreamArn, shard.ShardId, ShardIteratorType.TrimHorizon, null, CancellationToken.None);
            while (iterator is not null)
            {
                var page = await Streams.GetRecordsAsync(iterator, 1000, CancellationToken.None);
                records.AddRange(page.Records);
                if (page.Records.Count == 0)
                {
                    break;
                }

                iterator = page.NextShardIterator;
            }
        }

        return records;
    }

    public ValueTask DisposeAsync()
    {
        Streams.Dispose();
        Client.Dispose();
        return ValueTask.CompletedTask;
    }
}
