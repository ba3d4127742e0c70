using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Consistency.Generated;
using Consistency.Runtime.Idempotency;
using Consistency.Runtime.Outbox;

namespace GeneratorSample
{
    /// <summary>Delivers one command twice and shows that the customer is charged once; then maps an event.</summary>
    public static class Program
    {
        /// <summary>Runs the sample.</summary>
        /// <returns>0 when the second delivery replayed the first one's result.</returns>
        public static async Task<int> Main()
        {
            var handler = new BillingHandler(new IdempotencyHandler(new InMemoryIdempotencyStore()));
            var command = new ChargeCustomer(Guid.NewGuid(), "c-1", 42m);

            var first = await handler.ChargeIdempotentAsync(command, CancellationToken.None).ConfigureAwait(false);
            var redelivered = await handler.ChargeIdempotentAsync(command, CancellationToken.None).ConfigureAwait(false);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"receipts {first.Receipt} and {redelivered.Receipt}, provider called {handler.ProviderCalls} time(s)"));

            var charged = new CustomerCharged(command.PaymentId + ":charged", command.PaymentId, command.Amount);
            EventEnvelope envelope = charged.ToEnvelope(causationId: command.PaymentId.ToString());
            string cloudEvent = EventEnvelopeJson.Serialize(envelope, "urn:billing");
            object decoded = DomainEventRegistry.Decode(EventEnvelopeJson.Deserialize(cloudEvent));
            Console.WriteLine(cloudEvent);

            return first == redelivered && handler.ProviderCalls == 1 && decoded.Equals(charged) ? 0 : 1;
        }
    }
}
