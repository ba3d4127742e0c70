using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Consistency.Runtime.Benchmarks;
using Consistency.Runtime.DynamoDb;
using Consistency.Runtime.Idempotency;
using Consistency.Runtime.Outbox;

// Usage: dotnet run --project benchmarks/Runtime.Benchmarks [-c Release]
// Uses CONSISTENCY_DYNAMODB_ENDPOINT, or starts DynamoDB Local with scripts/dynamodb-local.sh.
var endpoint = Environment.GetEnvironmentVariable("CONSISTENCY_DYNAMODB_ENDPOINT");
var script = Path.Combine(FindRoot(), "scripts", "dynamodb-local.sh");
var startedEngine = false;
if (string.IsNullOrWhiteSpace(endpoint))
{
    startedEngine = await RunScriptAsync(script, "endpoint") != 0;
    using var process = Process.Start(new ProcessStartInfo("bash", [script, "start"]) { RedirectStandardOutput = true })!;
    endpoint = (await process.StandardOutput.ReadToEndAsync()).Trim();
    await process.WaitForExitAsync();
    if (process.ExitCode != 0)
    {
        Console.Error.WriteLine("Could not start DynamoDB Local.");
        return 1;
    }
}

var counter = new CountingHttpClientFactory();
using var client = new AmazonDynamoDBClient(
    new BasicAWSCredentials("benchmarks", "local"),
    new AmazonDynamoDBConfig { ServiceURL = endpoint, AuthenticationRegion = "us-east-1", HttpClientFactory = counter });
var suffix = Guid.NewGuid().ToString("N")[..8];
var outbox = new OutboxOptions { TableName = "bench-outbox-" + suffix };
var idempotencyTable = "bench-idempotency-" + suffix;
var business = "bench-business-" + suffix;
await ConsistencyTables.CreateOutboxTableAsync(client, outbox);
await ConsistencyTables.CreateIdempotencyTableAsync(client, idempotencyTable);
await client.CreateTableAsync(new CreateTableRequest
{
    TableName = business,
    BillingMode = BillingMode.PAY_PER_REQUEST,
    AttributeDefinitions = [new("pk", ScalarAttributeType.S)],
    KeySchema = [new("pk", KeyType.HASH)],
});

var factory = new OutboxUnitOfWorkFactory(client, outbox);
var store = new DynamoDbIdempotencyStore(client, idempotencyTable);
const int invocations = 200;
var rows = new List<(string Scenario, double PerOperation, string Breakdown)>();

Func<OutboxUnitOfWork, CancellationToken, Task<string>> Work(string orderId, int events) => (unitOfWork, _) =>
{
    unitOfWork.Put(new Put
    {
        TableName = business,
        Item = new Dictionary<string, AttributeValue> { ["pk"] = new() { S = orderId }, ["status"] = new() { S = "paid" } },
    });
    for (var i = 0; i < events; i++)
    {
        unitOfWork.AddEvent(new EventEnvelope(Guid.NewGuid().ToString("N"), "orders.paid", 1, orderId, DateTimeOffset.UtcNow, "{\"order\":\"" + orderId + "\"}"));
    }

    return Task.FromResult("{\"ok\":true}");
};

async Task MeasureAsync(string scenario, Func<int, Task> operation)
{
    counter.Reset();
    for (var i = 0; i < invocations; i++)
    {
        await operation(i);
    }

    rows.Add((scenario, (double)counter.Total / invocations, counter.Breakdown()));
}

var noCache = new IdempotencyOptions { UseLocalCache = false };
var handler = new IdempotencyHandler(store, noCache, factory);
await MeasureAsync("idempotent handler, lock + write + complete (Powertools shape)", i => handler.ExecuteAsync("p#" + i, null, async ct =>
{
    var unitOfWork = factory.Create();
    var result = await Work("p" + i, 1)(unitOfWork, ct);
    await unitOfWork.CommitAsync(ct);
    return result;
}));
await MeasureAsync("idempotent handler, transactional lock mode", i => handler.ExecuteTransactionalAsync("l#" + i, null, Work("l" + i, 1), new IdempotencyOptions { UseLocalCache = false, TransactionalMode = TransactionalIdempotencyMode.Lock }));
await MeasureAsync("idempotent handler, transactional optimistic mode", i => handler.ExecuteTransactionalAsync("o#" + i, null, Work("o" + i, 1)));
await MeasureAsync("replay of a completed key, no local cache", i => handler.ExecuteAsync("o#" + i, null, _ => Task.FromResult("unused")));
await MeasureAsync("replay of a completed key, local cache", async i =>
{
    var cached = new IdempotencyHandler(store, new IdempotencyOptions(), factory);
    await cached.ExecuteAsync("c#" + i, null, _ => Task.FromResult("r"));
    counter.Reset();
    await cached.ExecuteAsync("c#" + i, null, _ => Task.FromResult("r"));
});
foreach (var events in new[] { 1, 10, 100, 1000 })
{
    await MeasureAsync($"outbox commit, 1 write + {events} events", i =>
    {
        var unitOfWork = factory.Create();
        Work("e" + events + "-" + i, events)(unitOfWork, CancellationToken.None);
        return unitOfWork.CommitAsync();
    });
}

var baseline = rows[0].PerOperation;
Console.WriteLine($"DynamoDB requests per operation ({invocations} operations each, {endpoint})");
Console.WriteLine();
Console.WriteLine("| scenario | requests/op | vs Powertools shape | breakdown (total) |");
Console.WriteLine("|---|---:|---:|---|");
foreach (var (scenario, perOperation, breakdown) in rows)
{
    var ratio = scenario.StartsWith("outbox", StringComparison.Ordinal) ? "-" : string.Create(CultureInfo.InvariantCulture, $"{perOperation / baseline:0.##}x");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {scenario} | {perOperation:0.##} | {ratio} | {breakdown} |"));
}

if (startedEngine)
{
    await RunScriptAsync(script, "stop");
}

return 0;

static async Task<int> RunScriptAsync(string script, string command)
{
    using var process = Process.Start(new ProcessStartInfo("bash", [script, command]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
    await process.WaitForExitAsync();
    return process.ExitCode;
}

static string FindRoot()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "scripts", "dynamodb-local.sh")))
        {
            return directory.FullName;
        }
    }

    throw new InvalidOperationException("scripts/dynamodb-local.sh not found");
}
