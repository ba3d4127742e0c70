using System.Threading.Tasks;
using static Consistency.Analyzers.Tests.Rules.NonIdempotentHandlerTestSources;

namespace Consistency.Analyzers.Tests.Rules
{
    /// <summary>CH0002 for every handler framework, each with a different unsafe effect.</summary>
    public class NonIdempotentHandlerFrameworkTests
    {
        [Fact]
        public Task SqsLambda_Publish_IsReported()
            => VerifyAsync(Function("""
                public async Task {|#0:Handler|}(SQSEvent evnt, ILambdaContext context)
                {
                    foreach (var record in evnt.Records)
                    {
                        await {|#1:_sns.PublishAsync("arn", record.Body)|};
                    }
                }
            """), Expect("Handler", "SQS Lambda handler", "PublishAsync", Publishes));

        [Fact]
        public Task SnsLambda_HttpPost_IsReported()
            => VerifyAsync(Function("""
                public async Task {|#0:Handler|}(SNSEvent evnt)
                {
                    await {|#1:_http.PostAsync("https://payments/charge", new StringContent(evnt.Records[0].Sns.Message))|};
                }
            """), Expect("Handler", "SNS Lambda handler", "PostAsync", CallsExternal));

        [Fact]
        public Task KinesisLambda_AddUpdate_IsReported()
            => VerifyAsync(Function("""
                public async Task {|#0:Handler|}(KinesisEvent evnt)
                {
                    foreach (var record in evnt.Records)
                    {
                        await {|#1:_ddb.UpdateItemAsync(new UpdateItemRequest
                        {
                            TableName = "stats",
                            Key = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = record.Kinesis.PartitionKey } },
                            UpdateExpression = "ADD #count :one",
                        })|};
                    }
                }
            """), Expect("Handler", "Kinesis Lambda handler", "UpdateItemAsync", RelativeUpdate));

        [Fact]
        public Task DynamoDbStreamLambda_GeneratedKey_IsReported()
            => VerifyAsync(Function("""
                public async Task {|#0:Handler|}(DynamoDBEvent evnt)
                {
                    var item = new Dictionary<string, AttributeValue>
                    {
                        ["pk"] = new AttributeValue { S = "AUDIT#" + Guid.NewGuid() },
                        ["what"] = new AttributeValue { S = evnt.Records[0].EventName },
                    };
                    await {|#1:_ddb.PutItemAsync(new PutItemRequest { TableName = "audit", Item = item })|};
                }
            """), Expect("Handler", "DynamoDB Streams Lambda handler", "PutItemAsync", GeneratedKey));

        [Fact]
        public Task DynamoDbStreamLambda_GeneratedKeyInAnAddedEntry_IsReported()
            => VerifyAsync(Function("""
                public async Task {|#0:Handler|}(DynamoDBEvent evnt)
                {
                    var item = new Dictionary<string, AttributeValue>
                    {
                        { "pk", new AttributeValue { S = Guid.NewGuid().ToString() } },
                        { "what", new AttributeValue { S = evnt.Records[0].EventName } },
                    };
                    await {|#1:_ddb.PutItemAsync(new PutItemRequest { TableName = "audit", Item = item })|};
                }
            """), Expect("Handler", "DynamoDB Streams Lambda handler", "PutItemAsync", GeneratedKey));

        [Fact]
        public Task FirehoseLambda_Publish_IsReported()
            => VerifyAsync(Function("""
                public async Task<KinesisFirehoseResponse> {|#0:Transform|}(KinesisFirehoseEvent evnt)
                {
                    await {|#1:_sqsClient.SendMessageAsync(new SendMessageRequest("q", evnt.InvocationId))|};
                    return new KinesisFirehoseResponse();
                }
            """), Expect("Transform", "Firehose Lambda handler", "SendMessageAsync", Publishes));

        [Fact]
        public Task EventBridgeLambda_EfAdd_IsReported()
            => VerifyAsync(Function("""
                public async Task {|#0:Handler|}(CloudWatchEvent<OrderDetail> evnt)
                {
                    _db.Orders.Add(new Order { Id = evnt.Detail.OrderId });
                    await {|#1:_db.SaveChangesAsync()|};
                }
            """), Expect("Handler", "EventBridge Lambda handler", "SaveChangesAsync", InsertsEntity));

        [Fact]
        public Task MassTransitConsumer_Publish_IsReported()
            => VerifyAsync(Class("public class OrderPlacedConsumer : IConsumer<OrderPlaced>", """
                public async Task {|#0:Consume|}(ConsumeContext<OrderPlaced> context)
                {
                    await {|#1:context.Publish(new OrderPlaced(context.Message.OrderId))|};
                }
            """), Expect("Consume", "MassTransit consumer", "Publish", Publishes));

        [Fact]
        public Task MassTransitExplicitImplementation_IsReported()
            => VerifyAsync(Class("public class OrderPlacedConsumer : IConsumer<OrderPlaced>", """
                async Task IConsumer<OrderPlaced>.{|#0:Consume|}(ConsumeContext<OrderPlaced> context)
                {
                    await {|#1:_sqs.SendMessageAsync("q", context.Message.OrderId)|};
                }
            """), Expect("MassTransit.IConsumer<OrderPlaced>.Consume", "MassTransit consumer", "SendMessageAsync", Publishes));

        [Fact]
        public Task GenericConsumer_IsReported()
            => VerifyAsync(Class("public class Forwarder<T> : IConsumer<T> where T : class", """
                public async Task {|#0:Consume|}(ConsumeContext<T> context)
                {
                    await {|#1:_sqs.SendMessageAsync("q", context.Message.ToString())|};
                }
            """), Expect("Consume", "MassTransit consumer", "SendMessageAsync", Publishes));

        [Fact]
        public Task NServiceBusHandler_Publish_IsReported()
            => VerifyAsync(Class("public class OrderPlacedHandler : IHandleMessages<OrderPlaced>", """
                public Task {|#0:Handle|}(OrderPlaced message, IMessageHandlerContext context)
                    => {|#1:context.Publish(new OrderPlaced(message.OrderId))|};
            """), Expect("Handle", "NServiceBus message handler", "Publish", Publishes));

        [Fact]
        public Task BrighterHandler_DapperInsert_IsReported()
            => VerifyAsync(Class("public class PlaceOrderHandler : RequestHandler<PlaceOrder>", """
                public override PlaceOrder {|#0:Handle|}(PlaceOrder command)
                {
                    {|#1:_connection.Execute("INSERT INTO orders (id) VALUES (@Id)", new { Id = command.OrderId })|};
                    return base.Handle(command);
                }
            """), Expect("Handle", "Brighter request handler", "Execute", InsertsRow));

        [Fact]
        public Task BrighterAsyncHandler_SqlRelativeUpdate_IsReported()
            => VerifyAsync(Class("public class PlaceOrderHandler : RequestHandlerAsync<PlaceOrder>", """
                public override async Task<PlaceOrder> {|#0:HandleAsync|}(PlaceOrder command, CancellationToken cancellationToken = default)
                {
                    await {|#1:_connection.ExecuteAsync("UPDATE stock SET quantity = quantity - 1 WHERE id = @Id", new { Id = command.OrderId })|};
                    return await base.HandleAsync(command, cancellationToken);
                }
            """), Expect("HandleAsync", "Brighter request handler", "ExecuteAsync", SqlRelativeUpdate));

        [Fact]
        public Task CapSubscriber_AdoInsert_IsReported()
            => VerifyAsync(Class("public class OrderSubscriber : ICapSubscribe", """
                [CapSubscribe("orders.placed")]
                public async Task {|#0:OnPlaced|}(OrderPlaced message)
                {
                    using var command = _dbConnection.CreateCommand();
                    command.CommandText = "INSERT INTO shipments (order_id) VALUES (@id)";
                    await {|#1:command.ExecuteNonQueryAsync()|};
                }
            """), Expect("OnPlaced", "CAP subscriber", "ExecuteNonQueryAsync", InsertsRow));

        [Fact]
        public Task WolverineConventionHandler_Publish_IsReported()
            => VerifyAsync(Class("public class ShipOrderHandler", """
                public async Task {|#0:Handle|}(OrderPlaced message)
                {
                    await {|#1:_wolverine.PublishAsync(new OrderPlaced(message.OrderId))|};
                }
            """), Expect("Handle", "Wolverine message handler", "PublishAsync", Publishes));

        [Fact]
        public Task AwsMessagingHandler_MongoInsert_IsReported()
            => VerifyAsync(Class("public class OrderHandler : AWS.Messaging.IMessageHandler<OrderPlaced>", """
                public async Task<AWS.Messaging.MessageProcessStatus> {|#0:HandleAsync|}(AWS.Messaging.MessageEnvelope<OrderPlaced> messageEnvelope, CancellationToken token = default)
                {
                    await {|#1:_orders.InsertOneAsync(new Order { Id = messageEnvelope.Message.OrderId })|};
                    return AWS.Messaging.MessageProcessStatus.Success();
                }
            """), Expect("HandleAsync", "AWS.Messaging handler", "InsertOneAsync", InsertsDocument));

        [Fact]
        public Task JustSayingHandler_CounterUpdate_IsReported()
            => VerifyAsync(Class("public class OrderMessage : JustSaying.Models.Message { public string OrderId { get; set; } = \"\"; }\npublic class Counter : JustSaying.Messaging.MessageHandling.IHandlerAsync<OrderMessage>", """
                public async Task<bool> {|#0:Handle|}(OrderMessage message)
                {
                    var request = new UpdateItemRequest { TableName = "counters" };
                    request.UpdateExpression = "SET #total = if_not_exists(#total, :zero) + :one";
                    await {|#1:_ddb.UpdateItemAsync(request)|};
                    return true;
                }
            """), Expect("Handle", "JustSaying handler", "UpdateItemAsync", RelativeUpdate));

        [Fact]
        public Task SqsPollingBackgroundService_IsReported()
            => VerifyAsync(Class("public class Worker : Microsoft.Extensions.Hosting.BackgroundService", """
                protected override async Task {|#0:ExecuteAsync|}(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        var response = await _sqs.ReceiveMessageAsync("in", stoppingToken);
                        foreach (var message in response.Messages!)
                        {
                            await {|#1:_sns.PublishAsync("arn", message.Body)|};
                        }
                    }
                }
            """), Expect("ExecuteAsync", "SQS polling background service", "PublishAsync", Publishes));

        [Fact]
        public Task SqsPollingMethod_IsReported()
            => VerifyAsync(Class("public class Poller", """
                public async Task {|#0:PollOnce|}(CancellationToken cancellationToken)
                {
                    var response = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest("in"), cancellationToken);
                    foreach (var message in response.Messages!)
                    {
                        await {|#1:_sns.PublishAsync("arn", message.Body)|};
                        await _sqs.DeleteMessageAsync("in", message.ReceiptHandle, cancellationToken);
                    }
                }
            """), Expect("PollOnce", "SQS polling method", "PublishAsync", Publishes));

        [Fact]
        public Task PollingServiceWhoseHelperPolls_IsReportedOnceAtTheHelper()
            => VerifyAsync(Class("public class Worker : Microsoft.Extensions.Hosting.BackgroundService", """
                protected override Task ExecuteAsync(CancellationToken stoppingToken) => PollAsync(stoppingToken);

                private async Task {|#0:PollAsync|}(CancellationToken token)
                {
                    while (!token.IsCancellationRequested)
                    {
                        var response = await _sqs.ReceiveMessageAsync("in", token);
                        foreach (var message in response.Messages!)
                        {
                            await {|#1:_sns.PublishAsync("arn", message.Body)|};
                        }
                    }
                }
            """), Expect("PollAsync", "SQS polling method", "PublishAsync", Publishes));

        [Fact]
        public Task PollingServiceThatProcessesWhatAHelperReceived_IsReportedAtExecuteAsync()
            => VerifyAsync(Class("public class Worker : Microsoft.Extensions.Hosting.BackgroundService", """
                protected override async Task {|#0:ExecuteAsync|}(CancellationToken stoppingToken)
                {
                    foreach (var message in await ReceiveAsync(stoppingToken))
                    {
                        await {|#1:_sns.PublishAsync("arn", message.Body)|};
                    }
                }

                private async Task<List<Message>> ReceiveAsync(CancellationToken token)
                {
                    var response = await _sqs.ReceiveMessageAsync("in", token);
                    return response.Messages!;
                }
            """), Expect("ExecuteAsync", "SQS polling background service", "PublishAsync", Publishes));

        [Fact]
        public Task PollingMethodThatProcessesWhatAHelperReceived_IsReported()
            => VerifyAsync(Class("public class Job", """
                public async Task {|#0:Drain|}(CancellationToken token)
                {
                    foreach (var message in await FetchAsync(token))
                    {
                        await {|#1:_sns.PublishAsync("arn", message.Body)|};
                    }
                }

                private async Task<List<Message>> FetchAsync(CancellationToken token)
                    => (await _sqs.ReceiveMessageAsync("in", token)).Messages!;
            """), Expect("Drain", "SQS polling method", "PublishAsync", Publishes));

        [Fact]
        public Task PollingServiceWhoseHelperProcessesWhatAnotherReceived_IsReportedOnceAtThatHelper()
            => VerifyAsync(Class("public class Worker : Microsoft.Extensions.Hosting.BackgroundService", """
                protected override Task ExecuteAsync(CancellationToken stoppingToken) => DrainAsync(stoppingToken);

                private async Task {|#0:DrainAsync|}(CancellationToken token)
                {
                    while (!token.IsCancellationRequested)
                    {
                        var messages = await FetchAsync(token);
                        foreach (var message in messages)
                        {
                            await {|#1:_sns.PublishAsync("arn", message.Body)|};
                        }
                    }
                }

                private async Task<List<Message>> FetchAsync(CancellationToken token)
                {
                    var response = await _sqs.ReceiveMessageAsync("in", token);
                    return response.Messages!;
                }
            """), Expect("DrainAsync", "SQS polling method", "PublishAsync", Publishes));

        [Fact]
        public Task ReceiveHelpersAndProbes_AreNotHandlers()
            => VerifyAsync(Class("public class QueueReader", """
                public async Task<List<Message>> ReceiveAsync(CancellationToken token)
                {
                    var response = await _sqs.ReceiveMessageAsync("in", token);
                    await _sns.PublishAsync("arn:metrics", "polled");
                    return response.Messages!;
                }

                public async Task ProbeAsync(CancellationToken token)
                {
                    await _sqs.ReceiveMessageAsync("in", token);
                    await _sns.PublishAsync("arn:health", "queue reachable");
                }

                public async Task NotifyAsync(string text)
                {
                    // ReceiveMessageAsync is named here, not called.
                    await _sns.PublishAsync("arn", text);
                }
            """));

        [Fact]
        public Task DeclaredHandler_ListAppend_IsReported()
            => VerifyAsync(Class("public class Inbound", """
                [MessageHandler]
                public async Task {|#0:OnMessage|}(string orderId)
                {
                    await {|#1:_ddb.UpdateItemAsync(new UpdateItemRequest { TableName = "t", UpdateExpression = "SET #events = list_append(#events, :e)" })|};
                }
            """), Expect("OnMessage", "message handler", "UpdateItemAsync", RelativeUpdate));

        [Fact]
        public Task ConfiguredHandler_ExternalCall_IsReported()
            => VerifyAsync(Class("namespace Shop { public class Inbound", """
                public async Task {|#0:OnMessage|}(string orderId)
                {
                    await {|#1:_http.DeleteAsync("https://reservations/" + orderId)|};
                }
                public async Task NotListed(string orderId) => await _http.DeleteAsync("https://reservations/" + orderId);
            """ + "\n}") , "consistency.handler_methods = Shop.Inbound.OnMessage",
                Expect("OnMessage", "configured message handler", "DeleteAsync", CallsExternal));
    }
}
