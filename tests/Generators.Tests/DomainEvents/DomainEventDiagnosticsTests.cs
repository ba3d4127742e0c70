using System.Linq;
using Consistency.Generators.DomainEvents;
using Consistency.Generators.Tests.Infrastructure;

namespace Consistency.Generators.Tests.DomainEvents
{
    /// <summary>CH0105-CH0110 for [DomainEvent]: each misuse is reported where it is, and its look-alike is not.</summary>
    public class DomainEventDiagnosticsTests
    {
        private static Consistency.Testing.Generators.GeneratorRun Verify(string events, string serialisable = "[JsonSerializable(typeof(Placed))]")
            => DiagnosticsHarness.Verify(() => new DomainEventGenerator(), $$"""
                using System;
                using System.Collections.Generic;
                using System.Text.Json.Serialization;
                using Consistency;

                namespace Orders
                {
                {{events}}

                    {{serialisable}}
                    internal partial class EventsJson : JsonSerializerContext
                    {
                    }
                }
                """);

        [Fact]
        public void WellFormedEvent_HasNoDiagnostics()
            => Verify("""
                    [DomainEvent("orders.placed")]
                    public sealed record Placed([property: EventId] string EventId, [property: AggregateKey] string OrderId);
                """);

        [Fact]
        public void NotInAJsonContext_CH0105()
            => Verify("""
                    [DomainEvent("orders.placed")]
                    public sealed record {|CH0105:Placed|}([property: EventId] string EventId, [property: AggregateKey] string OrderId);
                """, serialisable: "[JsonSerializable(typeof(string))]");

        [Fact]
        public void NoAggregateKey_CH0106()
            => Verify("""
                    [DomainEvent("orders.placed")]
                    public sealed record {|CH0106:Placed|}([property: EventId] string EventId, string OrderId);
                """);

        [Fact]
        public void NoEventId_CH0107_IsAWarning_AndTheMappingIsStillGenerated()
        {
            var run = Verify("""
                    [DomainEvent("orders.placed")]
                    public sealed record {|CH0107:Placed|}([property: AggregateKey] string OrderId);
                """);

            Assert.Contains(run.Result.GeneratedSources, s => s.HintName == "Orders.Placed.DomainEvent.g.cs");
            Assert.Contains("eventId: null", run.Result.GeneratedSources.Single(s => s.HintName == "Orders.Placed.DomainEvent.g.cs").SourceText.ToString(), System.StringComparison.Ordinal);
        }

        [Fact]
        public void SameTypeNameAndVersion_CH0108_OnTheSecondType()
            => Verify("""
                    [DomainEvent("orders.placed")]
                    public sealed record Placed([property: EventId] string EventId, [property: AggregateKey] string OrderId);

                    [DomainEvent("orders.placed")]
                    public sealed record {|CH0108:PlacedAgain|}([property: EventId] string EventId, [property: AggregateKey] string OrderId);
                """, serialisable: "[JsonSerializable(typeof(Placed))]\n    [JsonSerializable(typeof(PlacedAgain))]");

        [Fact]
        public void SameTypeNameWithAnotherVersion_NoDiagnostic_AndBothAreRegistered()
        {
            var run = Verify("""
                    [DomainEvent("orders.placed")]
                    public sealed record Placed([property: EventId] string EventId, [property: AggregateKey] string OrderId);

                    [DomainEvent("orders.placed", 2)]
                    public sealed record PlacedV2([property: EventId] string EventId, [property: AggregateKey] string OrderId, decimal Total);
                """, serialisable: "[JsonSerializable(typeof(Placed))]\n    [JsonSerializable(typeof(PlacedV2))]");

            var registry = run.Result.GeneratedSources.Single(s => s.HintName == DomainEventEmitter.RegistryHintName).SourceText.ToString();
            Assert.Contains("case (\"orders.placed\", 1):", registry, System.StringComparison.Ordinal);
            Assert.Contains("case (\"orders.placed\", 2):", registry, System.StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("public Action? {|CH0109:OnApplied|} { get; init; }")]
        [InlineData("public Type? {|CH0109:Kind|} { get; init; }")]
        [InlineData("public IntPtr {|CH0109:Handle|} { get; init; }")]
        [InlineData("public int[,]? {|CH0109:Grid|} { get; init; }")]
        [InlineData("public List<Func<int>>? {|CH0109:Callbacks|} { get; init; }")]
        [InlineData("public System.Threading.Tasks.Task<int>? {|CH0109:Pending|} { get; init; }")]
        public void UnserialisableMember_CH0109(string member)
            => Verify($$"""
                    [DomainEvent("orders.placed")]
                    public sealed class Placed
                    {
                        [EventId]
                        public string EventId { get; init; } = "";

                        [AggregateKey]
                        public string OrderId { get; init; } = "";

                        {{member}}
                    }
                """);

        [Fact]
        public void IgnoredDelegateAndSerialisableCollections_NoDiagnostic()
            => Verify("""
                    [DomainEvent("orders.placed")]
                    public sealed class Placed
                    {
                        [EventId]
                        public string EventId { get; init; } = "";

                        [AggregateKey]
                        public Guid OrderId { get; init; }

                        public List<string> Lines { get; init; } = new();

                        public Dictionary<string, decimal[]> Prices { get; init; } = new();

                        [JsonIgnore]
                        public Action? OnApplied { get; init; }
                    }
                """);

        [Theory]
        [InlineData("\"\"", "")]
        [InlineData("\"orders placed\"", "")]
        [InlineData("\"orders.placed\"", ", 0")]
        public void InvalidTypeNameOrVersion_CH0110(string name, string version)
            => Verify($$"""
                    [DomainEvent({{name}}{{version}})]
                    public sealed record {|CH0110:Placed|}([property: EventId] string EventId, [property: AggregateKey] string OrderId);
                """);

        [Fact]
        public void GenericEvent_CH0110()
            => Verify("""
                    [DomainEvent("orders.placed")]
                    public sealed record {|CH0110:Placed|}<T>([property: EventId] string EventId, [property: AggregateKey] string OrderId, T Value);
                """, serialisable: "[JsonSerializable(typeof(string))]");

        [Fact]
        public void PrivateNestedEvent_CH0110()
            => Verify("""
                    public partial class Outer
                    {
                        [DomainEvent("orders.placed")]
                        private sealed record {|CH0110:Placed|}([property: EventId] string EventId, [property: AggregateKey] string OrderId);
                    }
                """, serialisable: "[JsonSerializable(typeof(string))]");

        [Fact]
        public void NestedPublicEvent_GetsAMappingNamedAfterItsOuterType()
        {
            var run = Verify("""
                    public static class Outer
                    {
                        [DomainEvent("orders.placed")]
                        public sealed record Placed([property: EventId] string EventId, [property: AggregateKey] string OrderId);
                    }
                """, serialisable: "[JsonSerializable(typeof(Outer.Placed))]");

            Assert.Contains("public static class OuterPlacedDomainEvent", run.Result.GeneratedSources.Single(s => s.HintName == "Orders.Outer.Placed.DomainEvent.g.cs").SourceText.ToString(), System.StringComparison.Ordinal);
        }
    }
}
