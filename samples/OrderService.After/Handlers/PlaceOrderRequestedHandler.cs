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

namespace OrderService.Handlers
{
    /// <summary>
    /// Listen to yourself, the consumer side: the Lambda function on the order-requests queue stores the order the
    /// endpoint accepted, with its <c>OrderPlaced</c> event, in one transaction. Idempotent by the request id: a
    /// duplicate delivery replays the stored result and changes nothing.
    /// </summary>
    public sealed class PlaceOrderRequestedHandler
    {
        private const string KeyNamespace = "orders.place-order";

        private readonly IdempotencyHandler idempotency;
        private readonly OrderRepository orders;

        public PlaceOrderRequestedHandler(IdempotencyHandler idempotency, OrderRepository orders)
        {
            this.idempotency = idempotency;
            this.orders = orders;
        }

        // Partial batch failure: only the messages that failed are delivered again (the event source mapping needs
        // FunctionResponseTypes: ReportBatchItemFailures).
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
                    context.Logger.LogLine($"order request {message.MessageId} failed and will be retried: {exception.Message}");
                    failures.Add(new SQSBatchResponse.BatchItemFailure { ItemIdentifier = message.MessageId });
                }
            }

            return new SQSBatchResponse(failures);
        }

        /// <summary>Stores the requested order once; returns its id.</summary>
        public Task<string> HandleAsync(string body, CancellationToken cancellationToken)
        {
            var envelope = EventEnvelopeJson.Deserialize(body);
            var request = envelope.GetPayload(OrderEventsJson.Default.PlaceOrderRequested)
                ?? throw new FormatException("The message carries no order request.");
            return idempotency.ExecuteTransactionalAsync(
                IdempotencyHash.ComposeKey(KeyNamespace, request.RequestId),
                IdempotencyHash.Compute(envelope.Payload),
                (unitOfWork, _) =>
                {
                    orders.Add(unitOfWork, new Order(request.OrderId, request.CustomerId, request.Amount, OrderStatus.Placed));
                    unitOfWork.AddEvent(OrderEvents.Envelope(
                        new OrderPlaced(request.OrderId, request.CustomerId, request.Amount),
                        causationId: envelope.EventId));
                    return Task.FromResult(request.OrderId);
                },
                cancellationToken: cancellationToken);
        }
    }
}
