using System;
using System.Linq;
using System.Threading.Tasks;
using Consistency.Samples.Tests.Infrastructure;

namespace Consistency.Samples.Tests;

/// <summary>samples/OrderService.After, the same service fixed, builds with warnings as errors and no consistency diagnostic.</summary>
public sealed class AfterSampleTests
{
    [Fact]
    public async Task The_after_sample_builds_with_no_consistency_diagnostic_at_any_severity()
    {
        var (exitCode, output, diagnostics) = await SampleBuild.BuildAsync("OrderService.After");

        Assert.True(exitCode == 0, "The after sample must build with warnings as errors:\n" + output);
        var consistency = diagnostics.Where(d => d.Id.StartsWith("CH", StringComparison.Ordinal)).ToList();
        Assert.True(consistency.Count == 0, "Consistency diagnostics in the after sample:\n  " + string.Join("\n  ", consistency));
    }

    [Fact]
    public async Task The_sarif_log_sees_diagnostics_so_an_empty_after_list_means_something()
    {
        // Guard for the test above: the same build pipeline reports the before sample's diagnostics.
        var (_, output, diagnostics) = await SampleBuild.BuildAsync("OrderService.Before");
        Assert.True(diagnostics.Any(d => d.Id == "CH0001"), "No CH0001 read from the before sample's SARIF log:\n" + output);
    }
}
