using System;
using System.Threading;
using System.Threading.Tasks;
using OrderService.Scenario;
using OrderService.Scenario.Backends;

// Usage: OrderService.Scenario [--dynamodb-local [endpoint]]
// Without an endpoint argument, --dynamodb-local uses CONSISTENCY_DYNAMODB_ENDPOINT (scripts/sample.sh starts the engine
// and sets it).
var useLocal = args.Length > 0 && args[0] == "--dynamodb-local";
if (args.Length > 0 && !useLocal)
{
    Console.Error.WriteLine("usage: OrderService.Scenario [--dynamodb-local [endpoint]]");
    return 2;
}

using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
IScenarioBackend backend;
if (useLocal)
{
    var endpoint = args.Length > 1 ? args[1] : Environment.GetEnvironmentVariable("CONSISTENCY_DYNAMODB_ENDPOINT");
    if (string.IsNullOrWhiteSpace(endpoint))
    {
        Console.Error.WriteLine("--dynamodb-local needs an endpoint: pass it, or set CONSISTENCY_DYNAMODB_ENDPOINT (scripts/sample.sh --dynamodb-local does)");
        return 2;
    }

    backend = await DynamoDbLocalBackend.CreateAsync(endpoint.Trim(), timeout.Token);
}
else
{
    backend = new EmbeddedBackend();
}

await using (backend)
{
    var report = await OrderScenario.RunAsync(backend, new ScenarioOptions(), Console.Out, timeout.Token);
    Console.WriteLine();
    Console.Write(report.Format());
    return report.Passed ? 0 : 1;
}
