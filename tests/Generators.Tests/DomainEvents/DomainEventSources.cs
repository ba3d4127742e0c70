namespace Consistency.Generators.Tests.DomainEvents
{
    internal static class DomainEventSources
    {
        /// <summary>A record, a class with a numeric aggregate key and a record struct, serialised by one context.</summary>
        public const string Orders = """
            using System;
            using System.Text.Json.Serialization;
            using Consistency;

            namespace Orders.Events
            {
                [DomainEvent("orders.order-placed")]
                public sealed record OrderPlaced(
                    [property: EventId] Guid EventId,
                    [property: AggregateKey] string OrderId,
                    decimal Total,
                    DateTimeOffset OccurredAt);

                [DomainEvent("orders.order-shipped", 2)]
                public sealed class OrderShipped
                {
                    [EventId]
                    public string EventId { get; init; } = "";

                    [AggregateKey]
                    public long OrderNumber { get; init; }

                    public string Carrier { get; init; } = "";
                }

                [DomainEvent("inventory.stock-reserved")]
                internal readonly record struct StockReserved(
                    [property: EventId] string? EventId,
                    [property: AggregateKey] Guid Sku,
                    int Quantity);

                [JsonSerializable(typeof(OrderPlaced))]
                [JsonSerializable(typeof(OrderShipped))]
                [JsonSerializable(typeof(StockReserved))]
                internal partial class OrderEventsJson : JsonSerializerContext
                {
                }
            }
            """;
    }
}
