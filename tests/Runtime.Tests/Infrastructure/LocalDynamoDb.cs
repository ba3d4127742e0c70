using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace Consistency.Runtime.Tests.Infrastructure;

/// <summary>Clients for the test engine, with unique table names so that test classes run in parallel.</summary>
public static class LocalDynamoDb
{
    // DynamoDB Local keeps one database per access key and region: every client must use the same pair.
    public const string AccessKey = "consistencytests";
    public const string SecretKey = "local";
    public const string Region = "us-east-1";

    private static int _sequence;

    public static BasicAWSCredentials Credentials => new(AccessKey, SecretKey);

    public static async Task<(AmazonDynamoDBClient Client, RequestCounter Counter)> CreateClientAsync(int maxErrorRetry = 4)
    {
        var endpoint = await DynamoDbLocal.GetEndpointAsync().ConfigureAwait(false);
        var counter = new RequestCounter();
        var config = new AmazonDynamoDBConfig
        {
            ServiceURL = endpoint,
            AuthenticationRegion = Region,
            HttpClientFactory = counter,
            MaxErrorRetry = maxErrorRetry,
            Timeout = TimeSpan.FromSeconds(30),
        };
        return (new AmazonDynamoDBClient(Credentials, config), counter);
    }

    public static string UniqueName(string prefix) =>
        $"{prefix}-{Environment.ProcessId}-{Interlocked.Increment(ref _sequence)}-{Guid.NewGuid().ToString("N")[..8]}";
}
