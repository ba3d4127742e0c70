using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Consistency.Testing;
using static Consistency.Analyzers.Tests.Rules.DualWriteExpectations;
using static Consistency.Analyzers.Tests.Rules.DualWriteFixSources;
using static Consistency.Analyzers.Tests.Rules.DualWriteTestSources;
using VerifyCS = Consistency.Testing.Verifiers.CSharpCodeFixVerifier<Consistency.Analyzers.Rules.DualWriteAnalyzer, Consistency.CodeFixes.Rules.DualWriteListenToYourselfFixer>;

namespace Consistency.Analyzers.Tests.Rules
{
    /// <summary>CH0001 listen-to-yourself fix: the write moves into an idempotent consumer of an intent, and where it is not offered.</summary>
    public class DualWriteListenToYourselfFixerTests
    {
        private const string Publisher = "    private readonly Consistency.Runtime.ListenToYourself.IIntentPublisher _intents = null!;\n"
            + "    private readonly Consistency.Runtime.Idempotency.IdempotencyHandler _idempotency = null!;\n";

        /// <summary>A JSON context of the service's project listing <paramref name="types"/>.</summary>
        private static string Json(params string[] types)
            => "\n" + string.Concat(types.Select(t => "[System.Text.Json.Serialization.JsonSerializable(typeof(" + t + "))]\n"))
                + "internal partial class ServiceJson : System.Text.Json.Serialization.JsonSerializerContext\n{\n}\n";

        /// <summary>A test that runs the idempotency generator and the System.Text.Json generator, as the user's build does.</summary>
        internal static VerifyCS.Test WithGenerators(VerifyCS.Test test)
        {
            test.SourceGenerators.Add(new Consistency.Generators.Idempotency.IdempotentGenerator());
            test.SourceGenerators.Add(Consistency.Testing.Generators.SdkGenerators.SystemTextJson());
            return test;
        }

        /// <summary>The fix, with the generators on: its output builds with no CH01xx and no error.</summary>
        private static Task VerifyBuildsAsync(string source, DiagnosticResult expected, string fixedSource, string? json = null, string? fixedJson = null)
        {
            // The wrapper hashes the intent id (the key) with the values: string joins the types the context lists.
            var test = WithGenerators(new VerifyCS.Test { TestCode = source + (json ?? Json("Order")), FixedCode = fixedSource + (fixedJson ?? json ?? Json("Order", "string")) });
            test.ExpectedDiagnostics.Add(expected);
            return test.RunAsync(CancellationToken.None);
        }

        private static string Source(string members) => Service(Publisher + members);

        private static string Fixed(string members)
            => FixedService(Publisher + members, "Consistency", "Consistency.Runtime.ListenToYourself")
                .Replace("public class OrderService", "public partial class OrderService", System.StringComparison.Ordinal);

        [Fact]
        public Task PutThenSend_PublishesAnIntentAndMovesThePutIntoAConsumer()
            => VerifyBuildsAsync(
                Source("""
                public async Task PlaceAsync(Order order)
                {
                    await {|#1:_ddb.PutItemAsync(new PutItemRequest { TableName = "orders", Item = new() { ["pk"] = new AttributeValue(order.Id) } })|};
                    await {|#0:_sqs.SendMessageAsync("q", order.Id)|};
                }
            """),
                Lost("PutItemAsync", "SendMessageAsync"),
                Fixed("""
                public async Task PlaceAsync(Order order)
                {
                    await _intents.PublishAsync("OrderService.PersistPlaceAsync", new PlaceIntent(Guid.NewGuid().ToString("N"), order));
                    await _sqs.SendMessageAsync("q", order.Id);
                }

                /// <summary>Listen to yourself: writes what <c>PlaceAsync</c> published as a <see cref="PlaceIntent"/>. Call it from the consumer of the intents; it runs once per intent.</summary>
                [Idempotent("OrderService.PersistPlaceAsync")]
                public async Task PersistPlaceAsync([IdempotencyKey] string intentId, Order order)
                {
                    await _ddb.PutItemAsync(new PutItemRequest { TableName = "orders", Item = new() { ["pk"] = new AttributeValue(order.Id) } });
                }

                /// <summary>What <c>PlaceAsync</c> asks <c>PersistPlaceAsync</c> to write.</summary>
                public sealed record PlaceIntent(string IntentId, Order Order) : IIntent;
            """));

        [Fact]
        public Task PublishThenUpdate_WithTokenCommentsAndConfigureAwait_MovesTheCommentsWithTheWrite()
            => VerifyBuildsAsync(
                Source("""
                public async Task PayAsync(Order order, string reference, int attempt, CancellationToken cancellationToken)
                {
                    await {|#1:_sns.PublishAsync("arn", order.Id, cancellationToken)|}.ConfigureAwait(false);

                    // Mark the order paid.
                    await {|#0:_ddb.UpdateItemAsync(new UpdateItemRequest
                    {
                        TableName = "orders", // the business table
                        UpdateExpression = "SET paid_ref = :r",
                        ExpressionAttributeValues = new() { [":r"] = new AttributeValue(reference) },
                    }, cancellationToken)|}.ConfigureAwait(false); // absolute SET: safe to repeat
                }
            """),
                Phantom("PublishAsync", "UpdateItemAsync"),
                Fixed("""
                public async Task PayAsync(Order order, string reference, int attempt, CancellationToken cancellationToken)
                {
                    await _sns.PublishAsync("arn", order.Id, cancellationToken).ConfigureAwait(false);

                    await _intents.PublishAsync("OrderService.PersistPayAsync", new PayIntent(Guid.NewGuid().ToString("N"), reference), cancellationToken).ConfigureAwait(false);
                }

                /// <summary>Listen to yourself: writes what <c>PayAsync</c> published as a <see cref="PayIntent"/>. Call it from the consumer of the intents; it runs once per intent.</summary>
                [Idempotent("OrderService.PersistPayAsync")]
                public async Task PersistPayAsync([IdempotencyKey] string intentId, string reference, CancellationToken cancellationToken)
                {
                    // Mark the order paid.
                    await _ddb.UpdateItemAsync(new UpdateItemRequest
                    {
                        TableName = "orders", // the business table
                        UpdateExpression = "SET paid_ref = :r",
                        ExpressionAttributeValues = new() { [":r"] = new AttributeValue(reference) },
                    }, cancellationToken).ConfigureAwait(false); // absolute SET: safe to repeat
                }

                /// <summary>What <c>PayAsync</c> asks <c>PersistPayAsync</c> to write.</summary>
                public sealed record PayIntent(string IntentId, string Reference) : IIntent;
            """),
                fixedJson: Json("Order", "string"));

        [Fact]
        public Task PrivateMethod_NameCollisions_AndObjectPersistenceWrite()
            => VerifyBuildsAsync(
                Source("""
                private async Task Place(Order order, string? note, string intentId)
                {
                    await {|#1:_context.SaveAsync(order)|};
                    await {|#0:_bus.Publish(new OrderPlaced(order.Id + note + intentId))|};
                }

                public void PersistPlaceAsync() { }
            """),
                Lost("SaveAsync", "Publish"),
                Fixed("""
                private async Task Place(Order order, string? note, string intentId)
                {
                    await _intents.PublishAsync("OrderService.PersistPlaceAsync2", new PlaceIntent(Guid.NewGuid().ToString("N"), order));
                    await _bus.Publish(new OrderPlaced(order.Id + note + intentId));
                }

                /// <summary>Listen to yourself: writes what <c>Place</c> published as a <see cref="PlaceIntent"/>. Call it from the consumer of the intents; it runs once per intent.</summary>
                [Idempotent("OrderService.PersistPlaceAsync2")]
                internal async Task PersistPlaceAsync2([IdempotencyKey] string intentId2, Order order)
                {
                    await _context.SaveAsync(order);
                }

                /// <summary>What <c>Place</c> asks <c>PersistPlaceAsync2</c> to write.</summary>
                internal sealed record PlaceIntent(string IntentId, Order Order) : IIntent;

                public void PersistPlaceAsync() { }
            """));

        [Fact]
        public Task NestedTypesWithoutModifiers_AllBecomePartial_AndAHelperWriteMoves()
            => VerifyBuildsAsync(
                WithUsings("""
                public static partial class Services
                {
                    // The order service.
                    class OrderService
                    {
                        private Consistency.Runtime.ListenToYourself.IIntentPublisher Intents { get; } = null!;
                        private Consistency.Runtime.Idempotency.IdempotencyHandler Idempotency { get; } = null!;
                        private readonly IAmazonDynamoDB _ddb = null!;
                        private readonly IAmazonSQS _sqs = null!;

                        public async Task PlaceAsync(Order order)
                        {
                            await {|#1:StoreAsync(order)|};
                            await {|#0:_sqs.SendMessageAsync("q", order.Id)|};
                        }

                        private Task StoreAsync(Order order) => {|#2:_ddb.PutItemAsync(new PutItemRequest())|};
                    }
                }
                """),
                Lost("PutItemAsync", "SendMessageAsync", 2),
                DualWriteFixSources.WithUsings(WithUsings("""
                public static partial class Services
                {
                    // The order service.
                    partial class OrderService
                    {
                        private Consistency.Runtime.ListenToYourself.IIntentPublisher Intents { get; } = null!;
                        private Consistency.Runtime.Idempotency.IdempotencyHandler Idempotency { get; } = null!;
                        private readonly IAmazonDynamoDB _ddb = null!;
                        private readonly IAmazonSQS _sqs = null!;

                        public async Task PlaceAsync(Order order)
                        {
                            await Intents.PublishAsync("OrderService.PersistPlaceAsync", new PlaceIntent(Guid.NewGuid().ToString("N"), order));
                            await _sqs.SendMessageAsync("q", order.Id);
                        }

                        /// <summary>Listen to yourself: writes what <c>PlaceAsync</c> published as a <see cref="PlaceIntent"/>. Call it from the consumer of the intents; it runs once per intent.</summary>
                        [Idempotent("OrderService.PersistPlaceAsync")]
                        public async Task PersistPlaceAsync([IdempotencyKey] string intentId, Order order)
                        {
                            await StoreAsync(order);
                        }

                        /// <summary>What <c>PlaceAsync</c> asks <c>PersistPlaceAsync</c> to write.</summary>
                        public sealed record PlaceIntent(string IntentId, Order Order) : IIntent;

                        private Task StoreAsync(Order order) => _ddb.PutItemAsync(new PutItemRequest());
                    }
                }
                """), "Consistency", "Consistency.Runtime.ListenToYourself"));

        [Fact]
        public async Task FixAll_TwoMethodsOfOneType_GetDistinctConsumers_AndTheUnfixableOneStays()
        {
            var test = WithGenerators(new VerifyCS.Test
            {
                TestCode = Source("""
                public async Task PlaceAsync(Order order)
                {
                    await {|#1:_orders.InsertOneAsync(order)|};
                    await {|#0:_sqs.SendMessageAsync("q", order.Id)|};
                }

                public async Task PlaceAsync(Order order, string channel)
                {
                    await {|#3:_sns.PublishAsync(channel, order.Id)|};
                    await {|#2:_table.PutItemAsync(new Document())|};
                }

                public async Task RenameAsync(Order order)
                {
                    order.Status = "renamed";
                    await {|#5:_db.SaveChangesAsync()|};
                    await {|#4:_sqs.SendMessageAsync("q", order.Id)|};
                }
            """) + Json("Order"),
                FixedCode = Fixed("""
                public async Task PlaceAsync(Order order)
                {
                    await _intents.PublishAsync("OrderService.PersistPlaceAsync", new PlaceIntent(Guid.NewGuid().ToString("N"), order));
                    await _sqs.SendMessageAsync("q", order.Id);
                }

                /// <summary>Listen to yourself: writes what <c>PlaceAsync</c> published as a <see cref="PlaceIntent"/>. Call it from the consumer of the intents; it runs once per intent.</summary>
                [Idempotent("OrderService.PersistPlaceAsync")]
                public async Task PersistPlaceAsync([IdempotencyKey] string intentId, Order order)
                {
                    await _orders.InsertOneAsync(order);
                }

                /// <summary>What <c>PlaceAsync</c> asks <c>PersistPlaceAsync</c> to write.</summary>
                public sealed record PlaceIntent(string IntentId, Order Order) : IIntent;

                public async Task PlaceAsync(Order order, string channel)
                {
                    await _sns.PublishAsync(channel, order.Id);
                    await _intents.PublishAsync("OrderService.PersistPlaceAsync2", new PlaceIntent2(Guid.NewGuid().ToString("N")));
                }

                /// <summary>Listen to yourself: writes what <c>PlaceAsync</c> published as a <see cref="PlaceIntent2"/>. Call it from the consumer of the intents; it runs once per intent.</summary>
                [Idempotent("OrderService.PersistPlaceAsync2")]
                public async Task PersistPlaceAsync2([IdempotencyKey] string intentId)
                {
                    await _table.PutItemAsync(new Document());
                }

                /// <summary>What <c>PlaceAsync</c> asks <c>PersistPlaceAsync2</c> to write.</summary>
                public sealed record PlaceIntent2(string IntentId) : IIntent;

                public async Task RenameAsync(Order order)
                {
                    order.Status = "renamed";
                    await {|#1:_db.SaveChangesAsync()|};
                    await {|#0:_sqs.SendMessageAsync("q", order.Id)|};
                }
            """) + Json("Order", "string"),
            });
            test.ExpectedDiagnostics.Add(Lost("InsertOneAsync", "SendMessageAsync"));
            test.ExpectedDiagnostics.Add(DualWriteOutboxFixerTests.At(Phantom("PublishAsync", "PutItemAsync"), 2, 3));
            test.ExpectedDiagnostics.Add(DualWriteOutboxFixerTests.At(Lost("SaveChangesAsync", "SendMessageAsync"), 4, 5));
            test.FixedState.ExpectedDiagnostics.Add(Lost("SaveChangesAsync", "SendMessageAsync"));
            await test.RunAsync(CancellationToken.None);
        }

        [Theory]
        [InlineData("var item = new PutItemRequest(); await _ddb.PutItemAsync(item);", "await {|#0:_sqs.SendMessageAsync(\"q\", order.Id)|};", "the write reads a local")]
        [InlineData("var stored = await _ddb.GetItemAsync(new GetItemRequest()); await _ddb.PutItemAsync(new PutItemRequest());", "await {|#0:_sqs.SendMessageAsync(\"q\", order.Id)|};", "a read of stored state runs before the write")]
        [InlineData("_db.Orders.Add(order); await _db.SaveChangesAsync();", "await {|#0:_sqs.SendMessageAsync(\"q\", order.Id)|};", "SaveChanges writes what the method tracked")]
        [InlineData("var response = await _ddb.PutItemAsync(new PutItemRequest()); _ = response;", "await {|#0:_sqs.SendMessageAsync(\"q\", order.Id)|};", "the result of the write is used")]
        [InlineData("await Task.Run(async () => await _ddb.PutItemAsync(new PutItemRequest()));", "await {|#0:_sqs.SendMessageAsync(\"q\", order.Id)|};", "the write is inside a lambda")]
        [InlineData("await _ddb.PutItemAsync(new PutItemRequest());", "await {|#0:_http.PostAsync(\"https://payments\", null)|};", "an external call")]
        public Task UnsafeShapes_OfferNoFix(string write, string publish, string reason)
        {
            _ = reason;
            return DualWriteOutboxFixerTests.NoFixAsyncWith<Consistency.CodeFixes.Rules.DualWriteListenToYourselfFixer>(Source($$"""
                public async Task PlaceAsync(Order order)
                {
                    {{write}}
                    {{publish}}
                }
            """));
        }

        [Fact]
        public Task WithoutAnIntentPublisher_NoFixIsOffered()
            => DualWriteOutboxFixerTests.NoFixAsyncWith<Consistency.CodeFixes.Rules.DualWriteListenToYourselfFixer>(Service("""
                public async Task PlaceAsync(Order order)
                {
                    await _ddb.PutItemAsync(new PutItemRequest());
                    await {|#0:_sqs.SendMessageAsync("q", order.Id)|};
                }
            """));

        [Fact]
        public Task SynchronousStaticAndGenericMethods_OfferNoFix()
            => DualWriteOutboxFixerTests.NoFixAsyncWith<Consistency.CodeFixes.Rules.DualWriteListenToYourselfFixer>(Source("""
                public void Place(Order order)
                {
                    _orders.InsertOne(order);
                    {|#0:_producer.Produce("t", new Message<string, string> { Key = order.Id, Value = order.Id })|};
                }

                public static async Task PlaceStaticAsync(IAmazonDynamoDB ddb, IAmazonSQS sqs, Order order)
                {
                    await ddb.PutItemAsync(new PutItemRequest());
                    await {|#1:sqs.SendMessageAsync("q", order.Id)|};
                }

                public async Task PlaceGenericAsync<T>(Order order)
                {
                    await _ddb.PutItemAsync(new PutItemRequest());
                    await {|#2:_sqs.SendMessageAsync("q", order.Id)|};
                }
            """), 0, 1, 2);

        [Fact]
        public Task ATypeDeclaredInTwoFiles_OffersNoFix()
        {
            var test = new VerifyCS.Test();
            string first = Source("""
                public async Task PlaceAsync(Order order)
                {
                    await _ddb.PutItemAsync(new PutItemRequest());
                    await {|#0:_sqs.SendMessageAsync("q", order.Id)|};
                }
            """).Replace("public class OrderService", "public partial class OrderService", System.StringComparison.Ordinal);
            const string second = "public partial class OrderService { }";
            test.TestState.Sources.Add(first);
            test.TestState.Sources.Add(second);
            test.FixedState.Sources.Add(first);
            test.FixedState.Sources.Add(second);
            var expected = VerifyCS.Diagnostic().WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);
            test.ExpectedDiagnostics.Add(expected);
            test.FixedState.ExpectedDiagnostics.Add(expected);
            return test.RunAsync(CancellationToken.None);
        }

        // The generator's preconditions (docs/generator.md): the consumer's wrapper needs an IdempotencyHandler member
        // and JSON metadata for the intent's values, which it hashes.

        private const string PutThenSend = """
                public async Task PlaceAsync(Order order)
                {
                    await _ddb.PutItemAsync(new PutItemRequest { TableName = "orders", Item = new() { ["pk"] = new AttributeValue(order.Id) } });
                    await {|#0:_sqs.SendMessageAsync("q", order.Id)|};
                }
            """;

        [Fact]
        public Task WithoutAnIdempotencyHandler_NoFixIsOffered()
            => NoFixWithGeneratorsAsync(Service("    private readonly Consistency.Runtime.ListenToYourself.IIntentPublisher _intents = null!;\n" + PutThenSend) + Json("Order"));

        [Fact]
        public Task AHandlerPrivateToABaseClass_IsNotSeen_NoFixIsOffered()
            => NoFixWithGeneratorsAsync(
                Service("    private readonly Consistency.Runtime.ListenToYourself.IIntentPublisher _intents = null!;\n" + PutThenSend)
                    .Replace("public class OrderService", "public class OrderService : ServiceBase", System.StringComparison.Ordinal)
                + "public class ServiceBase { private readonly Consistency.Runtime.Idempotency.IdempotencyHandler _idempotency = null!; }\n"
                + Json("Order"));

        [Fact]
        public Task WithoutAJsonContext_NoFixIsOffered()
            => NoFixWithGeneratorsAsync(Source(PutThenSend));

        [Fact]
        public Task AContextInAnotherFileMissingAType_NoFixIsOffered()
        {
            var test = WithGenerators(new VerifyCS.Test());
            string source = Source(PutThenSend);
            test.TestState.Sources.Add(source);
            test.TestState.Sources.Add(Json("Customer") + "public class Customer { }\n");
            test.FixedState.Sources.Add(source);
            test.FixedState.Sources.Add(Json("Customer") + "public class Customer { }\n");
            var expected = VerifyCS.Diagnostic().WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);
            test.ExpectedDiagnostics.Add(expected);
            test.FixedState.ExpectedDiagnostics.Add(expected);
            return test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task AContextInAnotherFileListingTheTypes_FixIsOffered_AndBuilds()
        {
            var test = WithGenerators(new VerifyCS.Test());
            test.TestState.Sources.Add(Source(PutThenSend));
            test.TestState.Sources.Add(Json("Order", "string"));
            test.FixedState.Sources.Add(Fixed("""
                public async Task PlaceAsync(Order order)
                {
                    await _intents.PublishAsync("OrderService.PersistPlaceAsync", new PlaceIntent(Guid.NewGuid().ToString("N"), order));
                    await _sqs.SendMessageAsync("q", order.Id);
                }

                /// <summary>Listen to yourself: writes what <c>PlaceAsync</c> published as a <see cref="PlaceIntent"/>. Call it from the consumer of the intents; it runs once per intent.</summary>
                [Idempotent("OrderService.PersistPlaceAsync")]
                public async Task PersistPlaceAsync([IdempotencyKey] string intentId, Order order)
                {
                    await _ddb.PutItemAsync(new PutItemRequest { TableName = "orders", Item = new() { ["pk"] = new AttributeValue(order.Id) } });
                }

                /// <summary>What <c>PlaceAsync</c> asks <c>PersistPlaceAsync</c> to write.</summary>
                public sealed record PlaceIntent(string IntentId, Order Order) : IIntent;
            """));
            test.FixedState.Sources.Add(Json("Order", "string"));
            test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
            return test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task NoValueToHash_NeedsNoJsonContext()
            => VerifyBuildsAsync(
                Source("""
                public async Task PlaceAsync(Order order)
                {
                    await {|#1:_table.PutItemAsync(new Document())|};
                    await {|#0:_sqs.SendMessageAsync("q", order.Id)|};
                }
            """),
                Lost("PutItemAsync", "SendMessageAsync"),
                Fixed("""
                public async Task PlaceAsync(Order order)
                {
                    await _intents.PublishAsync("OrderService.PersistPlaceAsync", new PlaceIntent(Guid.NewGuid().ToString("N")));
                    await _sqs.SendMessageAsync("q", order.Id);
                }

                /// <summary>Listen to yourself: writes what <c>PlaceAsync</c> published as a <see cref="PlaceIntent"/>. Call it from the consumer of the intents; it runs once per intent.</summary>
                [Idempotent("OrderService.PersistPlaceAsync")]
                public async Task PersistPlaceAsync([IdempotencyKey] string intentId)
                {
                    await _table.PutItemAsync(new Document());
                }

                /// <summary>What <c>PlaceAsync</c> asks <c>PersistPlaceAsync</c> to write.</summary>
                public sealed record PlaceIntent(string IntentId) : IIntent;
            """),
                json: string.Empty);

        private static Task NoFixWithGeneratorsAsync(string source)
        {
            var test = WithGenerators(new VerifyCS.Test { TestCode = source, FixedCode = source });
            var expected = VerifyCS.Diagnostic().WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);
            test.ExpectedDiagnostics.Add(expected);
            test.FixedState.ExpectedDiagnostics.Add(expected);
            return test.RunAsync(CancellationToken.None);
        }
    }
}
