using System;
using System.Linq;
using System.Reflection;
using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Consistency.Generators.DomainEvents;
using Consistency.Generators.Tests.Infrastructure;
using Consistency.Runtime.Outbox;
using Consistency.Testing.Generators;

namespace Consistency.Generators.Tests.DomainEvents
{
    public class DomainEventGeneratorTests
    {
        private static GeneratorRun RunOrders() => GeneratorHarness.Create(new DomainEventGenerator(), DomainEventSources.Orders).Run();

        private static object Invoke(Assembly assembly, string type, string method, params object?[] arguments)
            => assembly.GetType(type, throwOnError: true)!.GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, arguments)!;

        private static object OrderPlaced(Assembly assembly, Guid id, string orderId, DateTimeOffset at)
            => Activator.CreateInstance(assembly.GetType("Orders.Events.OrderPlaced", throwOnError: true)!, id, orderId, 12.5m, at)!;

        [Fact]
        public void Output_MatchesBaseline()
            => GeneratorTest.VerifyBaselines(RunOrders(), GeneratorHarness.BaselineDirectory, "DomainEvent_Orders");

        [Fact]
        public void Output_CompilesCleanly_InANullableDisabledCSharp10Project()
        {
            var test = GeneratorHarness.Create(new DomainEventGenerator(), DomainEventSources.Orders);
            test.NullableContextOptions = Microsoft.CodeAnalysis.NullableContextOptions.Disable;
            test.LanguageVersion = Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp10;

            Assert.Equal(4, test.Run().Result.GeneratedSources.Length);
        }

        [Fact]
        public void Envelope_CarriesTypeNameVersionIdsAndOrderingKey()
        {
            var assembly = GeneratorHarness.EmitAndLoad(RunOrders());
            var id = Guid.NewGuid();
            var at = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

            var envelope = (EventEnvelope)Invoke(assembly, "Orders.Events.OrderPlacedDomainEvent", "ToEnvelope", OrderPlaced(assembly, id, "o-42", at), "cause-1", "corr-1");

            Assert.Equal("orders.order-placed", envelope.TypeName);
            Assert.Equal(1, envelope.Version);
            Assert.Equal(id.ToString("D"), envelope.EventId);
            Assert.Equal("o-42", envelope.AggregateKey);
            Assert.Equal(at, envelope.OccurredAt);
            Assert.Equal("cause-1", envelope.CausationId);
            Assert.Equal("corr-1", envelope.CorrelationId);
            Assert.Contains("\"OrderId\":\"o-42\"", envelope.Payload, StringComparison.Ordinal);
        }

        [Fact]
        public void CloudEvent_RoundTripsThroughTheRegistry()
        {
            var assembly = GeneratorHarness.EmitAndLoad(RunOrders());
            var placed = OrderPlaced(assembly, Guid.NewGuid(), "o-7", DateTimeOffset.UtcNow);

            var json = (string)Invoke(assembly, "Orders.Events.OrderPlacedDomainEvent", "ToCloudEvent", placed, "urn:orders", null, null);
            var decoded = Invoke(assembly, "Consistency.Generated.DomainEventRegistry", "Decode", EventEnvelopeJson.Deserialize(json));

            Assert.Contains("\"type\":\"orders.order-placed\"", json, StringComparison.Ordinal);
            Assert.Contains("\"source\":\"urn:orders\"", json, StringComparison.Ordinal);
            Assert.Equal(placed, decoded);
        }

        [Fact]
        public void Registry_ListsEveryEvent_AndRejectsUnknownTypes()
        {
            var assembly = GeneratorHarness.EmitAndLoad(RunOrders());
            var registry = assembly.GetType("Consistency.Generated.DomainEventRegistry", throwOnError: true)!;
            var types = ((System.Collections.IEnumerable)registry.GetProperty("Types")!.GetValue(null)!).Cast<object>().Select(t => t.ToString()).ToList();

            Assert.Equal(3, types.Count);
            Assert.Contains("(orders.order-shipped, 2, Orders.Events.OrderShipped)", types);
            var unknown = new EventEnvelope("e-1", "orders.unknown", 1, "o-1", DateTimeOffset.UtcNow, "{}");
            var error = Assert.Throws<TargetInvocationException>(() => Invoke(assembly, "Consistency.Generated.DomainEventRegistry", "Decode", unknown));
            Assert.IsType<NotSupportedException>(error.InnerException);
        }

        [Fact]
        public void FromEnvelope_RejectsAnotherTypeOrVersion()
        {
            var assembly = GeneratorHarness.EmitAndLoad(RunOrders());
            var shippedV1 = new EventEnvelope("e-1", "orders.order-shipped", 1, "42", DateTimeOffset.UtcNow, "{}");

            var error = Assert.Throws<TargetInvocationException>(() => Invoke(assembly, "Orders.Events.OrderShippedDomainEvent", "FromEnvelope", shippedV1));

            Assert.IsType<ArgumentException>(error.InnerException);
        }

        [Fact]
        public void NumericAggregateKey_AndStructEventWithoutId_MapToTheOutboxItem()
        {
            var assembly = GeneratorHarness.EmitAndLoad(RunOrders());
            var shipped = Activator.CreateInstance(assembly.GetType("Orders.Events.OrderShipped", throwOnError: true)!)!;
            shipped.GetType().GetProperty("EventId")!.SetValue(shipped, "evt-9");
            shipped.GetType().GetProperty("OrderNumber")!.SetValue(shipped, 1234567L);
            var sku = Guid.NewGuid();
            var reserved = Activator.CreateInstance(assembly.GetType("Orders.Events.StockReserved", throwOnError: true)!, null, sku, 3)!;

            var shippedEnvelope = (EventEnvelope)Invoke(assembly, "Orders.Events.OrderShippedDomainEvent", "ToEnvelope", shipped, null, null);
            var reservedEnvelope = (EventEnvelope)Invoke(assembly, "Orders.Events.StockReservedDomainEvent", "ToEnvelope", reserved, null, null);
            using var client = new AmazonDynamoDBClient(new BasicAWSCredentials("test", "test"), RegionEndpoint.EUWest1);
            var unitOfWork = new OutboxUnitOfWork(client, new OutboxOptions { TableName = "orders" }).AddEvent(shippedEnvelope);
            var item = unitOfWork.BuildRequest().TransactItems.Single().Put.Item;

            Assert.Equal("1234567", shippedEnvelope.AggregateKey);
            Assert.Equal("evt-9", shippedEnvelope.EventId);
            Assert.Equal(sku.ToString("D"), reservedEnvelope.AggregateKey);
            Assert.False(string.IsNullOrEmpty(reservedEnvelope.EventId));
            Assert.Equal("1234567", OutboxItems.ReadAggregateKey(item));
            Assert.StartsWith(OutboxItems.PartitionKeyPrefix + "1234567", item["pk"].S, StringComparison.Ordinal);
            Assert.True(long.Parse(item[OutboxAttributeNames.TimeToLive].N, System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            var stored = OutboxItems.ReadEvents(item).Single();
            Assert.Equal("evt-9", stored.EventId);
            Assert.Equal("orders.order-shipped", stored.TypeName);
            Assert.Equal(2, stored.Version);
        }
    }
}
