using System.Linq;
using Consistency.Generators.DomainEvents;
using Consistency.Generators.Tests.DomainEvents;
using Consistency.Generators.Tests.Infrastructure;

namespace Consistency.Generators.Tests
{
    /// <summary>The harness runs the SDK's System.Text.Json generator next to ours, as a real build does.</summary>
    public class HarnessTests
    {
        [Fact]
        public void SystemTextJsonGenerator_CompletesTheUsersContext_InTheSameRun()
        {
            var run = GeneratorHarness.Create(new DomainEventGenerator(), DomainEventSources.Orders).Run();

            var generatedByOthers = run.OutputCompilation.SyntaxTrees.Select(t => t.FilePath).Where(p => p.Contains("JsonSourceGenerator", System.StringComparison.Ordinal)).ToList();
            Assert.Contains(generatedByOthers, p => p.EndsWith("OrderEventsJson.OrderPlaced.g.cs", System.StringComparison.Ordinal));
            Assert.All(run.Result.GeneratedSources, s => Assert.DoesNotContain("JsonSourceGenerator", s.HintName, System.StringComparison.Ordinal));
        }
    }
}
