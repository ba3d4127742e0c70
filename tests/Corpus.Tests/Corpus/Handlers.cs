namespace Corpus.Handlers
{
    public sealed class SqsFunctions : Service
    {
        // A put under a key generated per message is CH0002's, not CH0003's: no condition recognises the repeat.
        // expect: CH0002, CH0005
        public async Task CreateFromQueue(SQSEvent sqsEvent, ILambdaContext context)
        {
            foreach (var message in sqsEvent.Records)
            {
                await _ddb.PutItemAsync(new PutItemRequest { TableName = "orders", Item = Item(Guid.NewGuid().ToString()) });
            }
        }

        // expect: CH0003
        public async Task<SQSBatchResponse> UpsertFromQueueWithBatchFailures(SQSEvent sqsEvent, ILambdaContext context)
        {
            var failures = new List<SQSBatchResponse.BatchItemFailure>();
            foreach (var message in sqsEvent.Records)
            {
                try
                {
                    var order = JsonSerializer.Deserialize<Order>(message.Body)!;
                    await _ddb.PutItemAsync(new PutItemRequest { TableName = "orders", Item = Item(order.Id) });
                }
                catch (JsonException)
                {
                    failures.Add(new SQSBatchResponse.BatchItemFailure { ItemIdentifier = message.MessageId });
                }
            }

            return new SQSBatchResponse(failures);
        }

        // expect: none
        public async Task<SQSBatchResponse> GuardedCreateFromQueue(SQSEvent sqsEvent, ILambdaContext context)
        {
            var failures = new List<SQSBatchResponse.BatchItemFailure>();
            foreach (var message in sqsEvent.Records)
            {
                try
                {
                    var order = JsonSerializer.Deserialize<Order>(message.Body)!;
                    await _ddb.PutItemAsync(new PutItemRequest { TableName = "orders", Item = Item(order.Id), ConditionExpression = "attribute_not_exists(pk)" });
                }
                catch (ConditionalCheckFailedException)
                {
                    // already processed
                }
                catch (JsonException)
                {
                    failures.Add(new SQSBatchResponse.BatchItemFailure { ItemIdentifier = message.MessageId });
                }
            }

            return new SQSBatchResponse(failures);
        }

        // expect: CH0002, CH0005
        public async Task CountFromQueue(SQSEvent sqsEvent, ILambdaContext context)
        {
            foreach (var message in sqsEvent.Records)
            {
                await _ddb.UpdateItemAsync(new UpdateItemRequest { TableName = "stats", Key = Item("orders"), UpdateExpression = "ADD #n :one" });
            }
        }

        // expect: CH0001, CH0002, CH0003, CH0005
        public async Task SaveAndForwardFromQueue(SQSEvent sqsEvent, ILambdaContext context)
        {
            foreach (var message in sqsEvent.Records)
            {
                var order = JsonSerializer.Deserialize<Order>(message.Body)!;
                await _context.SaveAsync(order);
                await _sns.PublishAsync(new PublishRequest { TopicArn = Topic, Message = message.Body });
            }
        }

        // expect: CH0005
        [Idempotent]
        public async Task<SQSBatchResponse> IdempotentPublishFromQueue(SQSEvent sqsEvent, ILambdaContext context)
        {
            foreach (var message in sqsEvent.Records)
            {
                await _sns.PublishAsync(new PublishRequest { TopicArn = Topic, Message = message.Body });
            }

            return new SQSBatchResponse();
        }

        // expect: CH0002, CH0005
        public async Task ChargeFromQueue(SQSEvent sqsEvent, ILambdaContext context)
        {
            foreach (var message in sqsEvent.Records)
            {
                await _http.PostAsync("https://payments.example/charge", new StringContent(message.Body));
            }
        }

        // expect: CH0005
        public Task ValidateOnly(SQSEvent sqsEvent, ILambdaContext context)
        {
            foreach (var message in sqsEvent.Records)
            {
                if (message.Body.Length == 0)
                {
                    throw new InvalidOperationException("empty message " + message.MessageId);
                }
            }

            return Task.CompletedTask;
        }

        // expect: CH0002, CH0005
        public async Task<SQSBatchResponse> ForwardWithNewDedupIdFifo(SQSEvent sqsEvent, ILambdaContext context)
        {
            foreach (var message in sqsEvent.Records)
            {
                await _sqs.SendMessageAsync(new SendMessageRequest(FifoQueue, message.Body) { MessageGroupId = message.MessageId, MessageDeduplicationId = Guid.NewGuid().ToString() });
            }

            return new SQSBatchResponse();
        }

        // expect: CH0005
        public async Task<SQSBatchResponse> ForwardWithDerivedDedupIdFifo(SQSEvent sqsEvent, ILambdaContext context)
        {
            foreach (var message in sqsEvent.Records)
            {
                await _sqs.SendMessageAsync(new SendMessageRequest(FifoQueue, message.Body) { MessageGroupId = message.Attributes["MessageGroupId"], MessageDeduplicationId = message.MessageId });
            }

            return new SQSBatchResponse();
        }
    }

    public sealed class SnsFunctions : Service
    {
        // Saved under a key generated per message: CH0002's, as a put would be (docs/rules/CH0003.md).
        // expect: CH0002
        public async Task StoreNotification(SNSEvent snsEvent, ILambdaContext context)
        {
            foreach (var record in snsEvent.Records)
            {
                await _context.SaveAsync(new Order { Id = Guid.NewGuid().ToString(), Status = record.Sns.Message });
            }
        }

        // expect: CH0003
        public async Task StoreNotificationByMessageKey(SNSEvent snsEvent, ILambdaContext context)
        {
            foreach (var record in snsEvent.Records)
            {
                var order = JsonSerializer.Deserialize<Order>(record.Sns.Message)!;
                await _context.SaveAsync(order);
            }
        }

        // expect: CH0004
        public async Task SetStatusFromNotification(SNSEvent snsEvent, ILambdaContext context)
        {
            foreach (var record in snsEvent.Records)
            {
                var shipped = JsonSerializer.Deserialize<OrderShipped>(record.Sns.Message)!;
                await _ddb.UpdateItemAsync(new UpdateItemRequest { TableName = "orders", Key = Item(shipped.OrderId), UpdateExpression = "SET #s = :shipped" });
            }
        }

        // expect: none
        public async Task SetStatusWithVersionCheck(SNSEvent snsEvent, ILambdaContext context)
        {
            foreach (var record in snsEvent.Records)
            {
                var shipped = JsonSerializer.Deserialize<OrderShipped>(record.Sns.Message)!;
                await _ddb.UpdateItemAsync(new UpdateItemRequest
                {
                    TableName = "orders",
                    Key = Item(shipped.OrderId),
                    UpdateExpression = "SET #s = :shipped, #v = :v",
                    ConditionExpression = "#v < :v",
                });
            }
        }

        // expect: none
        public Task LogNotification(SNSEvent snsEvent, ILambdaContext context)
        {
            foreach (var record in snsEvent.Records)
            {
                context.Logger.LogLine(record.Sns.MessageId);
            }

            return Task.CompletedTask;
        }
    }

    public sealed class StreamFunctions : Service
    {
        // expect: CH0002, CH0005
        public async Task ProjectKinesis(KinesisEvent kinesisEvent, ILambdaContext context)
        {
            foreach (var record in kinesisEvent.Records)
            {
                await _connection.ExecuteAsync("UPDATE totals SET amount = amount + @n", new { n = record.Kinesis.Data.Length });
            }
        }

        // expect: none
        public async Task<Amazon.Lambda.KinesisEvents.StreamsEventResponse> ProjectKinesisIdempotently(KinesisEvent kinesisEvent, ILambdaContext context)
        {
            var response = new Amazon.Lambda.KinesisEvents.StreamsEventResponse();
            foreach (var record in kinesisEvent.Records)
            {
                try
                {
                    await _ddb.PutItemAsync(new PutItemRequest { TableName = "events", Item = Item(record.Kinesis.SequenceNumber), ConditionExpression = "attribute_not_exists(pk)" });
                }
                catch (ConditionalCheckFailedException)
                {
                }
                catch (AmazonDynamoDBException)
                {
                    response.BatchItemFailures.Add(new Amazon.Lambda.KinesisEvents.StreamsEventResponse.BatchItemFailure { ItemIdentifier = record.Kinesis.SequenceNumber });
                    break;
                }
            }

            return response;
        }

        // expect: CH0002, CH0005
        public async Task RelayDynamoStream(DynamoDBEvent streamEvent, ILambdaContext context)
        {
            foreach (var record in streamEvent.Records)
            {
                await _sns.PublishAsync(new PublishRequest { TopicArn = Topic, Message = record.Dynamodb.NewImage?["payload"].S });
            }
        }

        // expect: none
        public async Task<Amazon.Lambda.DynamoDBEvents.StreamsEventResponse> RelayDynamoStreamFifoDeduplicated(DynamoDBEvent streamEvent, ILambdaContext context)
        {
            var response = new Amazon.Lambda.DynamoDBEvents.StreamsEventResponse();
            foreach (var record in streamEvent.Records)
            {
                try
                {
                    await _sqs.SendMessageAsync(new SendMessageRequest(FifoQueue, record.Dynamodb.NewImage?["payload"].S) { MessageGroupId = record.Dynamodb.Keys["pk"].S, MessageDeduplicationId = record.EventID });
                }
                catch (Amazon.Runtime.AmazonServiceException)
                {
                    response.BatchItemFailures.Add(new Amazon.Lambda.DynamoDBEvents.StreamsEventResponse.BatchItemFailure { ItemIdentifier = record.Dynamodb.SequenceNumber });
                    return response;
                }
            }

            return response;
        }

        // expect: CH0005
        public Task AuditDynamoStream(DynamoDBEvent streamEvent, ILambdaContext context)
        {
            foreach (var record in streamEvent.Records)
            {
                context.Logger.LogLine(record.EventName + " " + record.EventID);
            }

            return Task.CompletedTask;
        }
    }

    public sealed class PlacedConsumer : IConsumer<OrderPlaced>
    {
        private readonly ShopDbContext _db = null!;

        // expect: CH0001, CH0002
        public async Task Consume(ConsumeContext<OrderPlaced> context)
        {
            _db.Orders.Add(new Order { Id = Guid.NewGuid().ToString(), Total = context.Message.Total });
            await _db.SaveChangesAsync();
            await context.Publish(new OrderShipped(context.Message.OrderId, 1));
        }
    }

    public sealed class InsertIfMissingConsumer : IConsumer<OrderPlaced>
    {
        private readonly ShopDbContext _db = null!;

        // expect: none
        public async Task Consume(ConsumeContext<OrderPlaced> context)
        {
            if (!await _db.Orders.AnyAsync(o => o.Id == context.Message.OrderId))
            {
                _db.Orders.Add(new Order { Id = context.Message.OrderId, Total = context.Message.Total });
                await _db.SaveChangesAsync();
            }
        }
    }

    public sealed class InsertOnceConsumer : IConsumer<OrderPlaced>
    {
        private readonly ShopDbContext _db = null!;

        // expect: none
        public async Task Consume(ConsumeContext<OrderPlaced> context)
        {
            try
            {
                _db.Orders.Add(new Order { Id = context.Message.OrderId, Total = context.Message.Total });
                await _db.SaveChangesAsync();
            }
            catch (DbUpdateException)
            {
                // the row is there: an earlier delivery inserted it
            }
        }
    }

    public sealed class InsertOnceOrRethrowConsumer : IConsumer<OrderPlaced>
    {
        private readonly ShopDbContext _db = null!;

        // expect: none
        public async Task Consume(ConsumeContext<OrderPlaced> context)
        {
            try
            {
                _db.Orders.Add(new Order { Id = context.Message.OrderId, Total = context.Message.Total });
                await _db.SaveChangesAsync();
            }
            catch (DbUpdateException e)
            {
                if (e.InnerException?.Message.Contains("duplicate key", StringComparison.OrdinalIgnoreCase) != true)
                {
                    throw;
                }
            }
        }
    }

    public sealed class InsertAndLogFailureConsumer : IConsumer<OrderPlaced>
    {
        private readonly ShopDbContext _db = null!;

        // expect: CH0002
        public async Task Consume(ConsumeContext<OrderPlaced> context)
        {
            try
            {
                _db.Orders.Add(new Order { Id = context.Message.OrderId, Total = context.Message.Total });
                await _db.SaveChangesAsync();
            }
            catch (DbUpdateException e)
            {
                Console.Error.WriteLine(e.Message);
                throw;
            }
        }
    }

    public sealed class InsertUnderNewIdConsumer : IConsumer<OrderPlaced>
    {
        private readonly ShopDbContext _db = null!;

        // expect: CH0002
        public async Task Consume(ConsumeContext<OrderPlaced> context)
        {
            var order = new Order { Id = Guid.NewGuid().ToString(), Total = context.Message.Total };
            try
            {
                _db.Orders.Add(order);
                await _db.SaveChangesAsync();
            }
            catch (DbUpdateException)
            {
            }
        }
    }

    public sealed class CopyRowConsumer : IConsumer<OrderPlaced>
    {
        private readonly IDbConnection _connection = null!;

        // expect: CH0002
        public async Task Consume(ConsumeContext<OrderPlaced> context)
        {
            try
            {
                await _connection.ExecuteAsync("INSERT INTO order_copies (id, total) VALUES (@Id, @Total)", new { Id = context.Message.OrderId, context.Message.Total });
            }
            catch (System.Data.Common.DbException exception)
            {
                throw new InvalidOperationException("copy failed for " + context.Message.OrderId, exception);
            }
        }
    }

    public sealed class FrozenCheckConsumer : IConsumer<OrderPlaced>
    {
        private readonly ShopDbContext _db = null!;

        // A check that is no idempotency guard: it looks at another member, not the message's row.
        // expect: CH0002
        public async Task Consume(ConsumeContext<OrderPlaced> context)
        {
            if (await _db.Orders.AnyAsync(o => o.Status == "frozen"))
            {
                return;
            }

            _db.Orders.Add(new Order { Id = context.Message.OrderId, Total = context.Message.Total });
            await _db.SaveChangesAsync();
        }
    }

    public sealed class GuardedPlacedConsumer : IConsumer<OrderPlaced>
    {
        private readonly ShopDbContext _db = null!;

        // expect: none
        public async Task Consume(ConsumeContext<OrderPlaced> context)
        {
            if (await _db.Orders.AnyAsync(o => o.Id == context.Message.OrderId))
            {
                return;
            }

            _db.Orders.Add(new Order { Id = context.Message.OrderId, Total = context.Message.Total });
            await _db.SaveChangesAsync();
        }
    }

    public sealed class LookedUpPlacedConsumer : IConsumer<OrderPlaced>
    {
        private readonly ShopDbContext _db = null!;

        // expect: none
        public async Task Consume(ConsumeContext<OrderPlaced> context)
        {
            var existing = await _db.Orders.FindAsync(context.Message.OrderId);
            if (existing is not null)
            {
                return;
            }

            _db.Orders.Add(new Order { Id = context.Message.OrderId, Total = context.Message.Total });
            await _db.SaveChangesAsync();
        }
    }

    public interface IOrderStore
    {
        Task<bool> ExistsAsync(string orderId);
    }

    public sealed class OrderStore : IOrderStore
    {
        private readonly ShopDbContext _db = null!;

        // expect: none
        public Task<bool> ExistsAsync(string orderId) => _db.Orders.AnyAsync(o => o.Id == orderId);
    }

    public sealed class StoredOnceConsumer : IConsumer<OrderPlaced>
    {
        private readonly ShopDbContext _db = null!;
        private readonly IOrderStore _store = null!;

        // expect: none
        public async Task Consume(ConsumeContext<OrderPlaced> context)
        {
            if (await _store.ExistsAsync(context.Message.OrderId))
            {
                return;
            }

            _db.Orders.Add(new Order { Id = context.Message.OrderId, Total = context.Message.Total });
            await _db.SaveChangesAsync();
        }
    }

    public sealed class CancelledCheckConsumer : IConsumer<OrderPlaced>
    {
        private readonly ShopDbContext _db = null!;

        // A lookup of the row that looks at its status, not at whether it is there: a redelivery finds the row it
        // stored (not cancelled) and inserts it again.
        // expect: CH0002
        public async Task Consume(ConsumeContext<OrderPlaced> context)
        {
            if (await _db.Orders.FindAsync(context.Message.OrderId) is { Status: "cancelled" })
            {
                return;
            }

            _db.Orders.Add(new Order { Id = context.Message.OrderId, Total = context.Message.Total });
            await _db.SaveChangesAsync();
        }
    }

    public sealed class ShippedConsumer : IConsumer<OrderShipped>
    {
        private readonly ShopDbContext _db = null!;

        // expect: CH0004
        public async Task Consume(ConsumeContext<OrderShipped> context)
        {
            var order = (await _db.Orders.FirstOrDefaultAsync(o => o.Id == context.Message.OrderId))!;
            order.Status = "shipped";
            await _db.SaveChangesAsync();
        }
    }

    public sealed class OrderedShippedConsumer : IConsumer<OrderShipped>
    {
        private readonly ShopDbContext _db = null!;

        // expect: none
        public async Task Consume(ConsumeContext<OrderShipped> context)
        {
            var order = await _db.Orders.FirstOrDefaultAsync(o => o.Id == context.Message.OrderId);
            if (order is null || order.Version >= context.Message.Version)
            {
                return;
            }

            order.Status = "shipped";
            order.Version = context.Message.Version;
            await _db.SaveChangesAsync();
        }
    }

    public sealed class PlacedHandler : IHandleMessages<OrderPlaced>
    {
        private readonly IDbConnection _connection = null!;

        // expect: CH0002
        public async Task Handle(OrderPlaced message, IMessageHandlerContext context)
        {
            await _connection.ExecuteAsync("INSERT INTO payments (id, order_id) VALUES (@id, @orderId)", new { id = Guid.NewGuid(), orderId = message.OrderId });
            await context.Publish(new OrderShipped(message.OrderId, 1));
        }
    }

    public sealed class GuardedPlacedHandler : IHandleMessages<OrderPlaced>
    {
        private readonly IDbConnection _connection = null!;

        // expect: none
        [Idempotent]
        public async Task Handle(OrderPlaced message, IMessageHandlerContext context)
        {
            await _connection.ExecuteAsync("INSERT INTO payments (id, order_id) VALUES (@id, @orderId)", new { id = Guid.NewGuid(), orderId = message.OrderId });
        }
    }

    public sealed class PaymentOncePerOrderHandler : IHandleMessages<OrderPlaced>
    {
        private readonly IDbConnection _connection = null!;

        // expect: none
        public async Task Handle(OrderPlaced message, IMessageHandlerContext context)
        {
            var paid = await _connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM payments WHERE order_id = @orderId", new { orderId = message.OrderId });
            if (paid > 0)
            {
                return;
            }

            await _connection.ExecuteAsync("INSERT INTO payments (id, order_id) VALUES (@id, @orderId)", new { id = Guid.NewGuid(), orderId = message.OrderId });
        }
    }

    public sealed class PaymentUnlessSuspendedHandler : IHandleMessages<OrderPlaced>
    {
        private readonly IDbConnection _connection = null!;

        // A count of other rows (suspended accounts), not of this message's payment.
        // expect: CH0002
        public async Task Handle(OrderPlaced message, IMessageHandlerContext context)
        {
            if (await _connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM accounts WHERE status = 'suspended'") > 0)
            {
                return;
            }

            await _connection.ExecuteAsync("INSERT INTO payments (id, order_id) VALUES (@id, @orderId)", new { id = Guid.NewGuid(), orderId = message.OrderId });
        }
    }

    public sealed class ShippedHandler : IHandleMessages<OrderShipped>
    {
        private readonly IDbConnection _connection = null!;

        // expect: none
        public Task Handle(OrderShipped message, IMessageHandlerContext context)
            => _connection.ExecuteAsync("UPDATE orders SET status = 'shipped', version = @Version WHERE id = @OrderId AND version < @Version", message);
    }

    public sealed class PlaceOrderHandler : RequestHandlerAsync<PlaceOrderCommand>
    {
        private readonly IDynamoDBContext _context = null!;

        // expect: CH0003
        public override async Task<PlaceOrderCommand> HandleAsync(PlaceOrderCommand command, CancellationToken cancellationToken = default)
        {
            await _context.SaveAsync(new Order { Id = command.OrderId }, cancellationToken);
            return await base.HandleAsync(command, cancellationToken);
        }
    }

    public sealed class PlaceOrderSyncHandler : RequestHandler<PlaceOrderCommand>
    {
        private readonly IDbConnection _connection = null!;

        // expect: CH0002
        public override PlaceOrderCommand Handle(PlaceOrderCommand command)
        {
            _connection.Execute("INSERT INTO audit (id, order_id, at) VALUES (@id, @orderId, @at)", new { id = Guid.NewGuid(), orderId = command.OrderId, at = DateTime.Now });
            return base.Handle(command);
        }
    }

    public sealed class CapSubscribers : ICapSubscribe
    {
        private readonly IDbConnection _connection = null!;

        // expect: CH0002
        [CapSubscribe("orders.placed")]
        public Task OnPlaced(OrderPlaced placed)
            => _connection.ExecuteAsync("INSERT INTO invoices (id, order_id) VALUES (@id, @orderId)", new { id = Guid.NewGuid(), orderId = placed.OrderId });

        // expect: CH0004
        [CapSubscribe("orders.shipped")]
        public Task OnShipped(OrderShipped shipped)
            => _connection.ExecuteAsync("UPDATE orders SET status = 'shipped' WHERE id = @OrderId", shipped);

        // expect: none
        [CapSubscribe("orders.shipped.v2")]
        public Task OnShippedInOrder(OrderShipped shipped)
            => _connection.ExecuteAsync("UPDATE orders SET status = 'shipped', version = @Version WHERE id = @OrderId AND version < @Version", shipped);

        // expect: none
        [CapSubscribe("orders.cancelled")]
        public Task OnCancelled(OrderShipped cancelled) => Task.CompletedTask;
    }

    // Wolverine finds handlers in types whose names end with "Handler" or "Consumer".
    public static class OrderEventsHandler
    {
        // expect: CH0004
        public static Task Handle(OrderShipped shipped, IAmazonDynamoDB ddb)
            => ddb.UpdateItemAsync(new UpdateItemRequest { TableName = "orders", Key = new() { ["pk"] = new AttributeValue { S = shipped.OrderId } }, UpdateExpression = "SET #s = :s" });

        // expect: CH0002
        public static async Task Handle(OrderPlaced placed, IMessageBus bus)
        {
            await bus.PublishAsync(new OrderShipped(placed.OrderId, 1));
        }
    }

    public sealed class InventoryHandler : IHandleMessages<OrderPlaced>, IHandleMessages<OrderShipped>
    {
        private readonly IAmazonDynamoDB _ddb = null!;

        // The reservation is keyed by the order: a redelivery writes the same item again, but over whatever the
        // order's later messages made of it.
        // expect: CH0003
        public Task Handle(OrderPlaced message, IMessageHandlerContext context)
            => _ddb.PutItemAsync(new PutItemRequest
            {
                TableName = "reservations",
                Item = new() { ["pk"] = new AttributeValue { S = message.OrderId }, ["total"] = new AttributeValue { N = message.Total.ToString(System.Globalization.CultureInfo.InvariantCulture) } },
            });

        // expect: none
        public Task Handle(OrderShipped message, IMessageHandlerContext context)
            => _ddb.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = "reservations",
                Key = new() { ["pk"] = new AttributeValue { S = message.OrderId } },
                UpdateExpression = "SET #s = :s, #v = :v",
                ConditionExpression = "attribute_not_exists(#v) OR #v < :v",
                ExpressionAttributeNames = new() { ["#s"] = "status", ["#v"] = "version" },
                ExpressionAttributeValues = new() { [":s"] = new AttributeValue { S = "shipped" }, [":v"] = new AttributeValue { N = message.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) } },
            });
    }

    public sealed class ReservationConsumer : IConsumer<OrderPlaced>
    {
        private readonly IAmazonDynamoDB _ddb = null!;

        // expect: none
        public async Task Consume(ConsumeContext<OrderPlaced> context)
        {
            try
            {
                await _ddb.PutItemAsync(new PutItemRequest
                {
                    TableName = "reservations",
                    Item = new() { ["pk"] = new AttributeValue { S = context.Message.OrderId } },
                    ConditionExpression = "attribute_not_exists(pk)",
                });
            }
            catch (ConditionalCheckFailedException)
            {
                // Stored by an earlier delivery.
            }
        }
    }

    public sealed class ShipmentStatusConsumer : IConsumer<OrderShipped>
    {
        private readonly IDynamoDBContext _context = null!;

        // expect: CH0004
        public async Task Consume(ConsumeContext<OrderShipped> context)
        {
            var order = await _context.LoadAsync<Order>(context.Message.OrderId);
            order.Status = "shipped";
            await _context.SaveAsync(order);
        }
    }

    public sealed class MarkedHandlers : Service
    {
        // expect: CH0002
        [MessageHandler]
        public Task OnImport(Order order) => _context.SaveAsync(new Order { Id = Guid.NewGuid().ToString(), Total = order.Total });

        // expect: none
        [MessageHandler]
        public async Task OnImportGuarded(Order order)
        {
            if (!await IsNewAsync(order.Id))
            {
                return;
            }

            await _ddb.PutItemAsync(new PutItemRequest { TableName = "orders", Item = Item(order.Id), ConditionExpression = "attribute_not_exists(pk)" });
        }

        // expect: none
        [IdempotencyGuard]
        public Task<bool> IsNewAsync(string id) => Task.FromResult(id.Length > 0);
    }

    public sealed class Poller : Service
    {
        // expect: CH0002
        public async Task PollOnce(CancellationToken cancellationToken)
        {
            var received = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = Queue }, cancellationToken);
            foreach (var message in received.Messages)
            {
                await _connection.ExecuteAsync("INSERT INTO inbox_copy (id, body) VALUES (@id, @body)", new { id = Guid.NewGuid(), body = message.Body });
                await _sqs.DeleteMessageAsync(Queue, message.ReceiptHandle, cancellationToken);
            }
        }
    }

    public sealed class QueueReader : Service
    {
        // expect: none
        public async Task<List<Message>> ReceiveBatchAsync(CancellationToken cancellationToken)
        {
            var received = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = Queue, MaxNumberOfMessages = 10 }, cancellationToken);
            await _sns.PublishAsync(Topic, "polled " + received.Messages.Count);
            return received.Messages;
        }

        // expect: none
        public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
        {
            await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = Queue, WaitTimeSeconds = 0 }, cancellationToken);
            await _sns.PublishAsync(Topic, "queue reachable");
            return true;
        }
    }

    public sealed class BatchDrainer : Service
    {
        private readonly QueueReader _reader = new();

        // expect: CH0002
        public async Task DrainAsync(CancellationToken cancellationToken)
        {
            foreach (var message in await _reader.ReceiveBatchAsync(cancellationToken))
            {
                await _sns.PublishAsync(Topic, "forwarded " + message.Body);
            }
        }
    }

    public sealed class StatusPoller : Service
    {
        // expect: none
        public async Task ApplyStatusesAsync(CancellationToken cancellationToken)
        {
            var received = await _sqs.ReceiveMessageAsync(Queue, cancellationToken);
            foreach (var message in received.Messages)
            {
                var shipped = JsonSerializer.Deserialize<OrderShipped>(message.Body)!;
                await _ddb.UpdateItemAsync(new UpdateItemRequest
                {
                    TableName = "orders",
                    Key = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = shipped.OrderId } },
                    UpdateExpression = "SET #status = :status, #version = :version",
                    ConditionExpression = "#version < :version",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#status"] = "status", ["#version"] = "version" },
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                    {
                        [":status"] = new AttributeValue { S = "shipped" },
                        [":version"] = new AttributeValue { N = shipped.Version.ToString() },
                    },
                }, cancellationToken);
                await _sqs.DeleteMessageAsync(Queue, message.ReceiptHandle, cancellationToken);
            }
        }
    }
}
