using System.Threading.Tasks;
using static Consistency.Analyzers.Tests.Rules.DualWriteExpectations;
using static Consistency.Analyzers.Tests.Rules.DualWriteTestSources;
using VerifyCS = Consistency.Testing.Verifiers.CSharpAnalyzerVerifier<Consistency.Analyzers.Rules.DualWriteAnalyzer>;

namespace Consistency.Analyzers.Tests.Rules
{
    /// <summary>Every API family of the catalogue, interface and concrete client, sync and async.</summary>
    public class DualWriteApiFamilyTests
    {
        [Theory]
        [InlineData("_sqs.SendMessageAsync(text, text)", "SendMessageAsync")]
        [InlineData("_sqs.SendMessageAsync(new SendMessageRequest(text, text) { MessageGroupId = text })", "SendMessageAsync")]
        [InlineData("_sqsClient.SendMessageAsync(text, text)", "SendMessageAsync")]
        [InlineData("_sqs.SendMessageBatchAsync(new SendMessageBatchRequest())", "SendMessageBatchAsync")]
        [InlineData("_sns.PublishAsync(text, text)", "PublishAsync")]
        [InlineData("_snsClient.PublishAsync(new PublishRequest(text, text))", "PublishAsync")]
        [InlineData("_sns.PublishBatchAsync(new PublishBatchRequest())", "PublishBatchAsync")]
        [InlineData("_kinesis.PutRecordAsync(new Amazon.Kinesis.Model.PutRecordRequest { PartitionKey = text })", "PutRecordAsync")]
        [InlineData("_kinesis.PutRecordsAsync(new Amazon.Kinesis.Model.PutRecordsRequest())", "PutRecordsAsync")]
        [InlineData("new AmazonKinesisClient().PutRecordAsync(new Amazon.Kinesis.Model.PutRecordRequest())", "PutRecordAsync")]
        [InlineData("_firehose.PutRecordAsync(new Amazon.KinesisFirehose.Model.PutRecordRequest())", "PutRecordAsync")]
        [InlineData("_firehose.PutRecordBatchAsync(new Amazon.KinesisFirehose.Model.PutRecordBatchRequest())", "PutRecordBatchAsync")]
        [InlineData("_eventBridge.PutEventsAsync(new PutEventsRequest())", "PutEventsAsync")]
        [InlineData("new AmazonEventBridgeClient().PutEventsAsync(new PutEventsRequest())", "PutEventsAsync")]
        [InlineData("_stepFunctions.StartExecutionAsync(new StartExecutionRequest { Input = text })", "StartExecutionAsync")]
        [InlineData("_lambda.InvokeAsync(new InvokeRequest { FunctionName = text, InvocationType = InvocationType.Event })", "InvokeAsync")]
        [InlineData("new AmazonLambdaClient().InvokeAsync(new InvokeRequest { InvocationType = \"Event\" })", "InvokeAsync")]
        [InlineData("_publishEndpoint.Publish(new OrderPlaced(text))", "Publish")]
        [InlineData("_bus.Publish(new OrderPlaced(text))", "Publish")]
        [InlineData("_bus.Publish((object)new OrderPlaced(text))", "Publish")]
        [InlineData("_sendEndpoint.Send(new OrderPlaced(text))", "Send")]
        [InlineData("_session.Publish(new OrderPlaced(text))", "Publish")]
        [InlineData("_session.Send(new OrderPlaced(text), new SendOptions())", "Send")]
        [InlineData("_session.SendLocal(new OrderPlaced(text))", "SendLocal")]
        [InlineData("_producer.ProduceAsync(text, new Message<string, string> { Key = text, Value = text })", "ProduceAsync")]
        [InlineData("_sender.SendMessageAsync(new ServiceBusMessage(text))", "SendMessageAsync")]
        [InlineData("_sender.SendMessagesAsync(new[] { new ServiceBusMessage(text) })", "SendMessagesAsync")]
        [InlineData("_channel.BasicPublishAsync(text, text, bytes)", "BasicPublishAsync")]
        [InlineData("_channel.BasicPublishAsync(text, text, false, new BasicProperties(), bytes)", "BasicPublishAsync")]
        [InlineData("_commandProcessor.PostAsync(new OrderPlacedCommand())", "PostAsync")]
        [InlineData("_cap.PublishAsync(text, order)", "PublishAsync")]
        [InlineData("_wolverine.PublishAsync(new OrderPlaced(text))", "PublishAsync")]
        [InlineData("_wolverine.SendAsync(new OrderPlaced(text))", "SendAsync")]
        public Task WriteThenAsyncPublish_IsReported(string publish, string operation)
            => VerifyCS.VerifyAnalyzerAsync(Service($$"""
                public async Task PlaceAsync(Order order, string text, byte[] bytes)
                {
                    await {|#1:_ddb.PutItemAsync(new PutItemRequest { TableName = "orders" })|};
                    await {|#0:{{publish}}|};
                }
            """), Lost("PutItemAsync", operation));

        [Theory]
        [InlineData("_producer.Produce(text, new Message<string, string> { Key = text, Value = text })", "Produce")]
        [InlineData("_model.BasicPublish(text, text, null, bytes)", "BasicPublish")]
        [InlineData("_model.BasicPublish(text, text, false, _model.CreateBasicProperties(), bytes)", "BasicPublish")]
        [InlineData("_commandProcessor.Post(new OrderPlacedCommand())", "Post")]
        [InlineData("_cap.Publish(text, order)", "Publish")]
        public Task WriteThenSyncPublish_IsReported(string publish, string operation)
            => VerifyCS.VerifyAnalyzerAsync(Service($$"""
                public void Place(Order order, string text, byte[] bytes)
                {
                    _db.Orders.Add(order);
                    {|#1:_db.SaveChanges()|};
                    {|#0:{{publish}}|};
                }
            """), Lost("SaveChanges", operation));

        [Theory]
        [InlineData("_ddb.PutItemAsync(new PutItemRequest())", "PutItemAsync")]
        [InlineData("_ddbClient.PutItemAsync(new PutItemRequest())", "PutItemAsync")]
        [InlineData("_ddb.UpdateItemAsync(new UpdateItemRequest())", "UpdateItemAsync")]
        [InlineData("_ddb.DeleteItemAsync(new DeleteItemRequest())", "DeleteItemAsync")]
        [InlineData("_ddb.BatchWriteItemAsync(new BatchWriteItemRequest())", "BatchWriteItemAsync")]
        [InlineData("_ddb.TransactWriteItemsAsync(new TransactWriteItemsRequest())", "TransactWriteItemsAsync")]
        [InlineData("_ddb.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = \"UPDATE orders SET status = 'paid'\" })", "ExecuteStatementAsync")]
        [InlineData("_context.SaveAsync(order)", "SaveAsync")]
        [InlineData("_context.DeleteAsync(order)", "DeleteAsync")]
        [InlineData("_context.CreateBatchWrite<Order>().ExecuteAsync()", "ExecuteAsync")]
        [InlineData("_context.CreateTransactWrite<Order>().ExecuteAsync()", "ExecuteAsync")]
        [InlineData("_table.PutItemAsync(new Document())", "PutItemAsync")]
        [InlineData("_table.UpdateItemAsync(new Document())", "UpdateItemAsync")]
        [InlineData("_db.SaveChangesAsync()", "SaveChangesAsync")]
        [InlineData("_db.SaveChangesAsync(true, CancellationToken.None)", "SaveChangesAsync")]
        [InlineData("_db.Orders.Where(o => o.Id == text).ExecuteDeleteAsync()", "ExecuteDeleteAsync")]
        [InlineData("_orders.InsertOneAsync(order)", "InsertOneAsync")]
        [InlineData("_orders.ReplaceOneAsync(o => o.Id == text, order)", "ReplaceOneAsync")]
        [InlineData("_orders.DeleteOneAsync(o => o.Id == text)", "DeleteOneAsync")]
        [InlineData("_orders.BulkWriteAsync(new[] { new InsertOneModel<Order>(order) })", "BulkWriteAsync")]
        [InlineData("_connection.ExecuteAsync(\"INSERT INTO orders (id) VALUES (@Id)\", order)", "ExecuteAsync")]
        [InlineData("_connection.ExecuteAsync(\"update orders set status = 'paid'\")", "ExecuteAsync")]
        [InlineData("_connection.ExecuteAsync(\"  -- archive\\n DELETE FROM orders\")", "ExecuteAsync")]
        [InlineData("_connection.ExecuteAsync(\"MERGE INTO orders USING x ON 1 = 1\")", "ExecuteAsync")]
        [InlineData("_connection.ExecuteAsync(text)", "ExecuteAsync")]
        [InlineData("_connection.ExecuteAsync(new CommandDefinition(\"DELETE FROM orders\"))", "ExecuteAsync")]
        [InlineData("_connection.QueryAsync<int>(\"INSERT INTO orders (id) VALUES (1) RETURNING id\")", "QueryAsync")]
        [InlineData("_dbConnection.CreateCommand().ExecuteNonQueryAsync()", "ExecuteNonQueryAsync")]
        public Task AsyncWriteThenPublish_IsReported(string write, string operation)
            => VerifyCS.VerifyAnalyzerAsync(Service($$"""
                public async Task PlaceAsync(Order order, string text)
                {
                    await {|#1:{{write}}|};
                    await {|#0:_sqs.SendMessageAsync(text, text)|};
                }
            """), Lost(operation, "SendMessageAsync"));

        [Theory]
        [InlineData("_db.SaveChanges()", "SaveChanges")]
        [InlineData("_db.SaveChanges(acceptAllChangesOnSuccess: true)", "SaveChanges")]
        [InlineData("_orders.InsertOne(order)", "InsertOne")]
        [InlineData("_orders.DeleteMany(o => o.Status == text)", "DeleteMany")]
        [InlineData("_connection.Execute(\"UPDATE orders SET status = @Status\", order)", "Execute")]
        [InlineData("_dbConnection.CreateCommand().ExecuteNonQuery()", "ExecuteNonQuery")]
        [InlineData("((IDbCommand)_dbConnection.CreateCommand()).ExecuteNonQuery()", "ExecuteNonQuery")]
        public Task SyncWriteThenPublish_IsReported(string write, string operation)
            => VerifyCS.VerifyAnalyzerAsync(Service($$"""
                public void Place(Order order, string text)
                {
                    {|#1:{{write}}|};
                    {|#0:_producer.Produce(text, new Message<string, string> { Key = text, Value = text })|};
                }
            """), Lost(operation, "Produce"));

        [Theory]
        [InlineData("_http.PostAsync(text, null)", "PostAsync")]
        [InlineData("_http.PutAsync(text, null)", "PutAsync")]
        [InlineData("_http.PatchAsync(text, null)", "PatchAsync")]
        [InlineData("_http.DeleteAsync(text)", "DeleteAsync")]
        [InlineData("_http.PostAsJsonAsync(text, order)", "PostAsJsonAsync")]
        [InlineData("_http.SendAsync(new HttpRequestMessage(HttpMethod.Post, text))", "SendAsync")]
        [InlineData("_http.SendAsync(new HttpRequestMessage { Method = HttpMethod.Delete })", "SendAsync")]
        public Task WriteThenExternalCall_IsReported(string call, string operation)
            => VerifyCS.VerifyAnalyzerAsync(Service($$"""
                public async Task PayAsync(Order order, string text)
                {
                    await {|#1:_db.SaveChangesAsync()|};
                    await {|#0:{{call}}|};
                }
            """), LostCall("SaveChangesAsync", operation));

        [Fact]
        public Task ExternalCallThenWrite_IsReported()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task ChargeAsync(Order order, string text)
                {
                    await {|#1:_http.PostAsync("https://payments/charge", null)|};
                    order.Status = "paid";
                    await {|#0:_context.SaveAsync(order)|};
                }
            """), PhantomCall("PostAsync", "SaveAsync"));

        [Theory]
        [InlineData("_http.GetAsync(text)")]
        [InlineData("_http.GetStringAsync(text)")]
        [InlineData("_http.SendAsync(new HttpRequestMessage(HttpMethod.Get, text))")]
        [InlineData("_http.SendAsync(new HttpRequestMessage(HttpMethod.Head, text))")]
        [InlineData("_http.SendAsync(new HttpRequestMessage())")]
        [InlineData("_lambda.InvokeAsync(new InvokeRequest { FunctionName = text })")]
        [InlineData("_lambda.InvokeAsync(new InvokeRequest { InvocationType = InvocationType.RequestResponse })")]
        [InlineData("_sqs.ReceiveMessageAsync(text)")]
        [InlineData("_sqs.DeleteMessageAsync(text, text)")]
        [InlineData("_commandProcessor.SendAsync(new OrderPlacedCommand())")]
        [InlineData("_commandProcessor.DepositPostAsync(new OrderPlacedCommand())")]
        [InlineData("_wolverine.InvokeAsync(new OrderPlaced(text))")]
        public Task WriteThenCallThatIsNotAnEffect_IsNotReported(string call)
            => VerifyCS.VerifyAnalyzerAsync(Service($$"""
                public async Task RunAsync(Order order, string text)
                {
                    await _ddb.PutItemAsync(new PutItemRequest());
                    await {{call}};
                }
            """));

        [Theory]
        [InlineData("_ddb.GetItemAsync(new GetItemRequest())")]
        [InlineData("_ddb.QueryAsync(new QueryRequest())")]
        [InlineData("_ddb.ScanAsync(new ScanRequest())")]
        [InlineData("_ddb.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = \"SELECT * FROM orders\" })")]
        [InlineData("_context.LoadAsync<Order>(text)")]
        [InlineData("_table.GetItemAsync(new Primitive(text))")]
        [InlineData("_db.Orders.Where(o => o.Id == text).ToListAsync()")]
        [InlineData("_db.Orders.FirstOrDefaultAsync(o => o.Id == text)")]
        [InlineData("_db.Orders.FindAsync(text)")]
        [InlineData("_connection.QueryAsync<Order>(\"SELECT * FROM orders\")")]
        [InlineData("_connection.ExecuteAsync(\"SELECT 1\")")]
        [InlineData("_connection.ExecuteScalarAsync<int>(\"select count(*) from orders\")")]
        [InlineData("_orders.Find(o => o.Id == text).ToListAsync()")]
        [InlineData("_dbConnection.CreateCommand().ExecuteReaderAsync()")]
        public Task ReadThenPublish_IsNotReported(string read)
            => VerifyCS.VerifyAnalyzerAsync(Service($$"""
                public async Task RunAsync(string text)
                {
                    var result = await {{read}};
                    await _sqs.SendMessageAsync(text, Convert.ToString(result) ?? text);
                }
            """));

        [Fact]
        public Task SyncEfQueryThenPublish_IsNotReported()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public void Run(string text)
                {
                    var orders = _db.Orders.Where(o => o.Status == text).ToList();
                    _cap.Publish(text, orders.Count);
                }
            """));

        [Fact]
        public Task NServiceBusSessionPublishAfterWrite_IsReported()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task PlaceAsync(Order order)
                {
                    await {|#1:_db.SaveChangesAsync()|};
                    await {|#0:_session.Publish(new OrderPlaced(order.Id))|};
                }
            """), Lost("SaveChangesAsync", "Publish"));

        [Fact]
        public Task NServiceBusHandlerContextPublish_IsNotReported_BecauseDispatchWaitsForTheHandler()
            => VerifyCS.VerifyAnalyzerAsync(WithUsings("""
                public class PlaceOrderHandler : IHandleMessages<OrderPlaced>
                {
                    private readonly ShopDbContext _db = null!;

                    public async Task Handle(OrderPlaced message, IMessageHandlerContext context)
                    {
                        _db.Orders.Add(new Order { Id = message.OrderId });
                        await _db.SaveChangesAsync();
                        await context.Publish(new OrderPlaced(message.OrderId));
                        await context.Send(message, new SendOptions());
                        await context.Reply(message);
                    }
                }
                """));

        [Fact]
        public Task MassTransitConsumerPublishAfterWrite_IsReported()
            => VerifyCS.VerifyAnalyzerAsync(WithUsings("""
                public class PlaceOrderConsumer : IConsumer<OrderPlaced>
                {
                    private readonly IAmazonDynamoDB _ddb = null!;

                    public async Task Consume(ConsumeContext<OrderPlaced> context)
                    {
                        await {|#1:_ddb.PutItemAsync(new PutItemRequest())|};
                        await {|#0:context.Publish(new OrderPlaced(context.Message.OrderId))|};
                    }
                }
                """), Lost("PutItemAsync", "Publish"));

        [Fact]
        public Task LambdaInvocationTypeAssignedLater_IsReported()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task RunAsync(string text)
                {
                    await {|#1:_db.SaveChangesAsync()|};
                    var request = new InvokeRequest { FunctionName = text };
                    request.InvocationType = InvocationType.Event;
                    await {|#0:_lambda.InvokeAsync(request)|};
                }
            """), Lost("SaveChangesAsync", "InvokeAsync"));
    }
}
