using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using Amazon;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace Consistency.Generators.Tests.Infrastructure
{
    /// <summary>A DynamoDB client that accepts every transaction and records it, without any network.</summary>
    internal sealed class RecordingDynamoDb : AmazonDynamoDBClient
    {
        public RecordingDynamoDb()
            : base(new BasicAWSCredentials("test", "test"), RegionEndpoint.EUWest1)
        {
        }

        public ConcurrentQueue<TransactWriteItemsRequest> Transactions { get; } = new();

        public override Task<TransactWriteItemsResponse> TransactWriteItemsAsync(TransactWriteItemsRequest request, CancellationToken cancellationToken = default)
        {
            Transactions.Enqueue(request);
            return Task.FromResult(new TransactWriteItemsResponse());
        }
    }
}
