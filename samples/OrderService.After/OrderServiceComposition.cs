using Amazon.DynamoDBv2;
using Amazon.SQS;
using Consistency.Runtime.Idempotency;
using Consistency.Runtime.Outbox;
using Consistency.Runtime.Relay;
using OrderService.Api;
using OrderService.Data;
using OrderService.Handlers;
using OrderService.Messaging;
using OrderService.Payments;
using OrderService.Relay;

namespace OrderService
{
    /// <summary>Table and queue names of one deployment.</summary>
    public sealed record OrderServiceSettings(string TableName, string EventsQueueUrl, string RequestsQueueUrl);

    /// <summary>
    /// The composition root: every part of the service wired from its AWS clients. A Lambda function builds it once per
    /// container (for example in the function class's constructor); the scenario builds it over DynamoDB Local or the
    /// embedded in-memory engine.
    /// </summary>
    public sealed class OrderServiceComposition
    {
        public OrderServiceComposition(
            IAmazonDynamoDB dynamo,
            IAmazonSQS sqs,
            IIdempotencyStore idempotencyStore,
            IPaymentGateway gateway,
            OrderServiceSettings settings,
            RelayOptions? relayOptions = null)
        {
            // Single-table design: the outbox items live in the orders table, whose stream feeds the relay.
            Outbox = new OutboxUnitOfWorkFactory(dynamo, new OutboxOptions { TableName = settings.TableName });
            Orders = new OrderRepository(dynamo, settings.TableName);
            Idempotency = new IdempotencyHandler(idempotencyStore, unitOfWorkFactory: Outbox);
            OrdersEndpoint = new OrdersEndpoint(Orders, Outbox);
            OrderRequestsEndpoint = new OrderRequestsEndpoint(sqs, settings.RequestsQueueUrl);
            PlaceOrderRequestedHandler = new PlaceOrderRequestedHandler(Idempotency, Orders);
            PaymentHandler = new PaymentHandler(Idempotency, gateway, Orders, new PaymentRepository(settings.TableName));
            Publisher = new SqsOutboxPublisher(sqs, settings.EventsQueueUrl);
            RelayOptions = relayOptions ?? new RelayOptions();
        }

        public OutboxUnitOfWorkFactory Outbox { get; }

        public OrderRepository Orders { get; }

        public IdempotencyHandler Idempotency { get; }

        public OrdersEndpoint OrdersEndpoint { get; }

        public OrderRequestsEndpoint OrderRequestsEndpoint { get; }

        public PlaceOrderRequestedHandler PlaceOrderRequestedHandler { get; }

        public PaymentHandler PaymentHandler { get; }

        public IOutboxPublisher Publisher { get; }

        public RelayOptions RelayOptions { get; }

        /// <summary>A new relay function instance (a fresh Lambda container), publishing through <paramref name="publisher"/>.</summary>
        public OutboxRelayFunction CreateRelayFunction(IOutboxPublisher? publisher = null, IDeadLetterSink? deadLetters = null)
            => new(publisher ?? Publisher, deadLetters, RelayOptions);

        /// <summary>The relay as it runs in the same process.</summary>
        public OutboxRelay CreateRelay(IOutboxPublisher? publisher = null, IDeadLetterSink? deadLetters = null)
            => new(publisher ?? Publisher, deadLetters, RelayOptions);
    }
}
