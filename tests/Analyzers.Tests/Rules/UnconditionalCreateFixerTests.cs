using System.Threading.Tasks;
using Consistency.Testing;
using static Consistency.Analyzers.Tests.Rules.NonIdempotentHandlerTestSources;
using static Consistency.Analyzers.Tests.Rules.UnconditionalCreateAnalyzerTests;
using Verify = Consistency.Analyzers.Tests.Rules.HandlerRuleVerifier<Consistency.Analyzers.Rules.UnconditionalCreateAnalyzer, Consistency.CodeFixes.Rules.UnconditionalCreateFixer>;

namespace Consistency.Analyzers.Tests.Rules
{
    /// <summary>CH0003's fix: attribute_not_exists on the item's key, and ConditionalCheckFailedException treated as done.</summary>
    public class UnconditionalCreateFixerTests
    {
        private static DiagnosticResult Put(int location, string handler = "Handler") => Expect(location, handler, "SQS Lambda handler", "PutItemAsync", PutRemedy);

        [Fact]
        public Task InlineRequest_InALoop_GetsTheConditionAndTheCatch()
            => Verify.VerifyFixAsync(Function("""
                public async Task Handler(SQSEvent evnt)
                {
                    foreach (var record in evnt.Records)
                    {
                        await {|#0:_ddb.PutItemAsync(new PutItemRequest
                        {
                            TableName = "orders",
                            Item = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = record.MessageId } },
                        })|};
                    }
                }
            """), new[] { Put(0) }, Function("""
                public async Task Handler(SQSEvent evnt)
                {
                    foreach (var record in evnt.Records)
                    {
                        try
                        {
                            await _ddb.PutItemAsync(new PutItemRequest
                            {
                                TableName = "orders",
                                Item = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = record.MessageId } },
                                ConditionExpression = "attribute_not_exists(#pk)",
                                ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = "pk" },
                            });
                        }
                        catch (ConditionalCheckFailedException)
                        {
                            // Already done: an earlier delivery of this message created the item.
                        }
                    }
                }
            """));

        [Fact]
        public Task RequestInALocal_OnOneLine_WithoutTrailingComma()
            => Verify.VerifyFixAsync(Function("""
                public async Task Handler(SQSEvent evnt)
                {
                    var item = new Dictionary<string, AttributeValue> { ["status"] = new AttributeValue { S = "NEW" }, ["OrderId"] = new AttributeValue { S = evnt.Records[0].Body } };
                    var request = new PutItemRequest { TableName = "orders", Item = item };
                    await {|#0:_ddbClient.PutItemAsync(request)|};
                }
            """), new[] { Put(0) }, Function("""
                public async Task Handler(SQSEvent evnt)
                {
                    var item = new Dictionary<string, AttributeValue> { ["status"] = new AttributeValue { S = "NEW" }, ["OrderId"] = new AttributeValue { S = evnt.Records[0].Body } };
                    var request = new PutItemRequest { TableName = "orders", Item = item, ConditionExpression = "attribute_not_exists(#OrderId)", ExpressionAttributeNames = new Dictionary<string, string> { ["#OrderId"] = "OrderId" } };
                    try
                    {
                        await _ddbClient.PutItemAsync(request);
                    }
                    catch (ConditionalCheckFailedException)
                    {
                        // Already done: an earlier delivery of this message created the item.
                    }
                }
            """));

        [Fact]
        public Task AlreadyCaught_GetsOnlyTheCondition()
            => Verify.VerifyFixAsync(Function("""
                public async Task Handler(SQSEvent evnt)
                {
                    try
                    {
                        await {|#0:_ddb.PutItemAsync(new PutItemRequest { TableName = "orders", Item = new Dictionary<string, AttributeValue> { { "id", new AttributeValue { S = evnt.Records[0].MessageId } } } })|};
                    }
                    catch (ConditionalCheckFailedException)
                    {
                    }
                }
            """), new[] { Put(0) }, Function("""
                public async Task Handler(SQSEvent evnt)
                {
                    try
                    {
                        await _ddb.PutItemAsync(new PutItemRequest { TableName = "orders", Item = new Dictionary<string, AttributeValue> { { "id", new AttributeValue { S = evnt.Records[0].MessageId } } }, ConditionExpression = "attribute_not_exists(#id)", ExpressionAttributeNames = new Dictionary<string, string> { ["#id"] = "id" } });
                    }
                    catch (ConditionalCheckFailedException)
                    {
                    }
                }
            """));

        [Fact]
        public Task PutInAHelper_IsFixedInTheHelper()
            => Verify.VerifyFixAsync(Function("""
                public async Task Handler(SQSEvent evnt)
                {
                    await {|#0:StoreAsync(evnt.Records[0].MessageId)|};
                }

                private async Task StoreAsync(string id)
                {
                    await {|#1:_ddb.PutItemAsync(new PutItemRequest { TableName = "orders", Item = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = id } } })|};
                }
            """), new[] { ExpectViaHelper("Handler", "SQS Lambda handler", "PutItemAsync", PutRemedy) }, Function("""
                public async Task Handler(SQSEvent evnt)
                {
                    await StoreAsync(evnt.Records[0].MessageId);
                }

                private async Task StoreAsync(string id)
                {
                    try
                    {
                        await _ddb.PutItemAsync(new PutItemRequest { TableName = "orders", Item = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = id } }, ConditionExpression = "attribute_not_exists(#pk)", ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = "pk" } });
                    }
                    catch (ConditionalCheckFailedException)
                    {
                        // Already done: an earlier delivery of this message created the item.
                    }
                }
            """));

        [Fact]
        public Task HelperSharedByTwoHandlers_IsFixedOnce()
            => Verify.VerifyFixAsync(Function("""
                public async Task Handler(SQSEvent evnt)
                {
                    await {|#0:StoreAsync(evnt.Records[0].MessageId)|};
                }

                public async Task Other(SQSEvent evnt)
                {
                    await {|#2:StoreAsync(evnt.Records[0].Body)|};
                }

                private async Task StoreAsync(string id)
                {
                    await {|#1:_ddb.PutItemAsync(new PutItemRequest { TableName = "orders", Item = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = id } } })|};
                }
            """), new[]
            {
                ExpectViaHelper("Handler", "SQS Lambda handler", "PutItemAsync", PutRemedy),
                Verify.Diagnostic().WithLocation(2).WithLocation(1).WithArguments("Other", "SQS Lambda handler", "PutItemAsync", PutRemedy),
            }, Function("""
                public async Task Handler(SQSEvent evnt)
                {
                    await StoreAsync(evnt.Records[0].MessageId);
                }

                public async Task Other(SQSEvent evnt)
                {
                    await StoreAsync(evnt.Records[0].Body);
                }

                private async Task StoreAsync(string id)
                {
                    try
                    {
                        await _ddb.PutItemAsync(new PutItemRequest { TableName = "orders", Item = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = id } }, ConditionExpression = "attribute_not_exists(#pk)", ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = "pk" } });
                    }
                    catch (ConditionalCheckFailedException)
                    {
                        // Already done: an earlier delivery of this message created the item.
                    }
                }
            """));

        [Fact]
        public Task NotOffered_WhenTheKeyOrTheStatementCannotBeFound()
        {
            const string Members = """
                public async Task Handler(SQSEvent evnt)
                {
                    await {|#0:_ddb.PutItemAsync(new PutItemRequest { TableName = "orders", Item = new Dictionary<string, AttributeValue> { ["status"] = new AttributeValue { S = "NEW" } } })|};
                    var response = await {|#1:_ddb.PutItemAsync(new PutItemRequest { TableName = "orders", Item = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = "a" } } })|};
                    await {|#2:_ddb.PutItemAsync("orders", new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = "b" } })|};
                    await {|#3:_context.SaveAsync(new Order { Id = evnt.Records[0].MessageId })|};
                    await {|#5:_ddb.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = new List<TransactWriteItem> { new TransactWriteItem { Put = new Put { TableName = "orders", Item = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = "d" } } } } } })|};
                    await {|#6:_table.PutItemAsync(new Document { ["pk"] = "e" })|};
                }

                public Task Other(SQSEvent evnt)
                    => {|#4:_ddb.PutItemAsync(new PutItemRequest { TableName = "orders", Item = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = "c" } } })|};
            """;
            return Verify.VerifyFixAsync(
                Function(Members),
                new[]
                {
                    Put(0), Put(1), Put(2), Expect(3, "Handler", "SQS Lambda handler", "SaveAsync", SaveRemedy), Put(4, "Other"),
                    Expect(5, "Handler", "SQS Lambda handler", "TransactWriteItemsAsync", TransactionRemedy),
                    Expect(6, "Handler", "SQS Lambda handler", "PutItemAsync", DocumentRemedy),
                },
                Function(Members));
        }

        [Fact]
        public Task FixAll_FixesEveryCreateOfTheFile()
            => Verify.VerifyFixAsync(Function("""
                public async Task Handler(SQSEvent evnt)
                {
                    foreach (var record in evnt.Records)
                    {
                        await {|#0:_ddb.PutItemAsync(new PutItemRequest { TableName = "orders", Item = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = record.MessageId } } })|};
                        await {|#1:_ddb.PutItemAsync(new PutItemRequest { TableName = "audit", Item = new Dictionary<string, AttributeValue> { ["AuditId"] = new AttributeValue { S = record.MessageId } } })|};
                    }
                }

                public async Task Other(SQSEvent evnt)
                {
                    await {|#2:_ddb.PutItemAsync(new PutItemRequest { TableName = "orders", Item = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = evnt.Records[0].MessageId } } })|};
                }
            """), new[] { Put(0), Put(1), Put(2, "Other") }, Function("""
                public async Task Handler(SQSEvent evnt)
                {
                    foreach (var record in evnt.Records)
                    {
                        try
                        {
                            await _ddb.PutItemAsync(new PutItemRequest { TableName = "orders", Item = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = record.MessageId } }, ConditionExpression = "attribute_not_exists(#pk)", ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = "pk" } });
                        }
                        catch (ConditionalCheckFailedException)
                        {
                            // Already done: an earlier delivery of this message created the item.
                        }
                        try
                        {
                            await _ddb.PutItemAsync(new PutItemRequest { TableName = "audit", Item = new Dictionary<string, AttributeValue> { ["AuditId"] = new AttributeValue { S = record.MessageId } }, ConditionExpression = "attribute_not_exists(#AuditId)", ExpressionAttributeNames = new Dictionary<string, string> { ["#AuditId"] = "AuditId" } });
                        }
                        catch (ConditionalCheckFailedException)
                        {
                            // Already done: an earlier delivery of this message created the item.
                        }
                    }
                }

                public async Task Other(SQSEvent evnt)
                {
                    try
                    {
                        await _ddb.PutItemAsync(new PutItemRequest { TableName = "orders", Item = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = evnt.Records[0].MessageId } }, ConditionExpression = "attribute_not_exists(#pk)", ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = "pk" } });
                    }
                    catch (ConditionalCheckFailedException)
                    {
                        // Already done: an earlier delivery of this message created the item.
                    }
                }
            """));
    }
}
