using System.Threading.Tasks;
using Consistency.Testing;
using static Consistency.Analyzers.Tests.Rules.NonIdempotentHandlerTestSources;
using Verify = Consistency.Analyzers.Tests.Rules.HandlerRuleVerifier<Consistency.Analyzers.Rules.UnconditionalCreateAnalyzer, Consistency.CodeFixes.Rules.UnconditionalCreateFixer>;

namespace Consistency.Analyzers.Tests.Rules
{
    /// <summary>CH0003: every create API, every handler framework, every C# shape, and the look-alikes that are safe.</summary>
    public class UnconditionalCreateAnalyzerTests
    {
        internal const string PutRemedy = "add ConditionExpression = \"attribute_not_exists(<key>)\" and treat ConditionalCheckFailedException as already done";
        internal const string TransactionRemedy = "give the Put action a ConditionExpression with attribute_not_exists(<key>)";
        internal const string SaveRemedy = "give the saved type a [DynamoDBVersion] property, or save with a SaveConfig whose ConditionalExpression checks ContextExpression.AttributeNotExists(<key>)";
        internal const string DocumentRemedy = "pass a PutItemOperationConfig whose ConditionalExpression checks attribute_not_exists(<key>)";

        internal static DiagnosticResult Expect(int location, string handler, string kind, string operation, string remedy)
            => Verify.Diagnostic().WithLocation(location).WithArguments(handler, kind, operation, remedy);

        internal static DiagnosticResult ExpectViaHelper(string handler, string kind, string operation, string remedy)
            => Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(handler, kind, operation, remedy);

        private const string OrderPut = """
            new PutItemRequest
                        {
                            TableName = "orders",
                            Item = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = record.MessageId }, ["status"] = new AttributeValue { S = "NEW" } },
                        }
            """;

        [Fact]
        public Task SqsLambda_PutItemAsyncWithoutCondition_IsReported()
            => Verify.VerifyAsync(Function($$"""
                public async Task Handler(SQSEvent evnt)
                {
                    foreach (var record in evnt.Records)
                    {
                        await {|#0:_ddb.PutItemAsync({{OrderPut}})|};
                    }
                }
            """), Expect(0, "Handler", "SQS Lambda handler", "PutItemAsync", PutRemedy));

        [Fact]
        public Task PutItemOnTheClient_RequestInALocal_IsReported()
            => Verify.VerifyAsync(Function("""
                public async Task Handler(SQSEvent evnt)
                {
                    var request = new PutItemRequest { TableName = "orders" };
                    request.Item = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = evnt.Records[0].MessageId } };
                    await {|#0:_ddbClient.PutItemAsync(request)|};
                }
            """), Expect(0, "Handler", "SQS Lambda handler", "PutItemAsync", PutRemedy));

        [Fact]
        public Task TableNameAndItemOverload_IsReported()
            => Verify.VerifyAsync(Function("""
                public Task Handler(SNSEvent evnt)
                    => {|#0:_ddb.PutItemAsync("orders", new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = evnt.Records[0].Sns.MessageId } })|};
            """), Expect(0, "Handler", "SNS Lambda handler", "PutItemAsync", PutRemedy));

        [Theory]
        [InlineData("attribute_not_exists(pk)")]
        [InlineData("attribute_not_exists(#pk) OR #v < :v")]
        [InlineData("#version = :expected")]
        [InlineData("attribute_exists(pk)")]
        public Task ConditionalPut_IsNotReported(string condition)
            => Verify.VerifyAsync(Function($$"""
                public async Task Handler(SQSEvent evnt)
                {
                    await _ddb.PutItemAsync(new PutItemRequest
                    {
                        TableName = "orders",
                        Item = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = evnt.Records[0].MessageId } },
                        ConditionExpression = "{{condition}}",
                    });
                }
            """));

        [Fact]
        public Task ConditionAssignedToTheLocal_IsNotReported()
            => Verify.VerifyAsync(Function("""
                public async Task Handler(SQSEvent evnt)
                {
                    var request = new PutItemRequest { TableName = "orders" };
                    request.ConditionExpression = "attribute_not_exists(pk)";
                    await _ddb.PutItemAsync(request);
                }
            """));

        [Fact]
        public Task NonIdempotentConstantCondition_IsReported()
            => Verify.VerifyAsync(Function("""
                public async Task Handler(SQSEvent evnt)
                {
                    await {|#0:_ddb.PutItemAsync(new PutItemRequest { TableName = "orders", ConditionExpression = "begins_with(pk, :p)" })|};
                }
            """), Expect(0, "Handler", "SQS Lambda handler", "PutItemAsync", PutRemedy));

        [Fact]
        public Task ComputedCondition_OrRequestFromElsewhere_IsNotReported()
            => Verify.VerifyAsync(Function("""
                public async Task Handler(SQSEvent evnt, string condition)
                {
                    await _ddb.PutItemAsync(new PutItemRequest { TableName = "orders", ConditionExpression = condition });
                    await _ddb.PutItemAsync(Build(evnt));
                }

                private static PutItemRequest Build(SQSEvent evnt) => new PutItemRequest { TableName = "orders" };
            """));

        [Fact]
        public Task GeneratedKey_IsLeftToCH0002()
            => Verify.VerifyAsync(Function("""
                public async Task Handler(SQSEvent evnt)
                {
                    await _ddb.PutItemAsync(new PutItemRequest
                    {
                        TableName = "audit",
                        Item = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = Guid.NewGuid().ToString() } },
                    });
                }
            """));

        [Fact]
        public Task GeneratedKeyBuiltByAHelper_IsLeftToCH0002()
            => Verify.VerifyAsync(Function("""
                public async Task Handler(SQSEvent evnt)
                {
                    await _ddb.PutItemAsync(new PutItemRequest { TableName = "audit", Item = Item(Guid.NewGuid().ToString()) });
                }

                private static Dictionary<string, AttributeValue> Item(string id) => new() { ["pk"] = new AttributeValue { S = id } };
            """));

        [Fact]
        public Task SaveUnderAGeneratedKey_IsLeftToCH0002()
            => Verify.VerifyAsync(Function("""
                public async Task Handler(SQSEvent evnt)
                {
                    await _context.SaveAsync(new Order { Id = Guid.NewGuid().ToString(), Status = evnt.Records[0].Body });
                }
            """));

        [Fact]
        public Task NonHandlerMethod_IsNotReported()
            => Verify.VerifyAsync(Function("""
                public async Task Create(string id)
                {
                    await _ddb.PutItemAsync(new PutItemRequest
                    {
                        TableName = "orders",
                        Item = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = id } },
                    });
                }
            """));

        [Fact]
        public Task UpdateAndDelete_AreNotCreates()
            => Verify.VerifyAsync(Function("""
                public async Task Handler(SQSEvent evnt)
                {
                    var key = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = evnt.Records[0].MessageId } };
                    await _ddb.UpdateItemAsync(new UpdateItemRequest { TableName = "orders", Key = key, UpdateExpression = "SET #s = :s" });
                    await _ddb.DeleteItemAsync(new DeleteItemRequest { TableName = "orders", Key = key });
                }
            """));

        [Fact]
        public Task PutInAHelper_IsReportedAtTheCall_WithTheWriteAsAdditionalLocation()
            => Verify.VerifyAsync(Function("""
                public async Task Handler(SQSEvent evnt)
                {
                    foreach (var record in evnt.Records)
                    {
                        await {|#0:SaveAsync(record.MessageId)|};
                    }
                }

                private Task SaveAsync(string id)
                    => {|#1:_ddb.PutItemAsync(new PutItemRequest { TableName = "orders", Item = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = id } } })|};
            """), ExpectViaHelper("Handler", "SQS Lambda handler", "PutItemAsync", PutRemedy));

        [Fact]
        public Task TransactionWithAnUnconditionalPut_IsReported()
            => Verify.VerifyAsync(Function("""
                public async Task Handler(SQSEvent evnt)
                {
                    var key = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = evnt.Records[0].MessageId } };
                    await {|#0:_ddb.TransactWriteItemsAsync(new TransactWriteItemsRequest
                    {
                        TransactItems = new List<TransactWriteItem>
                        {
                            new TransactWriteItem { Put = new Put { TableName = "orders", Item = key } },
                            new TransactWriteItem { Update = new Update { TableName = "stats", Key = key, UpdateExpression = "SET #s = :s" } },
                        },
                    })|};
                }
            """), Expect(0, "Handler", "SQS Lambda handler", "TransactWriteItemsAsync", TransactionRemedy));

        [Fact]
        public Task TransactionWithConditionalPuts_OrOnlyUpdates_IsNotReported()
            => Verify.VerifyAsync(Function("""
                public async Task Handler(SQSEvent evnt)
                {
                    var key = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = evnt.Records[0].MessageId } };
                    var items = new List<TransactWriteItem>
                    {
                        new TransactWriteItem { Put = new Put { TableName = "orders", Item = key, ConditionExpression = "attribute_not_exists(pk)" } },
                    };
                    await _ddb.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = items });
                    await _ddb.TransactWriteItemsAsync(new TransactWriteItemsRequest
                    {
                        TransactItems = new List<TransactWriteItem> { new TransactWriteItem { Update = new Update { TableName = "stats", Key = key, UpdateExpression = "SET #s = :s" } } },
                    });
                }
            """));

        [Fact]
        public Task ContextSave_OfATypeWithoutVersion_IsReported()
            => Verify.VerifyAsync(Function("""
                public async Task Handler(SQSEvent evnt)
                {
                    await {|#0:_context.SaveAsync(new Order { Id = evnt.Records[0].MessageId })|};
                    await {|#1:_context.SaveAsync(new Versioned { Id = "x" }, new SaveConfig { SkipVersionCheck = true })|};
                }
            """ + "\n}\npublic class Versioned { public string Id { get; set; } = \"\"; [DynamoDBVersion] public int? Version { get; set; } }\npublic class Unused\n{"),
                Expect(0, "Handler", "SQS Lambda handler", "SaveAsync", SaveRemedy),
                Expect(1, "Handler", "SQS Lambda handler", "SaveAsync", SaveRemedy));

        [Fact]
        public Task ContextSave_Versioned_OrWithACondition_IsNotReported()
            => Verify.VerifyAsync(Function("""
                public async Task Handler(SQSEvent evnt)
                {
                    await _context.SaveAsync(new Versioned { Id = evnt.Records[0].MessageId });
                    var condition = new ContextExpression();
                    condition.SetFilter<Order>(o => ContextExpression.AttributeNotExists(o.Id));
                    var config = new SaveConfig { ConditionalExpression = condition };
                    await _context.SaveAsync(new Order { Id = evnt.Records[0].MessageId }, config);
                }
            """ + "\n}\npublic class Versioned { public string Id { get; set; } = \"\"; [DynamoDBVersion] public int? Version { get; set; } }\npublic class Unused\n{"));

        [Fact]
        public Task DocumentPut_IsReported_UnlessItsConfigHasACondition()
            => Verify.VerifyAsync(Function("""
                public async Task Handler(KinesisEvent evnt)
                {
                    var document = new Document { ["pk"] = evnt.Records[0].Kinesis.PartitionKey };
                    await {|#0:_table.PutItemAsync(document)|};
                    await _table.PutItemAsync(document, new PutItemOperationConfig { ConditionalExpression = new Expression { ExpressionStatement = "attribute_not_exists(pk)" } });
                }
            """), Expect(0, "Handler", "Kinesis Lambda handler", "PutItemAsync", DocumentRemedy));

        [Theory]
        [InlineData("public class OrderPlacedConsumer : IConsumer<OrderPlaced>", "public async Task Handler(ConsumeContext<OrderPlaced> context)", "context.Message.OrderId", "MassTransit consumer")]
        [InlineData("public class OrderPlacedHandler : IHandleMessages<OrderPlaced>", "public async Task Handler(OrderPlaced message, IMessageHandlerContext context)", "message.OrderId", "NServiceBus message handler")]
        [InlineData("public class ShipOrderHandler", "public async Task Handler(OrderPlaced message)", "message.OrderId", "Wolverine message handler")]
        [InlineData("public class OrderHandler : AWS.Messaging.IMessageHandler<OrderPlaced>", "public async Task<AWS.Messaging.MessageProcessStatus> Handler(AWS.Messaging.MessageEnvelope<OrderPlaced> envelope, CancellationToken token = default)", "envelope.Message.OrderId", "AWS.Messaging handler")]
        public Task EveryHandlerFramework_IsReported(string declaration, string signature, string id, string kind)
        {
            string name = kind switch
            {
                "MassTransit consumer" => "Consume",
                "NServiceBus message handler" => "Handle",
                "Wolverine message handler" => "Handle",
                _ => "HandleAsync",
            };
            string result = kind == "AWS.Messaging handler" ? "return AWS.Messaging.MessageProcessStatus.Success();" : "";
            return Verify.VerifyAsync(Class(declaration, $$"""
                {{signature.Replace("Handler(", name + "(")}}
                {
                    await {|#0:_ddb.PutItemAsync(new PutItemRequest { TableName = "orders", Item = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = {{id}} } } })|};
                    {{result}}
                }
            """), Expect(0, name, kind, "PutItemAsync", PutRemedy));
        }

        private const string PutOf = "_ddb.PutItemAsync(new PutItemRequest { TableName = \"orders\", Item = new Dictionary<string, AttributeValue> { [\"pk\"] = new AttributeValue { S = ID } } })";

        [Fact]
        public Task BrighterCapJustSayingAndPollingHandlers_AreReported()
            => Verify.VerifyAsync(Class("public class OrderMessage : JustSaying.Models.Message { public string OrderId { get; set; } = \"\"; }\npublic class Handlers : RequestHandlerAsync<PlaceOrder>, ICapSubscribe", $$"""
                public override async Task<PlaceOrder> HandleAsync(PlaceOrder command, CancellationToken cancellationToken = default)
                {
                    await {|#0:{{PutOf.Replace("ID", "command.OrderId")}}|};
                    return await base.HandleAsync(command, cancellationToken);
                }

                [CapSubscribe("orders.placed")]
                public async Task OnPlaced(OrderPlaced message) => await {|#1:{{PutOf.Replace("ID", "message.OrderId")}}|};
            }

            public class Counter : JustSaying.Messaging.MessageHandling.IHandlerAsync<OrderMessage>
            {
                private readonly IAmazonDynamoDB _ddb = null!;

                public async Task<bool> Handle(OrderMessage message)
                {
                    await {|#2:{{PutOf.Replace("ID", "message.OrderId")}}|};
                    return true;
                }
            }

            public class Worker : Microsoft.Extensions.Hosting.BackgroundService
            {
                private readonly IAmazonDynamoDB _ddb = null!;
                private readonly IAmazonSQS _sqs = null!;

                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    var response = await _sqs.ReceiveMessageAsync("in", stoppingToken);
                    foreach (var message in response.Messages!)
                    {
                        await {|#3:{{PutOf.Replace("ID", "message.MessageId")}}|};
                    }
                }
            """),
                Expect(0, "HandleAsync", "Brighter request handler", "PutItemAsync", PutRemedy),
                Expect(1, "OnPlaced", "CAP subscriber", "PutItemAsync", PutRemedy),
                Expect(2, "Handle", "JustSaying handler", "PutItemAsync", PutRemedy),
                Expect(3, "ExecuteAsync", "SQS polling background service", "PutItemAsync", PutRemedy));

        [Fact]
        public Task ConfiguredHandler_IsReported_AndTheUnlistedMethodIsNot()
            => Verify.VerifyAsync(
                Class("namespace Shop { public class Inbound", $$"""
                public async Task OnMessage(string orderId) => await {|#0:{{PutOf.Replace("ID", "orderId")}}|};
                public async Task NotListed(string orderId) => await {{PutOf.Replace("ID", "orderId")}};
            """ + "\n}"),
                "consistency.handler_methods = Shop.Inbound.OnMessage",
                Expect(0, "OnMessage", "configured message handler", "PutItemAsync", PutRemedy));

        [Fact]
        public Task DeclaredHandler_BranchesLambdasLocalFunctionsTryFinally_AreReported()
            => Verify.VerifyAsync(Class("public class Inbound", """
                [MessageHandler]
                public async Task Handle(OrderPlaced message, bool archive)
                {
                    try
                    {
                        if (archive)
                        {
                            await {|#0:_ddb.PutItemAsync(new PutItemRequest { TableName = "archive", Item = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = message.OrderId } } })|};
                        }
                        else
                        {
                            await Write();
                        }
                    }
                    finally
                    {
                        await Retry(() => {|#2:_ddb.PutItemAsync(new PutItemRequest { TableName = "log", Item = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = message.OrderId } } })|});
                    }

                    Task Write() => {|#1:_ddb.PutItemAsync(new PutItemRequest { TableName = "orders", Item = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = message.OrderId } } })|};
                }

                private static Task Retry(Func<Task> action) => action();
            """),
                Expect(0, "Handle", "message handler", "PutItemAsync", PutRemedy),
                Expect(2, "Handle", "message handler", "PutItemAsync", PutRemedy),
                Expect(1, "Handle", "message handler", "PutItemAsync", PutRemedy));
    }
}
