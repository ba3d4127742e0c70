using System.Threading.Tasks;
using static Consistency.Analyzers.Tests.Rules.NonIdempotentHandlerTestSources;

namespace Consistency.Analyzers.Tests.Rules
{
    /// <summary>
    /// CH0002 for a key that the project's own code builds from a value the handler generates: a helper that makes the
    /// item from an id, a constructor that sets the key, a positional record. The generated value counts only when it
    /// reaches a key member there.
    /// </summary>
    public class NonIdempotentHandlerKeyBuilderTests
    {
        private const string ItemHelper = """

                private static Dictionary<string, AttributeValue> Item(string id) => new() { ["pk"] = new AttributeValue { S = id } };
            """;

        private const string Entities = """

            public class AuditEntry
            {
                public AuditEntry(Guid id, string what)
                {
                    Id = id.ToString();
                    What = what;
                }

                public string Id { get; }

                public string What { get; }
            }

            public record AuditRecord(string Id, string What);
            """;

        [Fact]
        public Task Helper_GeneratedArgumentInItsKey_IsReported()
            => VerifyAsync(Function("""
                public async Task {|#0:Handler|}(SQSEvent evnt)
                {
                    foreach (var message in evnt.Records)
                    {
                        await {|#1:_ddb.PutItemAsync(new PutItemRequest { TableName = "orders", Item = Item(Guid.NewGuid().ToString()) })|};
                    }
                }
            """ + ItemHelper), Expect("Handler", "SQS Lambda handler", "PutItemAsync", GeneratedKey));

        [Fact]
        public Task Helper_MessageArgumentInItsKey_IsNotReported()
            => VerifyAsync(Function("""
                public async Task Handler(SQSEvent evnt)
                {
                    foreach (var message in evnt.Records)
                    {
                        await _ddb.PutItemAsync(new PutItemRequest { TableName = "orders", Item = Item(message.MessageId) });
                    }
                }
            """ + ItemHelper));

        [Fact]
        public Task Helper_GeneratedArgumentInAnotherAttribute_IsNotReported()
            => VerifyAsync(Function("""
                public async Task Handler(SQSEvent evnt)
                {
                    foreach (var message in evnt.Records)
                    {
                        await _ddb.PutItemAsync(new PutItemRequest { TableName = "audit", Item = Audit(message.MessageId, DateTime.UtcNow.ToString("O")) });
                    }
                }

                private static Dictionary<string, AttributeValue> Audit(string id, string at)
                    => new() { ["pk"] = new AttributeValue { S = id }, ["at"] = new AttributeValue { S = at } };
            """));

        [Fact]
        public Task BlockBodiedHelper_KeyThroughLocals_IsReported()
            => VerifyAsync(Function("""
                public async Task {|#0:Handler|}(SNSEvent evnt)
                {
                    var id = Guid.NewGuid().ToString();
                    var item = Item(id);
                    await {|#1:_ddb.PutItemAsync(new PutItemRequest { TableName = "orders", Item = item })|};
                }

                private static Dictionary<string, AttributeValue> Item(string id)
                {
                    var key = "ORDER#" + id;
                    var item = new Dictionary<string, AttributeValue>();
                    item["pk"] = new AttributeValue { S = key };
                    return item;
                }
            """), Expect("Handler", "SNS Lambda handler", "PutItemAsync", GeneratedKey));

        [Fact]
        public Task HelperOfAHelper_IsReported()
            => VerifyAsync(Function("""
                public async Task {|#0:Handler|}(SQSEvent evnt)
                {
                    await {|#1:_ddb.PutItemAsync(new PutItemRequest { TableName = "orders", Item = Item(Guid.NewGuid().ToString()) })|};
                }

                private static Dictionary<string, AttributeValue> Item(string id) => Keyed("ORDER#" + id);

                private static Dictionary<string, AttributeValue> Keyed(string key)
                    => new() { { "pk", new AttributeValue { S = key } } };
            """), Expect("Handler", "SQS Lambda handler", "PutItemAsync", GeneratedKey));

        [Fact]
        public Task LocalFunction_IsReported()
            => VerifyAsync(Function("""
                public async Task {|#0:Handler|}(KinesisEvent evnt)
                {
                    await {|#1:_ddb.PutItemAsync(new PutItemRequest { TableName = "orders", Item = Item(DateTime.UtcNow.Ticks.ToString()) })|};

                    static Dictionary<string, AttributeValue> Item(string sk) => new() { ["sk"] = new AttributeValue { S = sk } };
                }
            """), Expect("Handler", "Kinesis Lambda handler", "PutItemAsync", GeneratedKey));

        [Fact]
        public Task ConstructorSettingTheKey_IsReported()
            => VerifyAsync(Function("""
                public async Task {|#0:Handler|}(SQSEvent evnt)
                {
                    await {|#1:_context.SaveAsync(new AuditEntry(Guid.NewGuid(), evnt.Records[0].Body))|};
                }
            """) + Entities, Expect("Handler", "SQS Lambda handler", "SaveAsync", GeneratedKey));

        [Fact]
        public Task ConstructorChainingToTheOneThatSetsTheKey_IsReported()
            => VerifyAsync(Function("""
                public async Task {|#0:Handler|}(SQSEvent evnt)
                {
                    await {|#1:_context.SaveAsync(new Receipt(Guid.NewGuid()))|};
                }
            """) + """

            public class Receipt
            {
                public Receipt(Guid id) : this("RECEIPT#" + id) { }

                public Receipt(string receiptId) { ReceiptId = receiptId; }

                public string ReceiptId { get; }
            }
            """, Expect("Handler", "SQS Lambda handler", "SaveAsync", GeneratedKey));

        [Fact]
        public Task ConstructorSettingAnotherMember_IsNotReported()
            => VerifyAsync(Function("""
                public async Task Handler(SQSEvent evnt)
                {
                    await _context.SaveAsync(new AuditEntry(Guid.Parse(evnt.Records[0].MessageId), DateTime.UtcNow.ToString("O")));
                }
            """) + Entities);

        [Fact]
        public Task PositionalRecord_GeneratedKey_IsReported()
            => VerifyAsync(Function("""
                public async Task {|#0:Handler|}(SQSEvent evnt)
                {
                    await {|#1:_context.SaveAsync(new AuditRecord(Guid.NewGuid().ToString(), evnt.Records[0].Body))|};
                }
            """) + Entities, Expect("Handler", "SQS Lambda handler", "SaveAsync", GeneratedKey));

        [Fact]
        public Task PositionalRecord_GeneratedValueInAnotherMember_IsNotReported()
            => VerifyAsync(Function("""
                public async Task Handler(SQSEvent evnt)
                {
                    await _context.SaveAsync(new AuditRecord(evnt.Records[0].MessageId, DateTime.UtcNow.ToString("O")));
                }
            """) + Entities);
    }
}
