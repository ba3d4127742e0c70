using System.Text.Json.Serialization;
using Consistency.Runtime.Outbox;

namespace OrderService.Messaging
{
    /// <summary>An order was stored.</summary>
    public sealed record OrderPlaced(string OrderId, string CustomerId, decimal Amount);

    /// <summary>An order was cancelled.</summary>
    public sealed record OrderCancelled(string OrderId);

    /// <summary>The customer was charged for an order.</summary>
    public sealed record PaymentCaptured(string OrderId, string PaymentId, decimal Amount);

    /// <summary>The intent of the listen-to-yourself endpoint: the service's own consumer stores the order.</summary>
    public sealed record PlaceOrderRequested(string RequestId, string OrderId, string CustomerId, decimal Amount);

    /// <summary>Source-generated serialisation (no reflection) for the events.</summary>
    [JsonSerializable(typeof(OrderPlaced))]
    [JsonSerializable(typeof(OrderCancelled))]
    [JsonSerializable(typeof(PaymentCaptured))]
    [JsonSerializable(typeof(PlaceOrderRequested))]
    public sealed partial class OrderEventsJson : JsonSerializerContext
    {
    }

    /// <summary>
    /// Stable event type names and the envelopes of the events: what a <c>[DomainEvent]</c> generator emits, written
    /// by hand here. The aggregate key is the order id, so the events of one order keep their order.
    /// </summary>
    public static class OrderEvents
    {
        public const string OrderPlacedType = "orders.order-placed";
        public const string OrderCancelledType = "orders.order-cancelled";
        public const string PaymentCapturedType = "payments.payment-captured";
        public const string PlaceOrderRequestedType = "orders.place-order-requested";

        public static EventEnvelope Envelope(OrderPlaced value, string? causationId = null) =>
            EventEnvelope.Create(value, OrderEventsJson.Default.OrderPlaced, OrderPlacedType, 1, value.OrderId, causationId: causationId);

        public static EventEnvelope Envelope(OrderCancelled value) =>
            EventEnvelope.Create(value, OrderEventsJson.Default.OrderCancelled, OrderCancelledType, 1, value.OrderId);

        public static EventEnvelope Envelope(PaymentCaptured value, string? causationId = null) =>
            EventEnvelope.Create(value, OrderEventsJson.Default.PaymentCaptured, PaymentCapturedType, 1, value.OrderId, causationId: causationId);

        public static EventEnvelope Envelope(PlaceOrderRequested value) =>
            EventEnvelope.Create(value, OrderEventsJson.Default.PlaceOrderRequested, PlaceOrderRequestedType, 1, value.OrderId);
    }
}
