using System.Threading.Tasks;
using static Consistency.Analyzers.Tests.Rules.DualWriteExpectations;
using static Consistency.Analyzers.Tests.Rules.DualWriteTestSources;
using VerifyCS = Consistency.Testing.Verifiers.CSharpAnalyzerVerifier<Consistency.Analyzers.Rules.DualWriteAnalyzer>;

namespace Consistency.Analyzers.Tests.Rules
{
    /// <summary>Order and paths: every C# shape in which a write and a publish can meet (or not).</summary>
    public class DualWriteShapeTests
    {
        [Fact]
        public Task PublishThenWrite_IsPhantom()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task PlaceAsync(Order order)
                {
                    await {|#1:_sns.PublishAsync("arn", order.Id)|};
                    await {|#0:_ddb.PutItemAsync(new PutItemRequest())|};
                }
            """), Phantom("PublishAsync", "PutItemAsync"));

        [Fact]
        public Task WriteInIfThenPublish_IsReported()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task PlaceAsync(Order order, bool isNew)
                {
                    if (isNew)
                    {
                        await {|#1:_context.SaveAsync(order)|};
                    }

                    await {|#0:_sqs.SendMessageAsync("q", order.Id)|};
                }
            """), Lost("SaveAsync", "SendMessageAsync"));

        [Fact]
        public Task WriteAndPublishInExclusiveBranches_IsNotReported()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task RouteAsync(Order order, bool local)
                {
                    if (local)
                    {
                        await _context.SaveAsync(order);
                    }
                    else
                    {
                        await _sqs.SendMessageAsync("q", order.Id);
                    }
                }
            """));

        [Fact]
        public Task EarlyReturnAfterWrite_IsNotReported()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task RouteAsync(Order order, bool local)
                {
                    if (local)
                    {
                        await _context.SaveAsync(order);
                        return;
                    }

                    await _sqs.SendMessageAsync("q", order.Id);
                }
            """));

        [Fact]
        public Task ThrowAfterWrite_IsNotReported()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task RouteAsync(Order order, bool invalid)
                {
                    if (invalid)
                    {
                        await _context.SaveAsync(order);
                        throw new InvalidOperationException("rejected");
                    }

                    await _sqs.SendMessageAsync("q", order.Id);
                }
            """));

        [Fact]
        public Task SwitchArms_AreExclusive()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task RouteAsync(Order order, int kind)
                {
                    switch (kind)
                    {
                        case 1:
                            await _db.SaveChangesAsync();
                            break;
                        case 2:
                            await _bus.Publish(new OrderPlaced(order.Id));
                            break;
                        default:
                            await _http.PostAsync("https://x", null);
                            break;
                    }
                }
            """));

        [Fact]
        public Task SwitchExpressionArms_AreExclusive()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public Task RouteAsync(Order order, int kind) => kind switch
                {
                    1 => _db.SaveChangesAsync(),
                    _ => _bus.Publish(new OrderPlaced(order.Id)),
                };
            """));

        [Fact]
        public Task ConditionalExpressionBranches_AreExclusive()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public Task RouteAsync(Order order, bool local)
                    => local ? _context.SaveAsync(order) : _sqs.SendMessageAsync("q", order.Id);
            """));

        [Fact]
        public Task SwitchArmWithBothEffects_IsReported()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task RouteAsync(Order order, int kind)
                {
                    switch (kind)
                    {
                        case 1:
                            await {|#1:_db.SaveChangesAsync()|};
                            await {|#0:_bus.Publish(new OrderPlaced(order.Id))|};
                            break;
                        default:
                            return;
                    }
                }
            """), Lost("SaveChangesAsync", "Publish"));

        [Fact]
        public Task WriteInTryThenPublishAfterCatch_IsReported()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task PlaceAsync(Order order)
                {
                    try
                    {
                        await {|#1:_ddb.PutItemAsync(new PutItemRequest())|};
                    }
                    catch (AmazonDynamoDBException)
                    {
                    }

                    await {|#0:_sqs.SendMessageAsync("q", order.Id)|};
                }
            """), Lost("PutItemAsync", "SendMessageAsync"));

        [Fact]
        public Task PublishInCatchAfterWriteInTry_IsReported()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task PlaceAsync(Order order)
                {
                    try
                    {
                        await {|#1:_ddb.PutItemAsync(new PutItemRequest())|};
                    }
                    catch (Exception)
                    {
                        await {|#0:_sns.PublishAsync("arn", "order-failed")|};
                        throw;
                    }
                }
            """), Lost("PutItemAsync", "PublishAsync"));

        [Theory]
        [InlineData("await _sqs.SendMessageAsync(\"q\", order.Id);")]
        [InlineData("await _sqs.SendMessageAsync(\"q\", order.Id).ConfigureAwait(false);")]
        [InlineData("var sent = await _sqs.SendMessageAsync(\"q\", order.Id);")]
        [InlineData("order.Status = \"sending\";\nawait _sqs.SendMessageAsync(\"q\", order.Id);")]
        [InlineData("return (await _sqs.SendMessageAsync(\"q\", order.Id)) is not null;")]
        public Task WriteInTheCatchOfAFailedPublish_IsNotReported(string tryBody)
            => VerifyCS.VerifyAnalyzerAsync(Service($$"""
                public async Task<bool> SendAsync(Order order)
                {
                    try
                    {
                        {{tryBody}}
                    }
                    catch (Amazon.Runtime.AmazonServiceException)
                    {
                        // the publish failed: record it for a retry
                        await _ddb.PutItemAsync(new PutItemRequest { TableName = "failed-sends" });
                        await Task.Run(() => _ddb.PutItemAsync(new PutItemRequest { TableName = "failed-orders" }));
                        throw;
                    }

                    return true;
                }
            """));

        [Fact]
        public Task WriteInTheCatchOfAFailedPublish_InALoop_IsNotReported()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task SendAllAsync(List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        try
                        {
                            await _sqs.SendMessageAsync("q", order.Id);
                        }
                        catch (Amazon.Runtime.AmazonServiceException)
                        {
                            await _ddb.PutItemAsync(new PutItemRequest { TableName = "failed-sends" });
                        }
                    }
                }
            """));

        [Fact]
        public Task WriteInACatchThatRunsAfterThePublishCompleted_IsReported()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task SendAsync(Order order)
                {
                    try
                    {
                        await {|#1:_sqs.SendMessageAsync("q", order.Id)|};
                        order.Status = order.Id.Substring(3);
                    }
                    catch (ArgumentOutOfRangeException)
                    {
                        await {|#0:_ddb.PutItemAsync(new PutItemRequest { TableName = "failed-orders" })|};
                    }
                }
            """), Phantom("SendMessageAsync", "PutItemAsync"));

        [Fact]
        public Task WriteInTheCatchOfAnOuterTry_IsReported()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task SendAsync(Order order)
                {
                    try
                    {
                        try
                        {
                            await {|#1:_sqs.SendMessageAsync("q", order.Id)|};
                        }
                        finally
                        {
                            order.Status = order.Id.Substring(3);
                        }
                    }
                    catch (ArgumentOutOfRangeException)
                    {
                        await {|#0:_ddb.PutItemAsync(new PutItemRequest { TableName = "failed-orders" })|};
                    }
                }
            """), Phantom("SendMessageAsync", "PutItemAsync"));

        [Fact]
        public Task PublishInFinally_IsReported()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task PlaceAsync(Order order)
                {
                    try
                    {
                        await {|#1:_db.SaveChangesAsync()|};
                    }
                    finally
                    {
                        await {|#0:_eventBridge.PutEventsAsync(new PutEventsRequest())|};
                    }
                }
            """), Lost("SaveChangesAsync", "PutEventsAsync"));

        [Fact]
        public Task WriteInFinallyAfterPublishInTry_IsPhantom()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task PlaceAsync(Order order)
                {
                    try
                    {
                        await {|#1:_sqs.SendMessageAsync("q", order.Id)|};
                    }
                    finally
                    {
                        await {|#0:_orders.InsertOneAsync(order)|};
                    }
                }
            """), Phantom("SendMessageAsync", "InsertOneAsync"));

        [Fact]
        public Task WriteInLoopThenPublishAfterLoop_IsReported()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task PlaceAllAsync(List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        await {|#1:_context.SaveAsync(order)|};
                    }

                    await {|#0:_sns.PublishAsync("arn", "batch-saved")|};
                }
            """), Lost("SaveAsync", "PublishAsync"));

        [Fact]
        public Task PublishThenWriteInLoopBody_IsReportedInSourceOrder()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task PlaceAllAsync(List<Order> orders)
                {
                    for (int i = 0; i < orders.Count; i++)
                    {
                        await {|#1:_sqs.SendMessageAsync("q", orders[i].Id)|};
                        await {|#0:_context.SaveAsync(orders[i])|};
                    }
                }
            """), Phantom("SendMessageAsync", "SaveAsync"));

        [Fact]
        public Task LoopCarriedOrder_PublishBeforeWriteOfTheNextIterationCounts()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task PumpAsync(Queue<Order> orders, bool first)
                {
                    while (orders.Count > 0)
                    {
                        var order = orders.Dequeue();
                        if (first)
                        {
                            await {|#1:_sqs.SendMessageAsync("q", order.Id)|};
                            first = false;
                            continue;
                        }

                        await {|#0:_context.SaveAsync(order)|};
                    }
                }
            """), Phantom("SendMessageAsync", "SaveAsync"));

        [Fact]
        public Task WriteThenPublishInDoWhileWithBreak_IsReported()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task RetryAsync(Order order)
                {
                    int attempts = 0;
                    do
                    {
                        await {|#1:_db.SaveChangesAsync()|};
                        if (++attempts > 3)
                        {
                            break;
                        }
                    }
                    while (order.Status != "saved");

                    await {|#0:_kinesis.PutRecordAsync(new Amazon.Kinesis.Model.PutRecordRequest())|};
                }
            """), Lost("SaveChangesAsync", "PutRecordAsync"));

        [Fact]
        public Task SynchronousMethod_IsReported()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public void Place(Order order)
                {
                    {|#1:_orders.InsertOne(order)|};
                    _orders.DeleteOne(o => o.Id == "old");
                    {|#0:_model.BasicPublish("orders", "placed", null, new byte[0])|};
                }
            """), Lost("InsertOne", "BasicPublish"));

        [Fact]
        public Task ExpressionBodiedMethod_IsReported()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public Task PlaceAsync(Order order)
                    => Task.WhenAll({|#1:_context.SaveAsync(order)|}, {|#0:_sqs.SendMessageAsync("q", order.Id)|});
            """), Lost("SaveAsync", "SendMessageAsync"));

        [Fact]
        public Task ConfigureAwait_IsSeenThrough()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task PlaceAsync(Order order)
                {
                    await {|#1:_db.SaveChangesAsync()|}.ConfigureAwait(false);
                    await {|#0:_sns.PublishAsync("arn", order.Id)|}.ConfigureAwait(false);
                }
            """), Lost("SaveChangesAsync", "PublishAsync"));

        [Fact]
        public Task NullConditionalCall_IsSeen()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                private readonly IAmazonSQS? _maybeSqs = null;

                public async Task PlaceAsync(Order order)
                {
                    await {|#1:_db.SaveChangesAsync()|};
                    await (_maybeSqs?{|#0:.SendMessageAsync("q", order.Id)|} ?? Task.FromResult(new SendMessageResponse()));
                }
            """), Lost("SaveChangesAsync", "SendMessageAsync"));

        [Fact]
        public Task Constructor_IsARoot()
            => VerifyCS.VerifyAnalyzerAsync(WithUsings("""
                public class Seeder
                {
                    public Seeder(ShopDbContext db, IProducer<string, string> producer)
                    {
                        db.Orders.Add(new Order { Id = "seed" });
                        {|#1:db.SaveChanges()|};
                        {|#0:producer.Produce("orders", new Message<string, string> { Key = "seed", Value = "seeded" })|};
                    }
                }
                """), Lost("SaveChanges", "Produce"));

        [Fact]
        public Task PropertySetter_IsARoot()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public Order Current
                {
                    set
                    {
                        _db.Orders.Add(value);
                        {|#1:_db.SaveChanges()|};
                        {|#0:_cap.Publish("order.current", value)|};
                    }
                }
            """), Lost("SaveChanges", "Publish"));

        [Fact]
        public Task LocalFunction_IsFollowed()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task PlaceAsync(Order order)
                {
                    await SaveAsync();
                    await {|#0:_sqs.SendMessageAsync("q", order.Id)|};

                    async Task SaveAsync()
                    {
                        order.Status = "placed";
                        await {|#1:_context.SaveAsync(order)|};
                    }
                }
            """), Lost("SaveAsync", "SendMessageAsync"));

        [Fact]
        public Task LocalFunctionNeverCalled_IsNotReported()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task PlaceAsync(Order order)
                {
                    await _sqs.SendMessageAsync("q", order.Id);

                    async Task SaveAsync() => await _context.SaveAsync(order);
                }
            """));

        [Fact]
        public Task RecursiveLocalFunction_DoesNotLoop()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task PlaceAsync(Order order)
                {
                    await SaveAsync(3);
                    await {|#0:_sqs.SendMessageAsync("q", order.Id)|};

                    async Task SaveAsync(int remaining)
                    {
                        await {|#1:_context.SaveAsync(order)|};
                        if (remaining > 0)
                        {
                            await SaveAsync(remaining - 1);
                        }
                    }
                }
            """), Lost("SaveAsync", "SendMessageAsync"));

        [Fact]
        public Task LambdaPassedToRetryHelper_RunsWhereItIsPassed()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                private static async Task RetryAsync(Func<Task> action)
                {
                    for (int attempt = 0; ; attempt++)
                    {
                        try { await action(); return; }
                        catch when (attempt < 3) { }
                    }
                }

                public async Task PlaceAsync(Order order)
                {
                    await RetryAsync(async () => await {|#1:_ddb.PutItemAsync(new PutItemRequest())|});
                    await RetryAsync(() => {|#0:_sqs.SendMessageAsync("q", order.Id)|});
                }
            """), Lost("PutItemAsync", "SendMessageAsync"));

        [Fact]
        public Task TaskRunLambda_IsFollowed()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task PlaceAsync(Order order)
                {
                    await {|#1:_db.SaveChangesAsync()|};
                    await Task.Run(() => {|#0:_producer.ProduceAsync("orders", new Message<string, string> { Key = order.Id, Value = order.Id })|});
                }
            """), Lost("SaveChangesAsync", "ProduceAsync"));

        [Fact]
        public Task LinqSelectLambda_IsFollowed()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task PlaceAllAsync(List<Order> orders)
                {
                    await {|#1:_db.SaveChangesAsync()|};
                    await Task.WhenAll(orders.Select(o => {|#0:_sqs.SendMessageAsync("q", o.Id)|}));
                }
            """), Lost("SaveChangesAsync", "SendMessageAsync"));

        [Fact]
        public Task MethodGroupPassedToRetryHelper_IsFollowed()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                private static Task RetryAsync(Func<Task> action) => action();

                private Task SaveOrdersAsync() => {|#2:_db.SaveChangesAsync()|};

                public async Task PlaceAsync(Order order)
                {
                    await RetryAsync({|#1:SaveOrdersAsync|});
                    await {|#0:_sns.PublishAsync("arn", order.Id)|};
                }
            """), Lost("SaveChangesAsync", "PublishAsync", 2));

        [Fact]
        public Task AwaitUsingTransaction_PublishBeforeCommit_IsInsideTransaction()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task PlaceAsync(Order order)
                {
                    await using var transaction = await _db.Database.BeginTransactionAsync();
                    _db.Orders.Add(order);
                    await {|#1:_db.SaveChangesAsync()|};
                    await {|#0:_sqs.SendMessageAsync("q", order.Id)|};
                    await transaction.CommitAsync();
                }
            """), InsideTransaction("SendMessageAsync", "SaveChangesAsync"));

        [Fact]
        public Task PublishAfterTransactionCommit_IsLostEvent()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task PlaceAsync(Order order)
                {
                    using (var transaction = _db.Database.BeginTransaction())
                    {
                        _db.Orders.Add(order);
                        await {|#1:_db.SaveChangesAsync()|};
                        transaction.Commit();
                    }

                    await {|#0:_sqs.SendMessageAsync("q", order.Id)|};
                }
            """), Lost("SaveChangesAsync", "SendMessageAsync"));

        [Fact]
        public Task TransactionScope_PublishBeforeComplete_IsInsideTransaction()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public void Place(Order order)
                {
                    using var scope = new TransactionScope();
                    {|#1:_connection.Execute("INSERT INTO orders (id) VALUES (@Id)", order)|};
                    {|#0:_producer.Produce("orders", new Message<string, string> { Key = order.Id, Value = order.Id })|};
                    scope.Complete();
                }
            """), InsideTransaction("Produce", "Execute"));

        [Fact]
        public Task AdoNetTransaction_PublishBeforeCommit_IsInsideTransaction()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task PlaceAsync(Order order)
                {
                    await using var transaction = await _dbConnection.BeginTransactionAsync();
                    await {|#1:_connection.ExecuteAsync("UPDATE orders SET status = 'placed'")|};
                    await {|#0:_sender.SendMessageAsync(new ServiceBusMessage(order.Id))|};
                    await transaction.CommitAsync();
                }
            """), InsideTransaction("SendMessageAsync", "ExecuteAsync"));

        [Fact]
        public Task SeveralPublishes_AreReportedOncePerMethod()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task PlaceAsync(Order order)
                {
                    await {|#1:_db.SaveChangesAsync()|};
                    await {|#0:_sqs.SendMessageAsync("q", order.Id)|};
                    await _sns.PublishAsync("arn", order.Id);
                    await _http.PostAsync("https://mail", null);
                }
            """), Lost("SaveChangesAsync", "SendMessageAsync"));

        [Fact]
        public Task GenericMethod_IsReported()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task SaveAndAnnounceAsync<T>(T entity, string topic) where T : class
                {
                    _db.Add(entity);
                    await {|#1:_db.SaveChangesAsync()|};
                    await {|#0:_cap.PublishAsync(topic, entity)|};
                }
            """), Lost("SaveChangesAsync", "PublishAsync"));

        [Fact]
        public Task StaticMethodWithClientParameters_IsReported()
            => VerifyCS.VerifyAnalyzerAsync(WithUsings("""
                public static class Orders
                {
                    public static async Task PlaceAsync(IAmazonDynamoDB ddb, IAmazonSimpleNotificationService sns, Order order)
                    {
                        await {|#1:ddb.UpdateItemAsync(new UpdateItemRequest())|};
                        await {|#0:sns.PublishAsync(new PublishRequest("arn", order.Id))|};
                    }
                }
                """), Lost("UpdateItemAsync", "PublishAsync"));

        [Fact]
        public Task MinimalApiLambda_IsReportedInsideTheLambda()
            => VerifyCS.VerifyAnalyzerAsync(WithUsings("""
                public static class Endpoints
                {
                    public static void Map(Action<string, Func<Order, Task>> mapPost, ShopDbContext db, IPublishEndpoint bus)
                    {
                        mapPost("/orders", async order =>
                        {
                            db.Orders.Add(order);
                            await {|#1:db.SaveChangesAsync()|};
                            await {|#0:bus.Publish(new OrderPlaced(order.Id))|};
                        });
                    }
                }
                """), Lost("SaveChangesAsync", "Publish"));

        [Fact]
        public Task UsingStatementAndLock_AreSeenThrough()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                private readonly object _gate = new object();

                public void Place(Order order)
                {
                    using (var command = _dbConnection.CreateCommand())
                    {
                        {|#1:command.ExecuteNonQuery()|};
                    }

                    lock (_gate)
                    {
                        {|#0:_commandProcessor.Post(new OrderPlacedCommand())|};
                    }
                }
            """), Lost("ExecuteNonQuery", "Post"));

        [Fact]
        public Task PatternMatchingBranches_AreExclusive()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task HandleAsync(object message)
                {
                    if (message is Order order)
                    {
                        await _context.SaveAsync(order);
                    }
                    else if (message is OrderPlaced placed)
                    {
                        await _sqs.SendMessageAsync("q", placed.OrderId);
                    }
                }
            """));

        [Fact]
        public Task GotoAfterWriteSkippingPublish_IsNotReported()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task RunAsync(Order order, bool skip)
                {
                    if (skip)
                    {
                        await _context.SaveAsync(order);
                        goto done;
                    }

                    await _sqs.SendMessageAsync("q", order.Id);
                done:
                    return;
                }
            """));

        [Fact]
        public Task TopLevelStatements_AreARoot()
            => new VerifyCS.Test
            {
                TestCode = Usings + """
                    var db = new ShopDbContext();
                    var sqs = new AmazonSQSClient();
                    db.Orders.Add(new Order { Id = "1" });
                    await {|#1:db.SaveChangesAsync()|};
                    await {|#0:sqs.SendMessageAsync("q", "1")|};
                    """ + Models,
                TestState = { OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication },
                ExpectedDiagnostics = { Lost("SaveChangesAsync", "SendMessageAsync") },
            }.RunAsync();

        [Fact]
        public Task MongoSessionTransaction_PublishBeforeCommit_IsInsideTransaction()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task PlaceAsync(IMongoClient client, Order order)
                {
                    using var session = await client.StartSessionAsync();
                    session.StartTransaction();
                    await {|#1:_orders.InsertOneAsync(session, order)|};
                    await {|#0:_bus.Publish(new OrderPlaced(order.Id))|};
                    await session.CommitTransactionAsync();
                }
            """), InsideTransaction("Publish", "InsertOneAsync"));

        [Fact]
        public Task PublishBeforeWriteInsideTransaction_IsPhantom()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task PlaceAsync(Order order)
                {
                    await using var transaction = await _db.Database.BeginTransactionAsync();
                    await {|#1:_sqs.SendMessageAsync("q", order.Id)|};
                    await {|#0:_db.SaveChangesAsync()|};
                    await transaction.CommitAsync();
                }
            """), Phantom("SendMessageAsync", "SaveChangesAsync"));

        [Theory]
        [InlineData("_db.Database.ExecuteSqlRawAsync(\"DELETE FROM orders WHERE id = {0}\", order.Id)", "ExecuteSqlRawAsync")]
        [InlineData("_db.Database.ExecuteSqlAsync($\"UPDATE orders SET status = {order.Status}\")", "ExecuteSqlAsync")]
        [InlineData("_db.Orders.Where(o => o.Id == order.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, \"paid\"))", "ExecuteUpdateAsync")]
        public Task EfCoreDirectStatements_AreWrites(string write, string operation)
            => VerifyCS.VerifyAnalyzerAsync(Service($$"""
                public async Task PayAsync(Order order)
                {
                    await {|#1:{{write}}|};
                    await {|#0:_sns.PublishAsync("arn", order.Id)|};
                }
            """), Lost(operation, "PublishAsync"));

        [Fact]
        public Task EfCoreRawSelect_IsNotAWrite()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task PayAsync(Order order)
                {
                    await _db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_lock(1)");
                    await _sns.PublishAsync("arn", order.Id);
                }
            """));

        [Fact]
        public Task ResiliencePipelineCallbacks_AreFollowed()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                private readonly ResiliencePipeline _pipeline = new();

                public async Task PlaceAsync(Order order, CancellationToken cancellationToken)
                {
                    await _pipeline.ExecuteAsync(async token => await {|#1:_context.SaveAsync(order, token)|}, cancellationToken);
                    await _pipeline.ExecuteAsync(async token => await {|#0:_sqs.SendMessageAsync("q", order.Id, token)|}, cancellationToken);
                }
            """) + """

            public sealed class ResiliencePipeline
            {
                public async ValueTask ExecuteAsync(Func<CancellationToken, ValueTask> callback, CancellationToken cancellationToken)
                {
                    for (int attempt = 0; attempt < 3; attempt++)
                    {
                        try { await callback(cancellationToken); return; }
                        catch (TimeoutException) { }
                    }
                }
            }
            """, Lost("SaveAsync", "SendMessageAsync"));

        [Fact]
        public Task EfExecutionStrategyLambda_IsFollowed()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public Task PlaceAsync(Order order)
                    => _db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
                    {
                        _db.Orders.Add(order);
                        await {|#1:_db.SaveChangesAsync()|};
                        await {|#0:_commandProcessor.PostAsync(new OrderPlacedCommand())|};
                    });
            """), Lost("SaveChangesAsync", "PostAsync"));
    }
}
