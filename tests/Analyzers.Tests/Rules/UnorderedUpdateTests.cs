using System.Threading.Tasks;
using Consistency.Testing;
using static Consistency.Analyzers.Tests.Rules.NonIdempotentHandlerTestSources;
using Verify = Consistency.Analyzers.Tests.Rules.HandlerRuleVerifier<Consistency.Analyzers.Rules.UnorderedUpdateAnalyzer, Consistency.CodeFixes.Rules.UnorderedUpdateFixer>;

namespace Consistency.Analyzers.Tests.Rules
{
    /// <summary>CH0004: updates that set state from a message with no version/order check, and the fix that adds one.</summary>
    public class UnorderedUpdateTests
    {
        private const string Sets = "sets the item's attributes";

        /// <summary>Message types with ordering members, closed into the class body of the test source.</summary>
        internal const string Messages = "\n}\npublic record StatusChanged(string OrderId, string Status, long Version);\npublic record Moved(string OrderId, string Where, int Sequence);\npublic class Unused\n{";

        private static DiagnosticResult Expect(string handler, string kind, string what, int location = 0, bool viaHelper = false)
        {
            var result = Verify.Diagnostic().WithLocation(location);
            if (viaHelper)
            {
                result = result.WithLocation(location + 1);
            }

            return result.WithArguments(handler, kind, "UpdateItemAsync", what);
        }

        private static string Update(string key, string set, string extra = "") => $$"""
            _ddb.UpdateItemAsync(new UpdateItemRequest
                    {
                        TableName = "orders",
                        Key = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = {{key}} } },
                        UpdateExpression = "{{set}}",
                        ExpressionAttributeNames = new Dictionary<string, string> { ["#s"] = "status" },
                        ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":s"] = new AttributeValue { S = "x" } },{{extra}}
                    })
            """;

        [Fact]
        public Task NServiceBusHandler_SetWithoutCondition_IsReported()
            => Verify.VerifyAsync(Class("public class StatusHandler : IHandleMessages<StatusChanged>", $$"""
                public async Task Handle(StatusChanged message, IMessageHandlerContext context)
                {
                    await {|#0:{{Update("message.OrderId", "SET #s = :s")}}|};
                }
            """ + Messages), Expect("Handle", "NServiceBus message handler", Sets));

        [Fact]
        public Task SqsLambda_UpdateInAHelper_IsReportedAtTheCall()
            => Verify.VerifyAsync(Function($$"""
                public async Task Handler(SQSEvent evnt)
                {
                    foreach (var record in evnt.Records)
                    {
                        await {|#0:SetStatus(record.MessageId)|};
                    }
                }

                private Task SetStatus(string id) => {|#1:{{Update("id", "SET #s = :s REMOVE #pending")}}|};
            """), Expect("Handler", "SQS Lambda handler", Sets, viaHelper: true));

        [Theory]
        [InlineData("#v < :v")]
        [InlineData("attribute_not_exists(#v) OR #v < :v")]
        [InlineData("#seq <= :seq")]
        [InlineData("#version = :expected")]
        public Task OrderedUpdates_AreNotReported(string condition)
            => Verify.VerifyAsync(Function($$"""
                public async Task Handler(SQSEvent evnt)
                {
                    await {{Update("evnt.Records[0].MessageId", "SET #s = :s", "\n                ConditionExpression = \"" + condition + "\",")}};
                }
            """));

        [Fact]
        public Task RelativeRemoveOnlyComputedAndNonHandlerUpdates_AreNotReported()
            => Verify.VerifyAsync(Function($$"""
                public async Task Handler(SQSEvent evnt, string expression, string condition)
                {
                    await {{Update("evnt.Records[0].MessageId", "ADD #count :one")}};
                    await {{Update("evnt.Records[0].MessageId", "SET #count = #count + :one")}};
                    await {{Update("evnt.Records[0].MessageId", "REMOVE #pending")}};
                    await _ddb.UpdateItemAsync(new UpdateItemRequest { TableName = "orders", UpdateExpression = expression });
                    await _ddb.UpdateItemAsync(new UpdateItemRequest { TableName = "orders", UpdateExpression = "SET #s = :s", ConditionExpression = condition });
                }

                public async Task NotAHandler(string id)
                {
                    await {{Update("id", "SET #s = :s")}};
                }
            """));

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
                            await {|#0:_ddb.UpdateItemAsync(new UpdateItemRequest { TableName = "archive", UpdateExpression = "SET #s = :s" })|};
                        }
                        else
                        {
                            await Write();
                        }
                    }
                    finally
                    {
                        await Retry(() => {|#1:_ddb.UpdateItemAsync(new UpdateItemRequest { TableName = "log", UpdateExpression = "SET #at = :at" })|});
                    }

                    Task Write() => {|#2:_ddb.UpdateItemAsync(new UpdateItemRequest { TableName = "orders", UpdateExpression = "set #s = :s" })|};
                }

                private static Task Retry(Func<Task> action) => action();
            """),
                Expect("Handle", "message handler", Sets, 0),
                Expect("Handle", "message handler", Sets, 2),
                Expect("Handle", "message handler", Sets, 1));

        [Fact]
        public Task TransactionUpdate_AndReplacingPut_AreReported()
            => Verify.VerifyAsync(Function("""
                public async Task Handler(SQSEvent evnt)
                {
                    var key = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = evnt.Records[0].MessageId } };
                    await {|#0:_ddb.TransactWriteItemsAsync(new TransactWriteItemsRequest
                    {
                        TransactItems = new List<TransactWriteItem> { new TransactWriteItem { Update = new Update { TableName = "orders", Key = key, UpdateExpression = "SET #s = :s" } } },
                    })|};
                    await {|#1:_ddb.PutItemAsync(new PutItemRequest { TableName = "orders", Item = key, ConditionExpression = "attribute_exists(pk)" })|};
                }
            """),
                Verify.Diagnostic().WithLocation(0).WithArguments("Handler", "SQS Lambda handler", "TransactWriteItemsAsync", "sets an item's attributes in its Update action"),
                Verify.Diagnostic().WithLocation(1).WithArguments("Handler", "SQS Lambda handler", "PutItemAsync", "replaces the item"));

        [Fact]
        public Task Fix_UsesTheMessageVersion_AndExtendsTheDictionaries()
            => Verify.VerifyFixAsync(Class("public class StatusHandler : IHandleMessages<StatusChanged>", $$"""
                public async Task Handle(StatusChanged message, IMessageHandlerContext context)
                {
                    await {|#0:{{Update("message.OrderId", "SET #s = :s REMOVE #pending")}}|};
                }
            """ + Messages), new[] { Expect("Handle", "NServiceBus message handler", Sets) }, Class("public class StatusHandler : IHandleMessages<StatusChanged>", """
                public async Task Handle(StatusChanged message, IMessageHandlerContext context)
                {
                    await _ddb.UpdateItemAsync(new UpdateItemRequest
                    {
                        TableName = "orders",
                        Key = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = message.OrderId } },
                        UpdateExpression = "SET #s = :s, #version = :version REMOVE #pending",
                        ExpressionAttributeNames = new Dictionary<string, string> { ["#s"] = "status", ["#version"] = "Version" },
                        ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":s"] = new AttributeValue { S = "x" }, [":version"] = new AttributeValue { N = message.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) } },
                        ConditionExpression = "attribute_not_exists(#version) OR #version < :version",
                    });
                }
            """ + Messages));

        [Fact]
        public Task Fix_MassTransitMessage_CollectionInitializer_NoNames()
            => Verify.VerifyFixAsync(Class("public class MovedConsumer : IConsumer<Moved>", """
                public async Task Consume(ConsumeContext<Moved> context)
                {
                    var values = new Dictionary<string, AttributeValue> { { ":w", new AttributeValue { S = context.Message.Where } } };
                    await {|#0:_ddb.UpdateItemAsync(new UpdateItemRequest { TableName = "orders", UpdateExpression = "SET location = :w", ExpressionAttributeValues = new Dictionary<string, AttributeValue> { { ":w", new AttributeValue { S = context.Message.Where } } } })|};
                }
            """ + Messages), new[] { Expect("Consume", "MassTransit consumer", Sets) }, Class("public class MovedConsumer : IConsumer<Moved>", """
                public async Task Consume(ConsumeContext<Moved> context)
                {
                    var values = new Dictionary<string, AttributeValue> { { ":w", new AttributeValue { S = context.Message.Where } } };
                    await _ddb.UpdateItemAsync(new UpdateItemRequest { TableName = "orders", UpdateExpression = "SET location = :w, #version = :version", ExpressionAttributeValues = new Dictionary<string, AttributeValue> { { ":w", new AttributeValue { S = context.Message.Where } }, { ":version", new AttributeValue { N = context.Message.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture) } } }, ConditionExpression = "attribute_not_exists(#version) OR #version < :version", ExpressionAttributeNames = new Dictionary<string, string> { ["#version"] = "Sequence" } });
                }
            """ + Messages));

        [Fact]
        public Task Fix_NotOffered_WithoutAVersionOrALiteralExpression()
        {
            string members = $$"""
                public async Task Handler(SQSEvent evnt)
                {
                    await {|#0:{{Update("evnt.Records[0].MessageId", "SET #s = :s")}}|};
                }

                public async Task Other(SQSEvent evnt, StatusChanged message)
                {
                    const string Expression = "SET #s = :s";
                    await {|#1:_ddb.UpdateItemAsync(new UpdateItemRequest { TableName = "orders", UpdateExpression = Expression + "" })|};
                }
            """ + Messages;
            return Verify.VerifyFixAsync(Function(members), new[] { Expect("Handler", "SQS Lambda handler", Sets, 0), Expect("Other", "SQS Lambda handler", Sets, 1) }, Function(members));
        }

        [Fact]
        public Task FixAll_FixesEveryUpdateOfTheFile()
            => Verify.VerifyFixAsync(Function($$"""
                public async Task Handler(SQSEvent evnt, StatusChanged message)
                {
                    await {|#0:_ddb.UpdateItemAsync(new UpdateItemRequest { TableName = "orders", UpdateExpression = "SET #s = :s" })|};
                    await {|#1:_ddb.UpdateItemAsync(new UpdateItemRequest { TableName = "audit", UpdateExpression = "SET #a = :a" })|};
                }
            """ + Messages), new[] { Expect("Handler", "SQS Lambda handler", Sets, 0), Expect("Handler", "SQS Lambda handler", Sets, 1) }, Function("""
                public async Task Handler(SQSEvent evnt, StatusChanged message)
                {
                    await _ddb.UpdateItemAsync(new UpdateItemRequest { TableName = "orders", UpdateExpression = "SET #s = :s, #version = :version", ConditionExpression = "attribute_not_exists(#version) OR #version < :version", ExpressionAttributeNames = new Dictionary<string, string> { ["#version"] = "Version" }, ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":version"] = new AttributeValue { N = message.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) } } });
                    await _ddb.UpdateItemAsync(new UpdateItemRequest { TableName = "audit", UpdateExpression = "SET #a = :a, #version = :version", ConditionExpression = "attribute_not_exists(#version) OR #version < :version", ExpressionAttributeNames = new Dictionary<string, string> { ["#version"] = "Version" }, ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":version"] = new AttributeValue { N = message.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) } } });
                }
            """ + Messages));
    }
}
