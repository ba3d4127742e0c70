using System;
using System.Linq;
using System.Threading.Tasks;
using Consistency.Samples.Tests.Infrastructure;

namespace Consistency.Samples.Tests;

/// <summary>samples/OrderService.Before builds, with exactly the consistency diagnostics a newcomer should see.</summary>
public sealed class BeforeSampleTests
{
    /// <summary>
    /// Every consistency diagnostic of the before sample: id, file (relative to samples/OrderService.Before) and line.
    /// The failure message prints the actual list in this form. CH0002 is reported once per handler, on its name.
    /// The payment put under a Guid key is CH0002's (a new key per delivery), not CH0003's.
    /// </summary>
    private static readonly BuildDiagnostic[] Expected =
    [
        new("CH0001", "Api/OrdersEndpoint.cs", 30),               // PlaceAsync: order saved, then OrderPlaced published
        new("CH0001", "Api/OrdersEndpoint.cs", 38),               // CancelAsync: OrderCancelled published, then the write
        new("CH0002", "Handlers/OrderStreamForwarder.cs", 22),    // records forwarded to Kinesis again on every redelivery
        new("CH0005", "Handlers/OrderStreamForwarder.cs", 22),    // stream batch handler without StreamsEventResponse
        new("CH0007", "Handlers/OrderStreamForwarder.cs", 38),    // Kinesis PartitionKey = Guid.NewGuid() with the order id in scope
        new("CH0006", "Handlers/OrderStreamForwarder.cs", 48),    // PutRecords' FailedRecordCount ignored
        new("CH0002", "Handlers/PaymentHandler.cs", 35),          // card charged, payment inserted under a new key, per delivery
        new("CH0005", "Handlers/PaymentHandler.cs", 35),          // SQS batch handler without SQSBatchResponse
        new("CH0001", "Handlers/PaymentHandler.cs", 49),          // the card charged over HTTP, then the payment written
        new("CH0004", "Handlers/PaymentHandler.cs", 61),          // status overwritten without a version/state check (Info)
        new("CH0011", "Handlers/PaymentHandler.cs", 71),          // receipt request sent fire-and-forget (_ = SendMessageAsync)
    ];

    [Fact]
    public async Task The_before_sample_builds_with_exactly_the_expected_consistency_diagnostics()
    {
        var (exitCode, output, diagnostics) = await SampleBuild.BuildAsync("OrderService.Before");
        Assert.True(exitCode == 0, "The before sample must build (it exists to show warnings, not errors):\n" + output);

        var actual = diagnostics.Where(d => d.Id.StartsWith("CH", StringComparison.Ordinal)).ToList();
        var expected = Expected.OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Id, StringComparer.Ordinal).ToList();
        Assert.True(
            expected.SequenceEqual(actual),
            "The before sample's consistency diagnostics changed.\nExpected:\n  "
            + string.Join("\n  ", expected)
            + "\nActual:\n  "
            + string.Join("\n  ", actual)
            + "\nMissing: " + string.Join(" ", expected.Except(actual))
            + "\nUnexpected: " + string.Join(" ", actual.Except(expected)));
    }
}
