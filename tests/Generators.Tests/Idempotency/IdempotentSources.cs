namespace Consistency.Generators.Tests.Idempotency
{
    /// <summary>User code for the [Idempotent] tests: every supported return shape in one partial type.</summary>
    internal static class IdempotentSources
    {
        public const string Shop = """
            using System;
            using System.Text.Json.Serialization;
            using System.Threading;
            using System.Threading.Tasks;
            using Consistency;
            using Consistency.Runtime.Idempotency;

            namespace Shop
            {
                public sealed record PlaceOrder([property: IdempotencyKey] string OrderId, decimal Amount);

                public sealed record OrderPlaced(string OrderId, decimal Amount, int Run);

                [JsonSerializable(typeof(PlaceOrder))]
                [JsonSerializable(typeof(OrderPlaced))]
                [JsonSerializable(typeof(int))]
                [JsonSerializable(typeof(string))]
                internal partial class ShopJsonContext : JsonSerializerContext
                {
                }

                public sealed partial class OrderHandler
                {
                    private readonly IdempotencyHandler idempotency;

                    public OrderHandler(IdempotencyHandler idempotency) => this.idempotency = idempotency;

                    public int Runs { get; private set; }

                    public TaskCompletionSource? Gate { get; set; }

                    public bool Fail { get; set; }

                    public CancellationToken SeenToken { get; private set; }

                    [Idempotent("orders.place")]
                    public async Task<OrderPlaced> PlaceAsync(PlaceOrder command, CancellationToken cancellationToken)
                    {
                        SeenToken = cancellationToken;
                        Runs++;
                        if (Gate is not null)
                        {
                            await Gate.Task.ConfigureAwait(false);
                        }

                        if (Fail)
                        {
                            throw new InvalidOperationException("payment declined");
                        }

                        return new OrderPlaced(command.OrderId, command.Amount, Runs);
                    }

                    [Idempotent("orders.cancel")]
                    public async Task CancelAsync([IdempotencyKey] string orderId, string? reason)
                    {
                        await Task.Yield();
                        Runs++;
                    }

                    [Idempotent("orders.count", ValidatePayload = false)]
                    public int Count([IdempotencyKey] Guid requestId, [IdempotencyKey] int page)
                    {
                        Runs++;
                        return Runs * 10 + page;
                    }

                    [Idempotent("orders.touch")]
                    public void Touch(string orderId)
                    {
                        Runs++;
                    }

                    [Idempotent("orders.quote", ExpirationSeconds = 600, InProgressExpirationSeconds = 5)]
                    public ValueTask<string> QuoteAsync(PlaceOrder command)
                    {
                        Runs++;
                        return new ValueTask<string>(command.OrderId + ":" + Runs);
                    }

                    [Idempotent("orders.ping")]
                    public ValueTask PingAsync([IdempotencyKey] long sequence)
                    {
                        Runs++;
                        return default;
                    }

                    [Idempotent("orders.note")]
                    public string? Note(PlaceOrder? command) => command?.OrderId;
                }
            }
            """;
        /// <summary>A Lambda function, a transactional handler, a static method and nested and generic types.</summary>
        public const string Shapes = """
            using System;
            using System.Text.Json.Serialization;
            using System.Threading;
            using System.Threading.Tasks;
            using Amazon.DynamoDBv2.Model;
            using Amazon.Lambda.Core;
            using Consistency;
            using Consistency.Runtime.Idempotency;
            using Consistency.Runtime.Outbox;

            namespace Billing.Functions
            {
                public sealed class ChargeRequest
                {
                    [IdempotencyKey]
                    public Guid PaymentId { get; init; }

                    [IdempotencyKey]
                    public string? Customer { get; init; }

                    public decimal Amount { get; init; }
                }

                public sealed record ChargeResult(Guid PaymentId, string Status);

                [JsonSerializable(typeof(ChargeRequest))]
                [JsonSerializable(typeof(ChargeResult), TypeInfoPropertyName = "Charged")]
                internal partial class BillingJson : JsonSerializerContext
                {
                }

                public partial class ChargeFunction
                {
                    private static readonly IdempotencyHandler Shared = new(new InMemoryIdempotencyStore());

                    protected IdempotencyHandler? Idempotency { get; set; }

                    [Idempotent("billing.charge")]
                    public Task<ChargeResult> ChargeAsync(ChargeRequest request, ILambdaContext context)
                        => Task.FromResult(new ChargeResult(request.PaymentId, context.AwsRequestId));

                    [Idempotent("billing.record", InProgressExpirationSeconds = 30)]
                    public Task<ChargeResult> RecordAsync(ChargeRequest request, OutboxUnitOfWork unitOfWork, CancellationToken token)
                    {
                        unitOfWork.Put(new Put { TableName = "payments" });
                        return Task.FromResult(new ChargeResult(request.PaymentId, "recorded"));
                    }

                    [Idempotent("billing.audit")]
                    public static ChargeResult Audit(ChargeRequest request) => new(request.PaymentId, "audited");

                    public partial class Nested<T>
                        where T : class
                    {
                        private readonly IdempotencyHandler handler = Shared;

                        [Idempotent("billing.nested")]
                        internal void Run([IdempotencyKey] string key, CancellationToken cancellationToken)
                        {
                        }
                    }
                }
            }
            """;
        /// <summary>A handler whose business write and idempotency record share one transaction.</summary>
        public const string Transactional = """
            using System.Collections.Generic;
            using System.Text.Json.Serialization;
            using System.Threading;
            using System.Threading.Tasks;
            using Amazon.DynamoDBv2.Model;
            using Consistency;
            using Consistency.Runtime.Idempotency;
            using Consistency.Runtime.Outbox;

            namespace Shop
            {
                public sealed record ReserveStock([property: IdempotencyKey] string ReservationId, string Sku, int Quantity);

                public sealed record Reserved(string ReservationId, int Run);

                [JsonSerializable(typeof(ReserveStock))]
                [JsonSerializable(typeof(Reserved))]
                internal partial class StockJson : JsonSerializerContext
                {
                }

                public sealed partial class StockHandler
                {
                    private readonly IdempotencyHandler idempotency;

                    public StockHandler(IdempotencyHandler idempotency) => this.idempotency = idempotency;

                    public int Runs { get; private set; }

                    [Idempotent("stock.reserve")]
                    public Task<Reserved> ReserveAsync(ReserveStock command, OutboxUnitOfWork unitOfWork, CancellationToken cancellationToken)
                    {
                        Runs++;
                        unitOfWork.Put(new Put
                        {
                            TableName = "stock",
                            Item = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = command.Sku } },
                        });
                        return Task.FromResult(new Reserved(command.ReservationId, Runs));
                    }
                }
            }
            """;
    }
}
