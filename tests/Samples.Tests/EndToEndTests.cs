using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Consistency.Runtime.Tests.Infrastructure;
using OrderService.Scenario;
using OrderService.Scenario.Backends;
using Xunit.Abstractions;

namespace Consistency.Samples.Tests;

/// <summary>
/// The scenario scripts/sample.sh runs: orders placed both ways, the relay killed mid-way and restarted, duplicates
/// delivered; every committed event must reach the queue and no handler effect may happen twice.
/// </summary>
public sealed class EndToEndTests(ITestOutputHelper output)
{
    [Fact]
    public async Task On_the_embedded_engine_every_event_is_delivered_and_no_effect_is_applied_twice()
    {
        await using var backend = new EmbeddedBackend();
        var report = await RunAsync(backend, new ScenarioOptions());

        AssertInvariants(report, new ScenarioOptions());

        // Deterministic on the embedded engine: the relay is killed in the second stream batch, whose records are
        // published again after the restart.
        Assert.Equal(7, report.PublishedBeforeKill);
        Assert.Equal(40, report.EventsCommitted);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(13)]
    [InlineData(20)]
    public async Task On_the_embedded_engine_a_kill_at_any_point_of_the_first_relay_run_loses_nothing(int killAfter)
    {
        var options = new ScenarioOptions { KillRelayAfterEvents = killAfter };
        await using var backend = new EmbeddedBackend();
        var report = await RunAsync(backend, options);

        AssertInvariants(report, options);
        Assert.Equal(killAfter, report.PublishedBeforeKill);
    }

    [Fact]
    public async Task On_DynamoDB_Local_every_event_is_delivered_and_no_effect_is_applied_twice()
    {
        var endpoint = await DynamoDbLocal.GetEndpointAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var backend = await DynamoDbLocalBackend.CreateAsync(endpoint, timeout.Token);
        var report = await RunAsync(backend, new ScenarioOptions());

        AssertInvariants(report, new ScenarioOptions());
        Assert.Equal(7, report.PublishedBeforeKill);
    }

    private async Task<ScenarioReport> RunAsync(IScenarioBackend backend, ScenarioOptions options)
    {
        using var log = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var report = await OrderScenario.RunAsync(backend, options, log, timeout.Token);
        output.WriteLine(log.ToString());
        output.WriteLine(report.Format());
        return report;
    }

    private static void AssertInvariants(ScenarioReport report, ScenarioOptions options)
    {
        var orders = options.DirectOrders + options.RequestedOrders;
        Assert.True(report.Passed, report.Format());

        // The same facts, one by one, so that a regression names itself.
        Assert.True(report.RelayKilled);
        Assert.Equal(orders, report.OrdersStored);
        Assert.Equal(2 * orders, report.EventsCommitted);             // OrderPlaced and PaymentCaptured per order
        Assert.Equal(report.EventsCommitted, report.EventsDelivered);
        Assert.Equal(0, report.EventsLost);
        Assert.True(report.Publishes > report.EventsDelivered);        // the restart re-sent what the dead relay had sent
        Assert.True(report.RequestDeliveries > options.RequestedOrders);
        Assert.True(report.EventDeliveries > report.EventsDelivered);
        Assert.Equal(orders, report.PaymentsStored);
        Assert.Equal(orders, report.OrdersPaid);
        Assert.Equal(orders, report.GatewayCalls);
        Assert.Equal(orders, report.Charges);
    }
}
