using System.Threading.Tasks;
using static Consistency.Analyzers.Tests.Rules.DualWriteExpectations;
using static Consistency.Analyzers.Tests.Rules.DualWriteTestSources;
using VerifyCS = Consistency.Testing.Verifiers.CSharpAnalyzerVerifier<Consistency.Analyzers.Rules.DualWriteAnalyzer>;

namespace Consistency.Analyzers.Tests.Rules
{
    /// <summary>What is not a dual write: outboxes, relays, reads, publish-only and write-only flows.</summary>
    public class DualWriteLookAlikeTests
    {
        [Fact]
        public Task TransactWriteItemsWithOutboxRecord_IsNotReported()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task PlaceAsync(Order order)
                {
                    await _ddb.TransactWriteItemsAsync(new TransactWriteItemsRequest
                    {
                        TransactItems = new List<TransactWriteItem>
                        {
                            new TransactWriteItem { Put = new Put { TableName = "orders" } },
                            new TransactWriteItem { Put = new Put { TableName = "outbox" } },
                        },
                    });
                }
            """));

        [Fact]
        public Task EagerPublishAfterOutboxCommit_IsNotReported()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task PlaceAsync(Order order)
                {
                    var outboxItem = new TransactWriteItem { Put = new Put { TableName = "outbox" } };
                    await _ddb.TransactWriteItemsAsync(new TransactWriteItemsRequest
                    {
                        TransactItems = new List<TransactWriteItem> { new TransactWriteItem { Put = new Put { TableName = "orders" } }, outboxItem },
                    });

                    // Publishing right away only saves latency: the relay publishes the outbox record anyway.
                    await _sqs.SendMessageAsync("q", order.Id);
                }
            """));

        [Fact]
        public Task TransactWriteItemsWithoutOutboxRecordThenPublish_IsReported()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task PlaceAsync(Order order)
                {
                    await {|#1:_ddb.TransactWriteItemsAsync(new TransactWriteItemsRequest
                    {
                        TransactItems = new List<TransactWriteItem> { new TransactWriteItem { Put = new Put { TableName = "orders" } } },
                    })|};
                    await {|#0:_sqs.SendMessageAsync("q", order.Id)|};
                }
            """), Lost("TransactWriteItemsAsync", "SendMessageAsync"));

        [Fact]
        public Task EfCoreOutboxInOneSaveChanges_IsNotReported()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task PlaceAsync(Order order)
                {
                    _db.Orders.Add(order);
                    _db.OutboxMessages.Add(new OutboxMessage { Id = order.Id, Payload = "OrderPlaced" });
                    await _db.SaveChangesAsync();
                }
            """));

        [Fact]
        public Task EfCoreOutboxWithEagerPublish_IsNotReported()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task PlaceAsync(Order order)
                {
                    _db.Add(order);
                    _db.Add(new OutboxMessage { Id = order.Id, Payload = "OrderPlaced" });
                    await _db.SaveChangesAsync();
                    await _bus.Publish(new OrderPlaced(order.Id));
                }
            """));

        [Fact]
        public Task MultiTableTransactWriteWithOutbox_IsNotReported()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task PlaceAsync(Order order)
                {
                    var orders = _context.CreateTransactWrite<Order>();
                    orders.AddSaveItem(order);
                    var outbox = _context.CreateTransactWrite<OutboxMessage>();
                    outbox.AddSaveItem(new OutboxMessage { Id = order.Id });
                    var transaction = _context.CreateMultiTableTransactWrite(orders, outbox);
                    await transaction.ExecuteAsync();
                }
            """));

        [Fact]
        public Task OutboxCommitInsideHelper_IsNotReported()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                private Task CommitWithOutboxAsync(Order order)
                    => _ddb.TransactWriteItemsAsync(new TransactWriteItemsRequest
                    {
                        TransactItems = new List<TransactWriteItem>
                        {
                            new TransactWriteItem { Put = new Put { TableName = "orders" } },
                            new TransactWriteItem { Put = new Put { TableName = "orders-outbox" } },
                        },
                    });

                public async Task PlaceAsync(Order order)
                {
                    await CommitWithOutboxAsync(order);
                    await _sns.PublishAsync("arn", order.Id);
                }
            """));

        [Fact]
        public Task EfCoreRelay_ReadPublishMark_IsNotReported()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task RelayAsync(CancellationToken cancellationToken)
                {
                    var pending = await _db.OutboxMessages.Where(m => m.ProcessedAt == null).ToListAsync(cancellationToken);
                    foreach (var message in pending)
                    {
                        await _bus.Publish(new OrderPlaced(message.Payload), cancellationToken);
                        message.ProcessedAt = DateTime.UtcNow;
                        await _db.SaveChangesAsync(cancellationToken);
                    }
                }
            """));

        [Fact]
        public Task EfCoreRelayWithSynchronousToList_IsNotReported()
            => VerifyCS.VerifyAnalyzerAsync(Forwarder("""
                public async Task ForwardAsync()
                {
                    // Enumerable.ToList over a query (IQueryable<T>) runs the query: a read in bulk, as ToListAsync is.
                    foreach (var pending in _db.PendingEvents.Where(e => !e.Sent).ToList())
                    {
                        await _sender.SendMessageAsync(new ServiceBusMessage(pending.Body) { MessageId = pending.Id });
                        pending.Sent = true;
                    }

                    await _db.SaveChangesAsync();
                }
                """));

        [Fact]
        public Task LoopOverAnInMemoryListThatSendsAndSaves_IsReported()
            => VerifyCS.VerifyAnalyzerAsync(Forwarder("""
                public async Task ForwardAsync(List<PendingEvent> events)
                {
                    // ToList over a list copies it: nothing here was read from the database.
                    foreach (var pending in events.Where(e => !e.Sent).ToList())
                    {
                        await {|#1:_sender.SendMessageAsync(new ServiceBusMessage(pending.Body) { MessageId = pending.Id })|};
                        pending.Sent = true;
                    }

                    await {|#0:_db.SaveChangesAsync()|};
                }
                """), Phantom("SendMessageAsync", "SaveChangesAsync"));

        [Fact]
        public Task EfCoreRelayOverATableNotNamedOutbox_IsNotReported()
            => VerifyCS.VerifyAnalyzerAsync(Forwarder("""
                public async Task ForwardAsync()
                {
                    foreach (var pending in await _db.PendingEvents.Where(e => !e.Sent).ToListAsync())
                    {
                        await _sender.SendMessageAsync(new ServiceBusMessage(pending.Body) { MessageId = pending.Id });
                        pending.Sent = true;
                    }

                    await _db.SaveChangesAsync();
                }
                """));

        [Fact]
        public Task DynamoDbRelay_QueryPublishDelete_IsNotReported()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task RelayAsync()
                {
                    var response = await _ddb.QueryAsync(new QueryRequest { TableName = "outbox" });
                    foreach (var item in response.Items)
                    {
                        await _sqs.SendMessageAsync("q", item["payload"].S);
                        var key = new Dictionary<string, AttributeValue> { ["pk"] = item["pk"] };
                        await _ddb.DeleteItemAsync(new DeleteItemRequest { TableName = "outbox", Key = key });
                    }
                }
            """));

        [Fact]
        public Task DapperRelay_SelectPublishUpdate_IsNotReported()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task RelayAsync()
                {
                    var rows = await _connection.QueryAsync<OutboxMessage>("SELECT id, payload FROM outbox WHERE processed_at IS NULL");
                    foreach (var row in rows)
                    {
                        _producer.Produce("orders", new Message<string, string> { Key = row.Id, Value = row.Payload });
                        await _connection.ExecuteAsync("UPDATE outbox SET processed_at = now() WHERE id = @Id", new { row.Id });
                    }
                }
            """));

        [Fact]
        public Task RelayThroughRepositoryHelpers_IsNotReported()
            => VerifyCS.VerifyAnalyzerAsync(WithUsings("""
                public sealed class OutboxStore
                {
                    private readonly IAmazonDynamoDB _ddb = null!;

                    public async Task<List<OutboxMessage>> GetPendingAsync()
                    {
                        var response = await _ddb.ScanAsync(new ScanRequest { TableName = "outbox" });
                        return response.Items.Select(i => new OutboxMessage { Id = i["id"].S, Payload = i["payload"].S }).ToList();
                    }

                    public Task MarkPublishedAsync(string id)
                        => _ddb.UpdateItemAsync(new UpdateItemRequest { TableName = "outbox", UpdateExpression = "SET published = :t" });
                }

                public sealed class OutboxRelay
                {
                    private readonly OutboxStore _store = null!;
                    private readonly IAmazonEventBridge _events = null!;

                    public async Task RunAsync()
                    {
                        var pending = await _store.GetPendingAsync();
                        foreach (var message in pending)
                        {
                            await _events.PutEventsAsync(new PutEventsRequest { Entries = new List<PutEventsRequestEntry> { new PutEventsRequestEntry { Detail = message.Payload } } });
                            await _store.MarkPublishedAsync(message.Id);
                        }
                    }
                }
                """));

        [Fact]
        public Task SingleReadThenPublishThenUpdate_IsStillAPhantomEvent()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task ShipAsync(string id)
                {
                    var order = await _context.LoadAsync<Order>(id);
                    await {|#1:_sns.PublishAsync("arn", order.Id)|};
                    order.Status = "shipped";
                    await {|#0:_context.SaveAsync(order)|};
                }
            """), Phantom("PublishAsync", "SaveAsync"));

        [Fact]
        public Task RelayLoopThatWritesUnrelatedRecords_IsReported()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task RelayAsync(Order audit)
                {
                    var response = await _ddb.ScanAsync(new ScanRequest { TableName = "outbox" });
                    foreach (var item in response.Items)
                    {
                        await {|#1:_sqs.SendMessageAsync("q", item["payload"].S)|};
                    }

                    await {|#0:_orders.InsertOneAsync(audit)|};
                }
            """), Phantom("SendMessageAsync", "InsertOneAsync"));

        [Fact]
        public Task PublishOnlyEndpoint_ListenToYourself_IsNotReported()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task PlaceAsync(Order order)
                {
                    var existing = await _context.LoadAsync<Order>(order.Id);
                    if (existing is not null)
                    {
                        return;
                    }

                    await _sqs.SendMessageAsync(new SendMessageRequest("q", order.Id) { MessageDeduplicationId = order.Id, MessageGroupId = order.Id });
                }
            """));

        [Fact]
        public Task WritesOnly_AreNotReported()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task PlaceAsync(Order order)
                {
                    await _ddb.PutItemAsync(new PutItemRequest());
                    await _context.SaveAsync(order);
                    await _orders.InsertOneAsync(order);
                    _db.Orders.Add(order);
                    await _db.SaveChangesAsync();
                }
            """));

        [Fact]
        public Task ConsumerThatOnlyPersists_IsNotReported()
            => VerifyCS.VerifyAnalyzerAsync(WithUsings("""
                public sealed class OrderPlacedConsumer : IConsumer<OrderPlaced>
                {
                    private readonly IDynamoDBContext _context = null!;

                    public Task Consume(ConsumeContext<OrderPlaced> context) => _context.SaveAsync(new Order { Id = context.Message.OrderId });
                }
                """));

        [Fact]
        public Task QueueWorker_ReceiveWriteDelete_IsNotReported()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task PollAsync(CancellationToken cancellationToken)
                {
                    var received = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest("q") { WaitTimeSeconds = 20 }, cancellationToken);
                    foreach (var message in received.Messages ?? new List<Amazon.SQS.Model.Message>())
                    {
                        await _context.SaveAsync(new Order { Id = message.MessageId! }, cancellationToken);
                        await _sqs.DeleteMessageAsync("q", message.ReceiptHandle!, cancellationToken);
                    }
                }
            """));

        [Fact]
        public Task BrighterDepositPostAndClearOutbox_IsNotReported()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task PlaceAsync(Order order)
                {
                    _db.Orders.Add(order);
                    var id = await _commandProcessor.DepositPostAsync(new OrderPlacedCommand());
                    await _db.SaveChangesAsync();
                    await _commandProcessor.ClearOutboxAsync(new[] { id });
                }
            """));

        [Fact]
        public Task ReadThenPublishInLoop_IsNotReported()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task BroadcastAsync()
                {
                    var orders = await _db.Orders.Where(o => o.Status == "open").ToListAsync();
                    foreach (var order in orders)
                    {
                        await _wolverine.PublishAsync(new OrderPlaced(order.Id));
                    }
                }
            """));

        [Fact]
        public Task DynamoDbStreamHandlerThatPublishes_IsNotReported()
            => VerifyCS.VerifyAnalyzerAsync(WithUsings("""
                public sealed class StreamRelay
                {
                    private readonly IAmazonSimpleNotificationService _sns = null!;

                    public async Task HandleAsync(Amazon.Lambda.DynamoDBEvents.DynamoDBEvent streamEvent, Amazon.Lambda.Core.ILambdaContext context)
                    {
                        foreach (var record in streamEvent.Records)
                        {
                            await _sns.PublishAsync("arn", record.Dynamodb.NewImage?["payload"].S ?? "");
                        }
                    }
                }
                """));

        [Fact]
        public Task CapPublishInsideCapTransaction_IsAnOutbox()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task PlaceAsync(Order order)
                {
                    using var transaction = _db.Database.BeginTransaction(_cap, autoCommit: false);
                    _db.Orders.Add(order);
                    await _db.SaveChangesAsync();
                    await _cap.PublishAsync("order.placed", order);
                    transaction.Commit();
                }
            """));

        [Fact]
        public Task CapPublishInsideAdoNetCapTransaction_IsAnOutbox()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public void Place(Order order)
                {
                    using var transaction = _connection.BeginTransaction(_cap, autoCommit: true);
                    _connection.Execute("INSERT INTO orders (id) VALUES (@Id)", order, transaction);
                    _cap.Publish("order.placed", order);
                }
            """));

        [Fact]
        public Task OtherBrokerInsideCapTransaction_IsStillReported()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task PlaceAsync(Order order)
                {
                    using var transaction = _db.Database.BeginTransaction(_cap, autoCommit: false);
                    await {|#1:_db.SaveChangesAsync()|};
                    await {|#0:_sqs.SendMessageAsync("q", order.Id)|};
                    transaction.Commit();
                }
            """), InsideTransaction("SendMessageAsync", "SaveChangesAsync"));

        [Fact]
        public Task CapPublishWithoutCapTransaction_IsReported()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task PlaceAsync(Order order)
                {
                    await {|#1:_db.SaveChangesAsync()|};
                    await {|#0:_cap.PublishAsync("order.placed", order)|};
                }
            """), Lost("SaveChangesAsync", "PublishAsync"));

        /// <summary>A method of a class that forwards rows of a table not named outbox (EF Core) to Service Bus.</summary>
        private static string Forwarder(string method) => WithUsings($$"""
            public class PendingEvent { public string Id { get; set; } = ""; public string Body { get; set; } = ""; public bool Sent { get; set; } }

            public class EventsDbContext : DbContext
            {
                public DbSet<PendingEvent> PendingEvents { get; set; } = null!;
            }

            public sealed class Forwarder
            {
                private readonly EventsDbContext _db = null!;
                private readonly ServiceBusSender _sender = null!;

            {{method}}
            }
            """);
    }
}
