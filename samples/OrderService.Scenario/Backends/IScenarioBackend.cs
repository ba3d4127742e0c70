using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Consistency.Runtime.Idempotency;

namespace OrderService.Scenario.Backends
{
    /// <summary>Where the scenario keeps its data and how its relay reads the outbox.</summary>
    public interface IScenarioBackend : IAsyncDisposable
    {
        string Description { get; }

        IAmazonDynamoDB Dynamo { get; }

        IIdempotencyStore IdempotencyStore { get; }

        string TableName { get; }

        /// <summary>
        /// Runs one relay process until it has published everything committed so far. Cancelling
        /// <paramref name="process"/> kills it: it throws and a later run resumes from what was acknowledged.
        /// </summary>
        Task RunRelayAsync(OrderServiceComposition service, CancellationToken process);

        /// <summary>Every item of the service's table, read consistently.</summary>
        Task<List<Dictionary<string, AttributeValue>>> ScanAsync(CancellationToken cancellationToken);
    }
}
