using System.Threading;
using System.Threading.Tasks;
using Consistency.Testing;
using static Consistency.Analyzers.Tests.Rules.DualWriteExpectations;
using static Consistency.Analyzers.Tests.Rules.DualWriteTestSources;
using VerifyCS = Consistency.Testing.Verifiers.CSharpCodeFixVerifier<Consistency.Analyzers.Rules.DualWriteAnalyzer, Consistency.CodeFixes.Rules.DualWriteOutboxFixer>;

namespace Consistency.Analyzers.Tests.Rules
{
    /// <summary>CH0001 outbox fix for EF Core: the message becomes an outbox row of the same <c>SaveChanges</c>.</summary>
    public class DualWriteOutboxFixerEntityFrameworkTests
    {
        private const string Outbox = "Consistency.Runtime.Outbox";

        // A context that maps the runtime's outbox row, one that configures it in its model, and the extension the
        // EF package provides for that (declared here: the harness compiles against a stand-in of EF Core).
        private const string Contexts = """

            public class StoreDbContext : DbContext
            {
                public DbSet<Order> Orders { get; set; } = null!;
                public DbSet<Consistency.Runtime.Outbox.OutboxRecord> Outbox => Set<Consistency.Runtime.Outbox.OutboxRecord>();
            }

            public class ModelledDbContext : DbContext
            {
                public DbSet<Order> Orders { get; set; } = null!;

                protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddConsistencyOutbox();
            }

            public static class OutboxModelBuilderExtensions
            {
                public static ModelBuilder AddConsistencyOutbox(this ModelBuilder modelBuilder) => modelBuilder;
            }
            """;

        private const string StoreFields = """
                private readonly StoreDbContext _store = null!;
                private readonly ModelledDbContext _modelled = null!;

            """;

        private static string Store(string members) => Usings + "public class OrderService\n{\n" + Fields + StoreFields + members + "\n}\n" + Models + Contexts;

        private static string FixedStore(string members) => DualWriteFixSources.WithUsings(Store(members), Outbox);

        [Fact]
        public Task SaveChangesThenSqsSend_TheMessageJoinsTheCommit()
            => VerifyCS.VerifyCodeFixAsync(
                Store("""
                public async Task PlaceAsync(Order order, string orderId, CancellationToken cancellationToken)
                {
                    _store.Orders.Add(order);
                    await {|#1:_store.SaveChangesAsync(cancellationToken)|};
                    await {|#0:_sqs.SendMessageAsync("q", orderId, cancellationToken)|};
                }
            """),
                Lost("SaveChangesAsync", "SendMessageAsync"),
                FixedStore("""
                public async Task PlaceAsync(Order order, string orderId, CancellationToken cancellationToken)
                {
                    _store.Orders.Add(order);
                    _store.Add(OutboxRecord.From(OutboxMessages.ToQueue("q", orderId)));
                    await _store.SaveChangesAsync(cancellationToken);
                }
            """));

        [Fact]
        public Task SnsPublishThenSaveChanges_TheRecordTakesThePlaceOfThePublish_AndMayReadEntities()
            => VerifyCS.VerifyCodeFixAsync(
                Store("""
                public async Task PayAsync(Order order)
                {
                    order.Status = "paid";
                    await {|#1:_sns.PublishAsync(new PublishRequest { TopicArn = "arn:orders", Message = order.Id })|}.ConfigureAwait(false);
                    await {|#0:_store.SaveChangesAsync()|}.ConfigureAwait(false);
                }
            """),
                Phantom("PublishAsync", "SaveChangesAsync"),
                FixedStore("""
                public async Task PayAsync(Order order)
                {
                    order.Status = "paid";
                    _store.Add(OutboxRecord.From(OutboxMessages.ToTopic("arn:orders", order.Id)));
                    await _store.SaveChangesAsync().ConfigureAwait(false);
                }
            """));

        [Fact]
        public Task SynchronousSaveChanges_AndAFifoGroup_AndAContextModelledInOnModelCreating()
            => VerifyCS.VerifyCodeFixAsync(
                Store("""
                public async Task ShipAsync(string orderId)
                {
                    {|#1:_modelled.SaveChanges()|};
                    await {|#0:_sqs.SendMessageAsync(new SendMessageRequest("q.fifo", orderId) { MessageGroupId = orderId })|};
                }
            """),
                Lost("SaveChanges", "SendMessageAsync"),
                FixedStore("""
                public async Task ShipAsync(string orderId)
                {
                    _modelled.Add(OutboxRecord.From(OutboxMessages.ToQueue("q.fifo", orderId, orderId)));
                    _modelled.SaveChanges();
                }
            """));

        [Fact]
        public Task CommentsAndBlankLines_MoveWithTheirStatements()
            => VerifyCS.VerifyCodeFixAsync(
                Store("""
                public async Task PlaceAsync(Order order, string orderId)
                {
                    _store.Orders.Add(order);

                    // Store the order first.
                    await {|#1:_store.SaveChangesAsync()|}; // stored
                    /* then tell the warehouse */
                    await {|#0:_sqs.SendMessageAsync("q", orderId)|}; // notified
                    // done
                }
            """),
                Lost("SaveChangesAsync", "SendMessageAsync"),
                FixedStore("""
                public async Task PlaceAsync(Order order, string orderId)
                {
                    _store.Orders.Add(order);

                    /* then tell the warehouse */
                    _store.Add(OutboxRecord.From(OutboxMessages.ToQueue("q", orderId))); // notified
                    // Store the order first.
                    await _store.SaveChangesAsync(); // stored
                    // done
                }
            """));

        [Fact]
        public Task ALocalContext_InAnAsyncLambda()
            => VerifyCS.VerifyCodeFixAsync(
                Store("""
                public Func<string, Task> Place => async orderId =>
                {
                    var store = _store;
                    await {|#1:store.SaveChangesAsync()|};
                    await {|#0:_sqs.SendMessageAsync("q", orderId)|};
                };
            """),
                Lost("SaveChangesAsync", "SendMessageAsync"),
                FixedStore("""
                public Func<string, Task> Place => async orderId =>
                {
                    var store = _store;
                    store.Add(OutboxRecord.From(OutboxMessages.ToQueue("q", orderId)));
                    await store.SaveChangesAsync();
                };
            """));

        [Fact]
        public async Task FixAll_RewritesEveryEntityFrameworkAndDynamoDbHazard_AndLeavesTheOthers()
        {
            var test = new VerifyCS.Test
            {
                TestCode = Store("""
                public async Task PlaceAsync(string orderId)
                {
                    await {|#1:_store.SaveChangesAsync()|};
                    await {|#0:_sqs.SendMessageAsync("q", orderId)|};
                }

                public async Task CancelAsync(string orderId)
                {
                    await {|#3:_sns.PublishAsync("arn", orderId)|};
                    await {|#2:_modelled.SaveChangesAsync()|};
                }

                public async Task ArchiveAsync(string orderId)
                {
                    await {|#5:_ddb.PutItemAsync(new PutItemRequest())|};
                    await {|#4:_sqs.SendMessageAsync("q", orderId)|};
                }

                public async Task RefundAsync(string orderId)
                {
                    await {|#7:_db.SaveChangesAsync()|};
                    await {|#6:_sqs.SendMessageAsync("q", orderId)|};
                }
            """),
                FixedCode = FixedStore("""
                public async Task PlaceAsync(string orderId)
                {
                    _store.Add(OutboxRecord.From(OutboxMessages.ToQueue("q", orderId)));
                    await _store.SaveChangesAsync();
                }

                public async Task CancelAsync(string orderId)
                {
                    _modelled.Add(OutboxRecord.From(OutboxMessages.ToTopic("arn", orderId)));
                    await _modelled.SaveChangesAsync();
                }

                public async Task ArchiveAsync(string orderId)
                {
                    var unitOfWork = new OutboxUnitOfWork(_ddb, new OutboxOptions());
                    unitOfWork.AddPutItem(new PutItemRequest());
                    unitOfWork.AddEvent(OutboxMessages.ToQueue("q", orderId));
                    await unitOfWork.CommitAsync();
                }

                public async Task RefundAsync(string orderId)
                {
                    await {|#1:_db.SaveChangesAsync()|};
                    await {|#0:_sqs.SendMessageAsync("q", orderId)|};
                }
            """),
            };
            test.ExpectedDiagnostics.Add(Lost("SaveChangesAsync", "SendMessageAsync"));
            test.ExpectedDiagnostics.Add(DualWriteOutboxFixerTests.At(Phantom("PublishAsync", "SaveChangesAsync"), 2, 3));
            test.ExpectedDiagnostics.Add(DualWriteOutboxFixerTests.At(Lost("PutItemAsync", "SendMessageAsync"), 4, 5));
            test.ExpectedDiagnostics.Add(DualWriteOutboxFixerTests.At(Lost("SaveChangesAsync", "SendMessageAsync"), 6, 7));
            test.FixedState.ExpectedDiagnostics.Add(Lost("SaveChangesAsync", "SendMessageAsync"));
            await test.RunAsync(CancellationToken.None);
        }

        [Theory]
        [InlineData("await _db.SaveChangesAsync();", "await {|#0:_sqs.SendMessageAsync(\"q\", orderId)|};", "the context does not map the outbox row: adding one would throw")]
        [InlineData("await _store.SaveChangesAsync();", "await {|#0:_sqs.SendMessageAsync(\"q\", order.Id)|};", "the message reads an entity, which the commit can change (a generated key)")]
        [InlineData("await _store.SaveChangesAsync();", "await {|#0:_sqs.SendMessageAsync(\"q\", string.Join(\",\", orders.Select(o => o.Id)))|};", "the message reads a collection of entities")]
        [InlineData("await _store.SaveChangesAsync(); var body = orderId;", "await {|#0:_sqs.SendMessageAsync(\"q\", body)|};", "the message reads a local declared after the commit")]
        [InlineData("await _store.SaveChangesAsync(); orderId = orderId + \"-sent\";", "await {|#0:_sqs.SendMessageAsync(\"q\", orderId)|};", "the message reads a variable assigned after the commit")]
        [InlineData("await _store.SaveChangesAsync(acceptAllChangesOnSuccess: false);", "await {|#0:_sqs.SendMessageAsync(\"q\", orderId)|};", "changes kept pending for a retry would insert the row twice")]
        [InlineData("var saved = await _store.SaveChangesAsync();", "await {|#0:_sqs.SendMessageAsync(\"q\", orderId)|};", "the number of saved rows is used")]
        [InlineData("await GetStore().SaveChangesAsync();", "await {|#0:_sqs.SendMessageAsync(\"q\", orderId)|};", "the context comes from a call")]
        [InlineData("await _store.SaveChangesAsync(); await Task.Delay(1);", "await {|#0:_sqs.SendMessageAsync(\"q\", orderId)|};", "something runs between them")]
        [InlineData("await _store.SaveChangesAsync();", "await {|#0:_sqs.SendMessageAsync(new SendMessageRequest(\"q\", orderId) { DelaySeconds = 5 })|};", "a setting the outbox message does not carry")]
        [InlineData("await _store.SaveChangesAsync();", "await {|#0:_bus.Publish(new OrderPlaced(orderId))|};", "a bus message has no destination and body to carry over")]
        [InlineData("await _store.SaveChangesAsync();", "await {|#0:_sqs.SendMessageAsync(\"q\", /* id */ orderId)|};", "a comment inside the send would be lost")]
        [InlineData("await _store.SaveChangesAsync();\n#region send\n", "await {|#0:_sqs.SendMessageAsync(\"q\", orderId)|};\n#endregion", "a region around the send")]
        [InlineData("if (orderId.Length > 0) { await _store.SaveChangesAsync(); }", "await {|#0:_sqs.SendMessageAsync(\"q\", orderId)|};", "the commit is in another block")]
        public Task UnsafeShapes_OfferNoFix(string write, string publish, string reason)
        {
            _ = reason;
            string source = Store($$"""
                private StoreDbContext GetStore() => _store;

                public async Task PlaceAsync(Order order, List<Order> orders, string orderId)
                {
                    {{write}}
                    {{publish}}
                }
            """);
            return DualWriteOutboxFixerTests.NoFixAsync(source, VerifyCS.Diagnostic().WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
        }

        [Fact]
        public Task PublishInsideTheTransactionOfTheCommit_OffersNoFix()
        {
            string source = Store("""
                public async Task PlaceAsync(string orderId)
                {
                    await using var transaction = await _store.Database.BeginTransactionAsync();
                    await _store.SaveChangesAsync();
                    await {|#0:_sqs.SendMessageAsync("q", orderId)|};
                    await transaction.CommitAsync();
                }
            """);
            return DualWriteOutboxFixerTests.NoFixAsync(source, VerifyCS.Diagnostic().WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
        }
    }
}
