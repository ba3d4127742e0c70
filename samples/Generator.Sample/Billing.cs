using System;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using Consistency;
using Consistency.Runtime.Idempotency;

namespace GeneratorSample
{
    /// <summary>A command to charge a customer once, whatever the number of deliveries.</summary>
    /// <param name="PaymentId">The id the caller chose for this payment: the idempotency key.</param>
    /// <param name="Customer">Who pays.</param>
    /// <param name="Amount">How much.</param>
    public sealed record ChargeCustomer([property: IdempotencyKey] Guid PaymentId, string Customer, decimal Amount);

    /// <summary>What a charge returned.</summary>
    /// <param name="PaymentId">The payment.</param>
    /// <param name="Receipt">The provider's receipt number.</param>
    public sealed record ChargeReceipt(Guid PaymentId, int Receipt);

    /// <summary>The event announcing a charge.</summary>
    /// <param name="EventId">Derived from the payment, so a retried handler creates the same event.</param>
    /// <param name="PaymentId">The payment: the ordering key.</param>
    /// <param name="Amount">How much.</param>
    [DomainEvent("billing.customer-charged")]
    public sealed record CustomerCharged(
        [property: EventId] string EventId,
        [property: AggregateKey] Guid PaymentId,
        decimal Amount);

    /// <summary>Source-generated JSON metadata for everything the generated code serialises.</summary>
    [JsonSerializable(typeof(ChargeCustomer))]
    [JsonSerializable(typeof(ChargeReceipt))]
    [JsonSerializable(typeof(CustomerCharged))]
    internal sealed partial class BillingJson : JsonSerializerContext
    {
    }

    /// <summary>Charges customers; callers use <c>ChargeIdempotentAsync</c>.</summary>
    public sealed partial class BillingHandler
    {
        private readonly IdempotencyHandler idempotency;
        private int receipts;

        /// <summary>Creates the handler.</summary>
        /// <param name="idempotency">Where invocations are recorded.</param>
        public BillingHandler(IdempotencyHandler idempotency) => this.idempotency = idempotency;

        /// <summary>How often the provider was really called.</summary>
        public int ProviderCalls => receipts;

        /// <summary>Charges the customer (the side effect that must happen once).</summary>
        /// <param name="command">The charge.</param>
        /// <param name="cancellationToken">Cancels the charge.</param>
        /// <returns>The receipt.</returns>
        [Idempotent("billing.charge")]
        public async Task<ChargeReceipt> ChargeAsync(ChargeCustomer command, CancellationToken cancellationToken)
        {
            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
            return new ChargeReceipt(command.PaymentId, Interlocked.Increment(ref receipts));
        }
    }
}
