using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Consistency.Runtime.DynamoDb;
using Consistency.Runtime.Idempotency;
using Consistency.Runtime.Outbox;
using Consistency.Runtime.Relay;
using Consistency.Runtime.Streams;

namespace OrderService.Scenario.Backends
{
    /// <summary>
    /// DynamoDB Local: real tables (orders with its stream, idempotency records, relay checkpoints, all uniquely named
    /// per run) and the relay deployed as a long-running host that tails the stream with checkpoints.
    /// </summary>
    public sealed class DynamoDbLocalBackend : IScenarioBackend
    {
        // DynamoDB Local keeps one database per access key and region.
        private static readonly BasicAWSCredentials Credentials = new("consistencysamples", "local");
        private const string Region = "us-east-1";

        private readonly AmazonDynamoDBClient client;
        private readonly DynamoDbStreamsClient streams;
        private readonly string streamArn;
        private readonly string checkpointTable;

        private DynamoDbLocalBackend(string endpoint, AmazonDynamoDBClient client, DynamoDbStreamsClient streams, string table, string idempotencyTable, string checkpointTable, string streamArn)
        {
            Description = $"DynamoDB Local at {endpoint}; relay as a host tailing the table's stream";
            this.client = client;
            this.streams = streams;
            this.streamArn = streamArn;
            this.checkpointTable = checkpointTable;
            TableName = table;
            IdempotencyStore = new DynamoDbIdempotencyStore(client, idempotencyTable);
        }

        public string Description { get; }

        public IAmazonDynamoDB Dynamo => client;

        public IIdempotencyStore IdempotencyStore { get; }

        public string TableName { get; }

        public static async Task<DynamoDbLocalBackend> CreateAsync(string endpoint, CancellationToken cancellationToken)
        {
            var client = new AmazonDynamoDBClient(Credentials, new AmazonDynamoDBConfig { ServiceURL = endpoint, AuthenticationRegion = Region });
            var run = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
            var table = "orders-" + run;
            var idempotencyTable = "idempotency-" + run;
            var checkpointTable = "relay-checkpoints-" + run;
            var streamArn = await ConsistencyTables.CreateOutboxTableAsync(client, new OutboxOptions { TableName = table }, cancellationToken);
            await ConsistencyTables.CreateIdempotencyTableAsync(client, idempotencyTable, cancellationToken);
            await ConsistencyTables.CreateInboxTableAsync(client, checkpointTable, cancellationToken);
            var streams = new DynamoDbStreamsClient(new Uri(endpoint), Region, Credentials);
            return new DynamoDbLocalBackend(endpoint, client, streams, table, idempotencyTable, checkpointTable, streamArn);
        }

        public async Task RunRelayAsync(OrderServiceComposition service, CancellationToken process)
        {
            // A restarted host: a new tailer that resumes from the checkpoints stored in DynamoDB.
            var tailer = new OutboxStreamTailer(
                streams,
                streamArn,
                service.CreateRelay(),
                new StreamTailerOptions { BatchSize = 25 },
                new DynamoDbStreamCheckpointStore(client, checkpointTable));
            var idlePasses = 0;
            for (var pass = 0; pass < 1000 && idlePasses < 2; pass++)
            {
                var result = await tailer.PollOnceAsync(process);
                idlePasses = result.Records == 0 && result.FailedRecords == 0 ? idlePasses + 1 : 0;
            }
        }

        public async Task<List<Dictionary<string, AttributeValue>>> ScanAsync(CancellationToken cancellationToken)
        {
            var items = new List<Dictionary<string, AttributeValue>>();
            Dictionary<string, AttributeValue>? start = null;
            do
            {
                var page = await client.ScanAsync(new ScanRequest { TableName = TableName, ConsistentRead = true, ExclusiveStartKey = start }, cancellationToken);
                items.AddRange(page.Items ?? new List<Dictionary<string, AttributeValue>>());
                start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
            }
            while (start is not null);
            return items;
        }

        public ValueTask DisposeAsync()
        {
            streams.Dispose();
            client.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
