using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Consistency.Testing;
using Consistency.Testing.References;
using static Consistency.Analyzers.Tests.Rules.DualWriteExpectations;
using static Consistency.Analyzers.Tests.Rules.DualWriteFixSources;
using static Consistency.Analyzers.Tests.Rules.DualWriteTestSources;
using VerifyCS = Consistency.Testing.Verifiers.CSharpCodeFixVerifier<Consistency.Analyzers.Rules.DualWriteAnalyzer, Consistency.CodeFixes.Rules.DualWriteOutboxFixer>;

namespace Consistency.Analyzers.Tests.Rules
{
    /// <summary>CH0001 transactional outbox fix: the DynamoDB write and the message commit together, and where it is not offered.</summary>
    public class DualWriteOutboxFixerTests
    {
        private const string Outbox = "Consistency.Runtime.Outbox";

        [Fact]
        public Task PutThenSqsSend_CommitsBothThroughTheOutbox()
            => VerifyCS.VerifyCodeFixAsync(
                Service("""
                public async Task PlaceAsync(Order order)
                {
                    await {|#1:_ddb.PutItemAsync(new PutItemRequest { TableName = "orders" })|};
                    await {|#0:_sqs.SendMessageAsync("q", order.Id)|};
                }
            """),
                Lost("PutItemAsync", "SendMessageAsync"),
                FixedService("""
                public async Task PlaceAsync(Order order)
                {
                    var unitOfWork = new OutboxUnitOfWork(_ddb, new OutboxOptions());
                    unitOfWork.AddPutItem(new PutItemRequest { TableName = "orders" });
                    unitOfWork.AddEvent(OutboxMessages.ToQueue("q", order.Id));
                    await unitOfWork.CommitAsync();
                }
            """, Outbox));

        [Fact]
        public Task SnsPublishThenUpdate_WithTokensAndConfigureAwait_CommitsWithTheWritesToken()
            => VerifyCS.VerifyCodeFixAsync(
                Service("""
                public async Task PayAsync(Order order, CancellationToken cancellationToken)
                {
                    await {|#1:_sns.PublishAsync("arn:orders", order.Id, cancellationToken)|}.ConfigureAwait(false);
                    await {|#0:_ddb.UpdateItemAsync(new UpdateItemRequest { TableName = "orders", UpdateExpression = "SET #s = :s" }, cancellationToken)|}.ConfigureAwait(false);
                }
            """),
                Phantom("PublishAsync", "UpdateItemAsync"),
                FixedService("""
                public async Task PayAsync(Order order, CancellationToken cancellationToken)
                {
                    var unitOfWork = new OutboxUnitOfWork(_ddb, new OutboxOptions());
                    unitOfWork.AddEvent(OutboxMessages.ToTopic("arn:orders", order.Id));
                    unitOfWork.AddUpdateItem(new UpdateItemRequest { TableName = "orders", UpdateExpression = "SET #s = :s" });
                    await unitOfWork.CommitAsync(cancellationToken).ConfigureAwait(false);
                }
            """, Outbox));

        [Fact]
        public Task DeleteWithARequestVariable_AndARequestObjectSend_KeepTheGroupId()
            => VerifyCS.VerifyCodeFixAsync(
                Service("""
                public async Task CancelAsync(Order order)
                {
                    var request = new DeleteItemRequest { TableName = "orders" };
                    await {|#1:_ddbClient.DeleteItemAsync(request)|};
                    await {|#0:_sqs.SendMessageAsync(new SendMessageRequest("q.fifo", order.Id) { MessageGroupId = order.Id })|};
                }
            """),
                Lost("DeleteItemAsync", "SendMessageAsync"),
                FixedService("""
                public async Task CancelAsync(Order order)
                {
                    var request = new DeleteItemRequest { TableName = "orders" };
                    var unitOfWork = new OutboxUnitOfWork(_ddbClient, new OutboxOptions());
                    unitOfWork.AddDeleteItem(request);
                    unitOfWork.AddEvent(OutboxMessages.ToQueue("q.fifo", order.Id, order.Id));
                    await unitOfWork.CommitAsync();
                }
            """, Outbox));

        [Fact]
        public Task TransactWriteThenPublishRequestWithInitializer()
            => VerifyCS.VerifyCodeFixAsync(
                Service("""
                public async Task PlaceAsync(Order order, TransactWriteItemsRequest transaction)
                {
                    await {|#1:_ddb.TransactWriteItemsAsync(transaction)|};
                    await {|#0:_sns.PublishAsync(new PublishRequest { TopicArn = "arn:orders", Message = order.Id })|};
                }
            """),
                Lost("TransactWriteItemsAsync", "PublishAsync"),
                FixedService("""
                public async Task PlaceAsync(Order order, TransactWriteItemsRequest transaction)
                {
                    var unitOfWork = new OutboxUnitOfWork(_ddb, new OutboxOptions());
                    unitOfWork.AddTransactWriteItems(transaction);
                    unitOfWork.AddEvent(OutboxMessages.ToTopic("arn:orders", order.Id));
                    await unitOfWork.CommitAsync();
                }
            """, Outbox));

        [Fact]
        public Task CommentsBlankLinesAndAssignmentsBetween_ArePreserved()
            => VerifyCS.VerifyCodeFixAsync(
                Service("""
                public async Task PlaceAsync(Order order)
                {
                    order.Status = "new";

                    // Store the order first.
                    await {|#1:_ddb.PutItemAsync(new PutItemRequest
                    {
                        TableName = "orders", // the business table
                    })|}; // stored

                    order.Status = "placed";
                    /* then tell the warehouse */
                    await {|#0:_sqs.SendMessageAsync("q", order.Id)|}; // notified
                    // done
                }
            """),
                Lost("PutItemAsync", "SendMessageAsync"),
                FixedService("""
                public async Task PlaceAsync(Order order)
                {
                    order.Status = "new";

                    var unitOfWork = new OutboxUnitOfWork(_ddb, new OutboxOptions());
                    // Store the order first.
                    unitOfWork.AddPutItem(new PutItemRequest
                    {
                        TableName = "orders", // the business table
                    }); // stored

                    order.Status = "placed";
                    /* then tell the warehouse */
                    unitOfWork.AddEvent(OutboxMessages.ToQueue("q", order.Id)); // notified
                    await unitOfWork.CommitAsync();
                    // done
                }
            """, Outbox));

        [Fact]
        public Task AFactoryOfTheService_CreatesTheUnitOfWork_AndTakenNamesAreAvoided()
            => VerifyCS.VerifyCodeFixAsync(
                Service("""
                private readonly Consistency.Runtime.Outbox.OutboxUnitOfWorkFactory _outbox = null!;

                public async Task PlaceAsync(Order order, bool express)
                {
                    if (express)
                    {
                        var unitOfWork = order.Id;
                        await {|#1:_ddb.PutItemAsync(new PutItemRequest { TableName = unitOfWork })|};
                        await {|#0:_sqs.SendMessageAsync("q", unitOfWork)|};
                    }
                }
            """),
                Lost("PutItemAsync", "SendMessageAsync"),
                FixedService("""
                private readonly Consistency.Runtime.Outbox.OutboxUnitOfWorkFactory _outbox = null!;

                public async Task PlaceAsync(Order order, bool express)
                {
                    if (express)
                    {
                        var unitOfWork = order.Id;
                        var unitOfWork2 = _outbox.Create();
                        unitOfWork2.AddPutItem(new PutItemRequest { TableName = unitOfWork });
                        unitOfWork2.AddEvent(OutboxMessages.ToQueue("q", unitOfWork));
                        await unitOfWork2.CommitAsync();
                    }
                }
            """, Outbox));

        [Fact]
        public Task InsideAnAsyncLambda_TheLambdaBodyIsRewritten()
            => VerifyCS.VerifyCodeFixAsync(
                Service("""
                public Func<Order, Task> Place => async order =>
                {
                    await {|#1:_ddb.PutItemAsync(new PutItemRequest())|};
                    await {|#0:_sqs.SendMessageAsync("q", order.Id)|};
                };
            """),
                Lost("PutItemAsync", "SendMessageAsync"),
                FixedService("""
                public Func<Order, Task> Place => async order =>
                {
                    var unitOfWork = new OutboxUnitOfWork(_ddb, new OutboxOptions());
                    unitOfWork.AddPutItem(new PutItemRequest());
                    unitOfWork.AddEvent(OutboxMessages.ToQueue("q", order.Id));
                    await unitOfWork.CommitAsync();
                };
            """, Outbox));

        [Fact]
        public async Task FixAll_FixesEveryHazardItCan_AndLeavesTheOthers()
        {
            var test = new VerifyCS.Test
            {
                TestCode = Service("""
                public async Task PlaceAsync(Order order)
                {
                    await {|#1:_ddb.PutItemAsync(new PutItemRequest())|};
                    await {|#0:_sqs.SendMessageAsync("q", order.Id)|};
                }

                public async Task CancelAsync(Order order)
                {
                    await {|#3:_sns.PublishAsync("arn", order.Id)|};
                    await {|#2:_ddb.DeleteItemAsync(new DeleteItemRequest())|};
                }

                public async Task ArchiveAsync(Order order)
                {
                    await {|#5:_context.SaveAsync(order)|};
                    await {|#4:_sqs.SendMessageAsync("q", order.Id)|};
                }
            """),
                FixedCode = FixedService("""
                public async Task PlaceAsync(Order order)
                {
                    var unitOfWork = new OutboxUnitOfWork(_ddb, new OutboxOptions());
                    unitOfWork.AddPutItem(new PutItemRequest());
                    unitOfWork.AddEvent(OutboxMessages.ToQueue("q", order.Id));
                    await unitOfWork.CommitAsync();
                }

                public async Task CancelAsync(Order order)
                {
                    var unitOfWork = new OutboxUnitOfWork(_ddb, new OutboxOptions());
                    unitOfWork.AddEvent(OutboxMessages.ToTopic("arn", order.Id));
                    unitOfWork.AddDeleteItem(new DeleteItemRequest());
                    await unitOfWork.CommitAsync();
                }

                public async Task ArchiveAsync(Order order)
                {
                    await {|#1:_context.SaveAsync(order)|};
                    await {|#0:_sqs.SendMessageAsync("q", order.Id)|};
                }
            """, Outbox),
            };
            test.ExpectedDiagnostics.Add(Lost("PutItemAsync", "SendMessageAsync"));
            test.ExpectedDiagnostics.Add(At(Phantom("PublishAsync", "DeleteItemAsync"), 2, 3));
            test.ExpectedDiagnostics.Add(At(Lost("SaveAsync", "SendMessageAsync"), 4, 5));
            test.FixedState.ExpectedDiagnostics.Add(Lost("SaveAsync", "SendMessageAsync"));
            await test.RunAsync(CancellationToken.None);
        }

        [Theory]
        [InlineData("var response = await _ddb.PutItemAsync(new PutItemRequest()); _ = response.Attributes;", "await {|#0:_sqs.SendMessageAsync(\"q\", order.Id)|};", "result of the write is used")]
        [InlineData("await _ddb.PutItemAsync(new PutItemRequest());", "var sent = await {|#0:_sqs.SendMessageAsync(\"q\", order.Id)|}; _ = sent.MessageId;", "result of the send is used")]
        [InlineData("await _ddb.PutItemAsync(\"orders\", new Dictionary<string, AttributeValue>());", "await {|#0:_sqs.SendMessageAsync(\"q\", order.Id)|};", "string overload of the write")]
        [InlineData("await _context.SaveAsync(order);", "await {|#0:_sqs.SendMessageAsync(\"q\", order.Id)|};", "object persistence: versions and conversions are not visible")]
        [InlineData("await _table.PutItemAsync(new Document());", "await {|#0:_sqs.SendMessageAsync(\"q\", order.Id)|};", "document model")]
        [InlineData("await _ddb.PutItemAsync(new PutItemRequest());", "await {|#0:_bus.Publish(new OrderPlaced(order.Id))|};", "a bus message has no destination and body to carry over")]
        [InlineData("await _ddb.PutItemAsync(new PutItemRequest());", "await {|#0:_sqs.SendMessageAsync(new SendMessageRequest(\"q\", order.Id) { MessageDeduplicationId = order.Id })|};", "a setting the outbox message does not carry")]
        [InlineData("await _ddb.PutItemAsync(new PutItemRequest());", "await {|#0:_sns.PublishAsync(\"arn\", order.Id, \"subject\")|};", "a subject the outbox message does not carry")]
        [InlineData("await _ddb.PutItemAsync(new PutItemRequest());", "await {|#0:_http.PostAsync(\"https://payments\", null)|};", "an external call")]
        [InlineData("await _ddb.PutItemAsync(new PutItemRequest()); await Task.Delay(1);", "await {|#0:_sqs.SendMessageAsync(\"q\", order.Id)|};", "something runs between them")]
        [InlineData("await _ddb.PutItemAsync(new PutItemRequest(), /* keep */ CancellationToken.None);", "await {|#0:_sqs.SendMessageAsync(\"q\", order.Id)|};", "a comment inside the part that changes")]
        [InlineData("if (order.Id.Length > 0) { await _ddb.PutItemAsync(new PutItemRequest()); }", "await {|#0:_sqs.SendMessageAsync(\"q\", order.Id)|};", "the write is in another block")]
        [InlineData("await _ddb.PutItemAsync(new PutItemRequest());", "_ = {|#0:_sqs.SendMessageAsync(\"q\", order.Id)|};", "the send is not awaited")]
        [InlineData("await GetClient().PutItemAsync(new PutItemRequest());", "await {|#0:_sqs.SendMessageAsync(\"q\", order.Id)|};", "the client comes from a call")]
        [InlineData("await _ddb.PutItemAsync(new PutItemRequest());", "await {|#0:_sqs.SendMessageAsync(\"q\", maybe)|};", "a maybe-null body")]
        [InlineData("var request = new PutItemRequest { Item = new() }; await _ddb.PutItemAsync(request); request.TableName = order.Status;", "await {|#0:_sqs.SendMessageAsync(\"q\", order.Id)|};", "the request is changed after it was sent")]
        [InlineData("await _ddb.PutItemAsync(new PutItemRequest { TableName = order.Id }); order.Id += \"-sent\";", "await {|#0:_sqs.SendMessageAsync(\"q\", order.Id)|};", "an object the request reads from is changed after it was sent")]
        public Task UnsafeShapes_OfferNoFix(string write, string publish, string reason)
        {
            _ = reason;
            string source = Service($$"""
                private IAmazonDynamoDB GetClient() => _ddb;

                public async Task PlaceAsync(Order order, string? maybe)
                {
                    {{write}}
                    {{publish}}
                }
            """);
            return NoFixAsync(source, VerifyCS.Diagnostic().WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
        }

        /// <summary>Verifies that no fix is offered: the fixed code is the input, with the same diagnostic.</summary>
        internal static Task NoFixAsync(string source, DiagnosticResult expected)
        {
            var test = new VerifyCS.Test { TestCode = source, FixedCode = source };
            test.ExpectedDiagnostics.Add(expected);
            test.FixedState.ExpectedDiagnostics.Add(expected);
            return test.RunAsync(CancellationToken.None);
        }

        /// <summary>
        /// Verifies that <typeparamref name="TFixer"/> offers no fix for the diagnostics at the markup locations
        /// <paramref name="locations"/> (0 when none are given).
        /// </summary>
        internal static Task NoFixAsyncWith<TFixer>(string source, params int[] locations)
            where TFixer : Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider, new()
        {
            var test = new Consistency.Testing.Verifiers.CSharpCodeFixVerifier<Consistency.Analyzers.Rules.DualWriteAnalyzer, TFixer>.Test { TestCode = source, FixedCode = source };
            foreach (var location in locations.Length == 0 ? new[] { 0 } : locations)
            {
                var expected = VerifyCS.Diagnostic().WithLocation(location).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);
                test.ExpectedDiagnostics.Add(expected);
                test.FixedState.ExpectedDiagnostics.Add(expected);
            }

            return test.RunAsync(CancellationToken.None);
        }

        /// <summary>The expectation of <paramref name="template"/> at other markup locations (the later effect, then the earlier one).</summary>
        internal static DiagnosticResult At(DiagnosticResult template, int later, int earlier)
            => VerifyCS.Diagnostic().WithLocation(later).WithLocation(earlier).WithArguments(template.MessageArguments.ToArray());

        [Fact]
        public Task WriteAndPublishThroughHelpers_OfferNoFix()
        {
            string source = Service("""
                public async Task PlaceAsync(Order order)
                {
                    await {|#1:SaveAsync(order)|};
                    await {|#0:NotifyAsync(order)|};
                }

                private async Task SaveAsync(Order order) => await {|#2:_ddb.PutItemAsync(new PutItemRequest())|};

                private async Task NotifyAsync(Order order) => await {|#3:_sqs.SendMessageAsync("q", order.Id)|};
            """);
            return NoFixAsync(source, Lost("PutItemAsync", "SendMessageAsync", 3, 2));
        }

        [Fact]
        public Task WithoutTheRuntime_NoFixIsOffered()
        {
            string source = Service("""
                public async Task PlaceAsync(Order order)
                {
                    await {|#1:_ddb.PutItemAsync(new PutItemRequest())|};
                    await {|#0:_sqs.SendMessageAsync("q", order.Id)|};
                }
            """);
            var test = new VerifyCS.Test
            {
                TestCode = source,
                FixedCode = source,
                ReferenceAssemblies = ReferenceAssemblies.Net.WithAbstractions().WithDynamoDb().WithStandIns(StandInLibrary.AllNames.ToArray()),
            };
            test.ExpectedDiagnostics.Add(Lost("PutItemAsync", "SendMessageAsync"));
            test.FixedState.ExpectedDiagnostics.Add(Lost("PutItemAsync", "SendMessageAsync"));
            return test.RunAsync(CancellationToken.None);
        }
    }
}
