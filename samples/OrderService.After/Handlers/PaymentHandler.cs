using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Lambda.Core;
using Amazon.Lambda.SQSEvents;
using Consistency.Runtime.Idempotency;
using Consistency.Runtime.Outbox;
using OrderService.Data;
using OrderService.Messaging;
using OrderService.Payments;

namespace OrderService.Handlers
{
    /// <summary>
    /// The Lambda function on the order-events queue: charges the customer once per order, however often the event is
    /// delivered. The payment record, the order's status change and <c>PaymentCaptured</c> commit in one transaction
    /// with the idempotency record; the provider deduplicates the charge by the same key.
    /// </summary>
    public sealed class PaymentHandler
    {
        private const string KeyNamespace = "payments.charge-order";

        // Lock mode: the key is claimed before the charge, so concurrent duplicates do not both call the provider.
        private static readonly IdempotencyOptions Options = new() { TransactionalMode = TransactionalIdempotencyMode.Lock };

        private readonly IdempotencyHandler idempotency;
        private readonly IPaymentGateway gateway;
        private readonly OrderRepository orders;
        private readonly PaymentRepository payments;

        public PaymentHandler(IdempotencyHandler idempotency, IPaymentGateway gateway, OrderRepository orders, PaymentRepository payments)
        {
            this.idempotency = idempotency;
            this.gateway = gateway;
            this.orders = orders;
            this.payments = payments;
        }

        public async Task<SQSBatchResponse> FunctionHandler(SQSEvent sqsEvent, ILambdaContext context)
        {
            using var timeout = LambdaTimeout.For(context);
            var failures = new List<SQSBatchResponse.BatchItemFailure>();
            foreach (var message in sqsEvent.Records)
            {
                try
                {
                    await HandleAsync(message.Body, timeout.Token);
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    context.Logger.LogLine($"event {message.MessageId} failed and will be retried: {exception.Message}");
                    failures.Add(new SQSBatchResponse.BatchItemFailure { ItemIdentifier = message.MessageId });
                }
            }

            return new SQSBatchResponse(failures);
        }

        /// <summary>Charges for an <c>OrderPlaced</c> event; other events on the queue are not this handler's business.</summary>
        public async Task HandleAsync(string body, CancellationToken cancellationToken)
        {
            var envelope = EventEnvelopeJson.Deserialize(body);
            if (envelope.TypeName != OrderEvents.OrderPlacedType)
            {
                return;
            }

            var placed = envelope.GetPayload(OrderEventsJson.Default.OrderPlaced)
                ?? throw new FormatException("The message carries no order.");

            // The key is the order, not the message: one charge per order, even if the event were published twice
            // under different ids.
            var key = IdempotencyHash.ComposeKey(KeyNamespace, placed.OrderId);
            await idempotency.ExecuteTransactionalAsync(
                key,
                IdempotencyHash.Compute(envelope.Payload),
                async (unitOfWork, token) =>
                {
                    var paymentId = await gateway.ChargeAsync(placed.CustomerId, placed.Amount, idempotencyKey: key, token);
                    payments.Add(unitOfWork, new Payment(placed.OrderId, paymentId, placed.Amount));
                    orders.ChangeStatus(unitOfWork, placed.OrderId, from: OrderStatus.Placed, to: OrderStatus.Paid);
                    unitOfWork.AddEvent(OrderEvents.Envelope(
                        new PaymentCaptured(placed.OrderId, paymentId, placed.Amount),
                        causationId: envelope.EventId));
                    return paymentId;
                },
                Options,
                cancellationToken);
        }
    }
}
