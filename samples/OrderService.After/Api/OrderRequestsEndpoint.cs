using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.SQS;
using Amazon.SQS.Model;
using Consistency.Runtime.Idempotency;
using Consistency.Runtime.Outbox;
using OrderService.Messaging;

namespace OrderService.Api
{
    /// <summary>
    /// Listen to yourself: the endpoint only publishes the intent and answers 202 Accepted. The service's own idempotent
    /// consumer (<see cref="Handlers.PlaceOrderRequestedHandler"/>) stores the order. There is one effect here (a send),
    /// so there is nothing to keep consistent with it; a duplicate send, or a client retry with the same
    /// Idempotency-Key, becomes the same order.
    /// </summary>
    public sealed class OrderRequestsEndpoint
    {
        private readonly IAmazonSQS sqs;
        private readonly string requestsQueueUrl;

        public OrderRequestsEndpoint(IAmazonSQS sqs, string requestsQueueUrl)
        {
            this.sqs = sqs;
            this.requestsQueueUrl = requestsQueueUrl;
        }

        public async Task<ApiResponse> SubmitAsync(PlaceOrder command, string? idempotencyKey, CancellationToken cancellationToken)
        {
            var requestId = string.IsNullOrEmpty(idempotencyKey) ? Guid.NewGuid().ToString("N") : idempotencyKey;

            // The order id is derived from the request: a retried request names the same order.
            var orderId = IdempotencyHash.Compute("order-request:" + requestId)[..32];
            var intent = OrderEvents.Envelope(new PlaceOrderRequested(requestId, orderId, command.CustomerId, command.Amount));
            await sqs.SendMessageAsync(
                new SendMessageRequest { QueueUrl = requestsQueueUrl, MessageBody = EventEnvelopeJson.Serialize(intent, SqsOutboxPublisher.Source) },
                cancellationToken);
            return ApiResponse.Accepted("/orders/" + orderId);
        }
    }
}
