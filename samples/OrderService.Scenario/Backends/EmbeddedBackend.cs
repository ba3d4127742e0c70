using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Consistency.Runtime.Idempotency;
using OrderService.Scenario.Embedded;

namespace OrderService.Scenario.Backends
{
    /// <summary>
    /// The embedded default: the in-memory engine and idempotency store, and the relay deployed as a Lambda function
    /// whose event source mapping (played here) feeds it the table's changes in batches and retries from the first
    /// record it did not acknowledge.
    /// </summary>
    public sealed class EmbeddedBackend : IScenarioBackend
    {
        private const int StreamBatchSize = 10;
        private readonly EmbeddedDynamoDb engine = new("pk", "sk");
        private long checkpoint;

        public string Description => "embedded in-memory engine; relay as a Lambda function on the table's stream";

        public IAmazonDynamoDB Dynamo => engine;

        public IIdempotencyStore IdempotencyStore { get; } = new InMemoryIdempotencyStore();

        public string TableName => "orders";

        public async Task RunRelayAsync(OrderServiceComposition service, CancellationToken process)
        {
            // A fresh container: a new function instance.
            var function = service.CreateRelayFunction();
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                var batch = engine.ChangesAfter(checkpoint, StreamBatchSize);
                if (batch.Count == 0)
                {
                    return;
                }

                using var payload = StreamEventJson.Render(batch);
                var response = await function.HandleAsync(payload, process);
                var failed = new HashSet<string>(StringComparer.Ordinal);
                foreach (var failure in response.BatchItemFailures)
                {
                    failed.Add(failure.ItemIdentifier);
                }

                // The mapping moves past every record before the first reported failure and retries from there.
                foreach (var entry in batch)
                {
                    if (failed.Contains(entry.SequenceNumber.ToString("D21", System.Globalization.CultureInfo.InvariantCulture)))
                    {
                        break;
                    }

                    checkpoint = entry.SequenceNumber;
                }
            }

            throw new InvalidOperationException("The relay keeps failing the same records.");
        }

        public async Task<List<Dictionary<string, AttributeValue>>> ScanAsync(CancellationToken cancellationToken)
            => (await engine.ScanAsync(new ScanRequest { TableName = TableName, ConsistentRead = true }, cancellationToken)).Items;

        public ValueTask DisposeAsync()
        {
            engine.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
