using System.Threading.Tasks;
using static Consistency.Analyzers.Tests.Rules.NonIdempotentHandlerTestSources;

namespace Consistency.Analyzers.Tests.Rules
{
    /// <summary>CH0002 guards (RULES.md §1.3): each guard, guards that come too late, and guards on one path only.</summary>
    public class NonIdempotentHandlerGuardTests
    {
        [Fact]
        public Task OurIdempotentAttribute_IsAGuard()
            => VerifyAsync(Function("""
                [Idempotent("orders.forward")]
                public async Task Handler(SQSEvent evnt) => await _sns.PublishAsync("arn", evnt.Records[0].Body);
            """));

        [Fact]
        public Task PowertoolsIdempotentAttribute_IsAGuard()
            => VerifyAsync(Function("""
                [AWS.Lambda.Powertools.Idempotency.Idempotent]
                public async Task Handler(SQSEvent evnt) => await _sns.PublishAsync("arn", evnt.Records[0].Body);
            """));

        [Fact]
        public Task IdempotentHelperHoldingTheEffect_IsAGuard()
            => VerifyAsync(Function("""
                public async Task Handler(SQSEvent evnt)
                {
                    foreach (var record in evnt.Records)
                    {
                        await ForwardAsync(record.MessageId, record.Body);
                    }
                }

                [Idempotent("orders.forward")]
                public async Task ForwardAsync([IdempotencyKey] string messageId, string body) => await _sns.PublishAsync("arn", body);
            """));

        [Fact]
        public Task PartialHelperMarkedWhereItIsDeclared_IsAGuard()
            => VerifyAsync(Class("public partial class Function", """
                public async Task Handler(SQSEvent evnt)
                {
                    foreach (var record in evnt.Records)
                    {
                        await ForwardAsync(record.MessageId, record.Body);
                    }
                }

                [Idempotent("orders.forward")]
                private partial Task ForwardAsync([IdempotencyKey] string messageId, string body);

                private partial async Task ForwardAsync(string messageId, string body) => await _sns.PublishAsync("arn", body);
            """));

        [Fact]
        public Task IdempotentAccessorHoldingTheEffect_IsAGuard()
            => VerifyAsync(Function("""
                private string _body = "";

                public async Task Handler(SQSEvent evnt)
                {
                    _body = evnt.Records[0].Body;
                    await Forwarded;
                }

                private Task Forwarded
                {
                    [Idempotent("orders.forward")]
                    get => _sns.PublishAsync("arn", _body);
                }
            """));

        [Fact]
        public Task HelperWithoutGuard_IsReportedAtTheCallAndTheEffect()
            => VerifyAsync(Function("""
                public async Task {|#0:Handler|}(SQSEvent evnt)
                {
                    foreach (var record in evnt.Records)
                    {
                        await {|#2:ForwardAsync(record.Body)|};
                    }
                }

                private async Task ForwardAsync(string body) => await {|#1:_sns.PublishAsync("arn", body)|};
            """), Expect("Handler", "SQS Lambda handler", "PublishAsync", Publishes, viaCall: true));

        [Fact]
        public Task AttributeNotExistsCondition_IsAGuard()
            => VerifyAsync(Function("""
                public async Task Handler(DynamoDBEvent evnt)
                {
                    await _ddb.PutItemAsync(new PutItemRequest
                    {
                        TableName = "audit",
                        Item = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = Guid.NewGuid().ToString() } },
                        ConditionExpression = "attribute_not_exists(pk)",
                    });
                }
            """));

        [Fact]
        public Task VersionCondition_GuardsARelativeUpdate()
            => VerifyAsync(Function("""
                public async Task Handler(SQSEvent evnt)
                {
                    var request = new UpdateItemRequest
                    {
                        TableName = "stock",
                        UpdateExpression = "SET #q = #q - :n, #v = :next",
                        ConditionExpression = "#v < :next",
                    };
                    await _ddb.UpdateItemAsync(request);
                }
            """));

        [Fact]
        public Task InboxCheckThatReturnsEarly_IsAGuard()
            => VerifyAsync(Function("""
                public async Task Handler(SQSEvent evnt, ILambdaContext context)
                {
                    var record = evnt.Records[0];
                    if (await _inbox.CheckAsync(record.MessageId, null, default) != InboxDecision.Accepted)
                    {
                        return;
                    }

                    await _sns.PublishAsync("arn", record.Body);
                }
            """));

        // What is read about a helper is kept per location and shared by every handler that reaches it: the guard of
        // one handler's call must not carry over to another handler's call of the same helper, in either order.
        [Fact]
        public Task HelperReachedFromAGuardedHandlerFirst_IsReportedOnlyInTheUnguardedOne()
            => VerifyAsync(Function("""
                public async Task Guarded(SQSEvent evnt)
                {
                    var record = evnt.Records[0];
                    if (await _inbox.CheckAsync(record.MessageId, null, default) != InboxDecision.Accepted)
                    {
                        return;
                    }

                    await ForwardAsync(record.Body);
                }

                public async Task {|#0:Unguarded|}(SQSEvent evnt) => await {|#2:ForwardAsync(evnt.Records[0].Body)|};

                private async Task ForwardAsync(string body) => await {|#1:_sns.PublishAsync("arn", body)|};
            """), Expect("Unguarded", "SQS Lambda handler", "PublishAsync", Publishes, viaCall: true));

        [Fact]
        public Task HelperReachedFromAnUnguardedHandlerFirst_IsReportedOnlyInTheUnguardedOne()
            => VerifyAsync(Function("""
                public async Task {|#0:Unguarded|}(SQSEvent evnt) => await {|#2:ForwardAsync(evnt.Records[0].Body)|};

                public async Task Guarded(SQSEvent evnt)
                {
                    var record = evnt.Records[0];
                    if (await _inbox.CheckAsync(record.MessageId, null, default) != InboxDecision.Accepted)
                    {
                        return;
                    }

                    await ForwardAsync(record.Body);
                }

                private async Task ForwardAsync(string body) => await {|#1:_sns.PublishAsync("arn", body)|};
            """), Expect("Unguarded", "SQS Lambda handler", "PublishAsync", Publishes, viaCall: true));

        [Fact]
        public Task InboxDecisionInALocal_IsAGuard()
            => VerifyAsync(Class("public class OrderPlacedConsumer : IConsumer<OrderPlaced>", """
                public async Task Consume(ConsumeContext<OrderPlaced> context)
                {
                    var decision = await _inbox.TryMarkProcessedAsync(context.Message.OrderId, null, context.CancellationToken);
                    if (decision == InboxDecision.Duplicate) return;
                    await context.Publish(new OrderPlaced(context.Message.OrderId));
                }
            """));

        [Fact]
        public Task InboxDecisionInALocalAroundTheEffect_IsAGuard()
            => VerifyAsync(Class("public class OrderPlacedConsumer : IConsumer<OrderPlaced>", """
                public async Task Consume(ConsumeContext<OrderPlaced> context)
                {
                    var decision = await _inbox.TryMarkProcessedAsync(context.Message.OrderId, null, context.CancellationToken);
                    if (decision == InboxDecision.Accepted)
                    {
                        await context.Publish(new OrderPlaced(context.Message.OrderId));
                    }
                }
            """));

        [Fact]
        public Task InboxDecisionInALocalOfAnotherBlock_GuardsNothingBeforeIt()
            => VerifyAsync(Class("public class OrderPlacedConsumer : IConsumer<OrderPlaced>", """
                public async Task {|#0:Consume|}(ConsumeContext<OrderPlaced> context)
                {
                    var decision = InboxDecision.Accepted;
                    if (decision == InboxDecision.Accepted)
                    {
                        await {|#1:context.Publish(new OrderPlaced(context.Message.OrderId))|};
                    }

                    decision = await _inbox.TryMarkProcessedAsync(context.Message.OrderId, null, context.CancellationToken);
                }
            """), Expect("Consume", "MassTransit consumer", "Publish", Publishes));

        [Fact]
        public Task InboxCheckWithTheEffectInItsElse_IsAGuard()
            => VerifyAsync(Class("public class OrderPlacedConsumer : IConsumer<OrderPlaced>", """
                public async Task Consume(ConsumeContext<OrderPlaced> context)
                {
                    if (await _inbox.TryMarkProcessedAsync(context.Message.OrderId, null, default) == InboxDecision.Duplicate)
                    {
                        Console.WriteLine("duplicate");
                    }
                    else
                    {
                        await context.Publish(new OrderPlaced(context.Message.OrderId));
                    }
                }
            """));

        [Fact]
        public Task CheckOfAnotherIfInTheChain_GuardsNothing()
            => VerifyAsync(Class("public class OrderPlacedConsumer : IConsumer<OrderPlaced>", """
                public async Task {|#0:Consume|}(ConsumeContext<OrderPlaced> context)
                {
                    if (context.Message.OrderId.Length == 0)
                    {
                        return;
                    }
                    else if (context.Message.OrderId.Length > 10)
                    {
                        await {|#1:context.Publish(new OrderPlaced(context.Message.OrderId))|};
                    }
                    else if (await _inbox.TryMarkProcessedAsync(context.Message.OrderId, null, default) == InboxDecision.Accepted)
                    {
                        Console.WriteLine("first");
                    }
                }
            """), Expect("Consume", "MassTransit consumer", "Publish", Publishes));

        [Fact]
        public Task InboxCheckAroundTheEffect_IsAGuard()
            => VerifyAsync(Class("public class OrderPlacedConsumer : IConsumer<OrderPlaced>", """
                public async Task Consume(ConsumeContext<OrderPlaced> context)
                {
                    if (await _inbox.TryMarkProcessedAsync(context.Message.OrderId, null, default) == InboxDecision.Accepted)
                    {
                        await context.Publish(new OrderPlaced(context.Message.OrderId));
                    }
                }
            """));

        [Fact]
        public Task InboxCheckPerRecordWithContinue_IsAGuard()
            => VerifyAsync(Function("""
                public async Task Handler(SQSEvent evnt)
                {
                    foreach (var record in evnt.Records)
                    {
                        if (await _inbox.CheckAsync(record.MessageId, null, default) is InboxDecision.Duplicate) continue;
                        await _sns.PublishAsync("arn", record.Body);
                    }
                }
            """));

        [Fact]
        public Task InboxCheckInAHelper_IsAGuard()
            => VerifyAsync(Function("""
                public async Task Handler(SQSEvent evnt)
                {
                    var record = evnt.Records[0];
                    if (!await IsFirstDeliveryAsync(record.MessageId)) return;
                    await _sns.PublishAsync("arn", record.Body);
                }

                private async Task<bool> IsFirstDeliveryAsync(string id)
                    => await _inbox.TryMarkProcessedAsync(id, null, default) == InboxDecision.Accepted;
            """));

        [Fact]
        public Task InboxCheckInsideTheHelperBeforeItsEffect_IsAGuard()
            => VerifyAsync(Function("""
                public async Task Handler(SQSEvent evnt) => await ForwardAsync(evnt.Records[0]);

                private async Task ForwardAsync(SQSEvent.SQSMessage record)
                {
                    if (await _inbox.CheckAsync(record.MessageId, null, default) != InboxDecision.Accepted) throw new InvalidOperationException("duplicate");
                    await _sns.PublishAsync("arn", record.Body);
                }
            """));

        [Fact]
        public Task MarkedGuardThatThrows_IsAGuard()
            => VerifyAsync(Function("""
                [IdempotencyGuard]
                private Task EnsureFirstDeliveryAsync(string messageId) => Task.CompletedTask;

                public async Task Handler(SQSEvent evnt)
                {
                    await EnsureFirstDeliveryAsync(evnt.Records[0].MessageId);
                    await _sns.PublishAsync("arn", evnt.Records[0].Body);
                }
            """));

        [Fact]
        public Task MarkedGuardReturningBool_IsAGuard()
            => VerifyAsync(WithUsings("""
                public interface IProcessedMessages
                {
                    [IdempotencyGuard]
                    Task<bool> TryRecordAsync(string messageId);
                }

                public class Function
                {
                    private readonly IProcessedMessages _processed = null!;
                    private readonly IAmazonSimpleNotificationService _sns = null!;

                    public async Task Handler(SQSEvent evnt)
                    {
                        if (!await _processed.TryRecordAsync(evnt.Records[0].MessageId)) return;
                        await _sns.PublishAsync("arn", evnt.Records[0].Body);
                    }
                }
            """));

        [Fact]
        public Task MarkedGuardWhoseResultIsIgnored_IsNotAGuard()
            => VerifyAsync(WithUsings("""
                public interface IProcessedMessages
                {
                    [IdempotencyGuard]
                    Task<bool> TryRecordAsync(string messageId);
                }

                public class Function
                {
                    private readonly IProcessedMessages _processed = null!;
                    private readonly IAmazonSimpleNotificationService _sns = null!;

                    public async Task {|#0:Handler|}(SQSEvent evnt)
                    {
                        await _processed.TryRecordAsync(evnt.Records[0].MessageId);
                        await {|#1:_sns.PublishAsync("arn", evnt.Records[0].Body)|};
                    }
                }
            """), Expect("Handler", "SQS Lambda handler", "PublishAsync", Publishes));

        [Fact]
        public Task InboxCheckAfterTheEffect_IsTooLate()
            => VerifyAsync(Function("""
                public async Task {|#0:Handler|}(SQSEvent evnt)
                {
                    var record = evnt.Records[0];
                    await {|#1:_sns.PublishAsync("arn", record.Body)|};
                    if (await _inbox.TryMarkProcessedAsync(record.MessageId, null, default) != InboxDecision.Accepted) return;
                }
            """), Expect("Handler", "SQS Lambda handler", "PublishAsync", Publishes));

        [Fact]
        public Task InboxCheckOnOnePathOnly_IsNotAGuard()
            => VerifyAsync(Function("""
                public async Task {|#0:Handler|}(SQSEvent evnt, bool strict)
                {
                    var record = evnt.Records[0];
                    if (strict)
                    {
                        if (await _inbox.CheckAsync(record.MessageId, null, default) != InboxDecision.Accepted) return;
                    }

                    await {|#1:_sns.PublishAsync("arn", record.Body)|};
                }
            """), Expect("Handler", "SQS Lambda handler", "PublishAsync", Publishes));

        [Fact]
        public Task InboxCheckThatDoesNotLeave_IsNotAGuard()
            => VerifyAsync(Function("""
                public async Task {|#0:Handler|}(SQSEvent evnt)
                {
                    var record = evnt.Records[0];
                    if (await _inbox.CheckAsync(record.MessageId, null, default) != InboxDecision.Accepted)
                    {
                        Console.WriteLine("duplicate");
                    }

                    await {|#1:_sns.PublishAsync("arn", record.Body)|};
                }
            """), Expect("Handler", "SQS Lambda handler", "PublishAsync", Publishes));

        [Fact]
        public Task GuardOnlyBeforeTheSecondEffect_ReportsTheFirst()
            => VerifyAsync(Function("""
                public async Task {|#0:Handler|}(SQSEvent evnt)
                {
                    var record = evnt.Records[0];
                    await {|#1:_sqs.SendMessageAsync("audit", record.Body)|};
                    if (await _inbox.CheckAsync(record.MessageId, null, default) != InboxDecision.Accepted) return;
                    await _sns.PublishAsync("arn", record.Body);
                }
            """), Expect("Handler", "SQS Lambda handler", "SendMessageAsync", Publishes));

        [Fact]
        public Task FifoDeduplicationIdFromTheMessage_IsAGuard()
            => VerifyAsync(Function("""
                public async Task Handler(SQSEvent evnt)
                {
                    foreach (var record in evnt.Records)
                    {
                        await _sqs.SendMessageAsync(new SendMessageRequest
                        {
                            QueueUrl = "orders.fifo",
                            MessageBody = record.Body,
                            MessageGroupId = "orders",
                            MessageDeduplicationId = record.MessageId,
                        });
                    }
                }
            """));

        [Fact]
        public Task FifoDeduplicationIdGenerated_IsNotAGuard()
            => VerifyAsync(Function("""
                public async Task {|#0:Handler|}(SQSEvent evnt)
                {
                    var request = new SendMessageRequest { QueueUrl = "orders.fifo", MessageBody = evnt.Records[0].Body };
                    request.MessageDeduplicationId = Guid.NewGuid().ToString();
                    await {|#1:_sqs.SendMessageAsync(request)|};
                }
            """), Expect("Handler", "SQS Lambda handler", "SendMessageAsync", Publishes));

        [Fact]
        public Task FifoDeduplicationIdConstant_IsNotAGuard()
            => VerifyAsync(Function("""
                public async Task {|#0:Handler|}(SQSEvent evnt)
                {
                    await {|#1:_sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = "orders.fifo", MessageDeduplicationId = "same" })|};
                }
            """), Expect("Handler", "SQS Lambda handler", "SendMessageAsync", Publishes));

        [Fact]
        public Task EfConcurrencyTokenOnTheAddedEntity_IsAGuard()
            => VerifyAsync(Function("""
                public async Task Handler(SQSEvent evnt)
                {
                    _versioned.Orders.Add(new VersionedOrder { Id = evnt.Records[0].MessageId });
                    await _versioned.SaveChangesAsync();
                }
            """));

        [Fact]
        public Task AbsoluteSetOfMessageValues_IsIdempotent()
            => VerifyAsync(Function("""
                public async Task Handler(SQSEvent evnt)
                {
                    var record = evnt.Records[0];
                    await _ddb.UpdateItemAsync(new UpdateItemRequest
                    {
                        TableName = "orders",
                        Key = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = record.MessageId } },
                        UpdateExpression = "SET #status = :status, updated_at = :now",
                    });
                }
            """));

        [Fact]
        public Task PutWithKeyFromTheMessage_IsIdempotent()
            => VerifyAsync(Function("""
                public async Task Handler(SQSEvent evnt)
                {
                    var record = evnt.Records[0];
                    await _ddb.PutItemAsync(new PutItemRequest
                    {
                        TableName = "orders",
                        Item = new Dictionary<string, AttributeValue>
                        {
                            ["pk"] = new AttributeValue { S = record.MessageId },
                            ["received_at"] = new AttributeValue { S = DateTime.UtcNow.ToString("o") },
                        },
                    });
                    await _ddb.DeleteItemAsync(new DeleteItemRequest { TableName = "drafts" });
                }
            """));

        [Fact]
        public Task SaveOfAnEntityWithAGeneratedId_IsReported()
            => VerifyAsync(Function("""
                public async Task {|#0:Handler|}(SQSEvent evnt)
                {
                    var order = new Order { Id = Guid.NewGuid().ToString(), Status = evnt.Records[0].Body };
                    await {|#1:_context.SaveAsync(order)|};
                }
            """), Expect("Handler", "SQS Lambda handler", "SaveAsync", GeneratedKey));

        [Fact]
        public Task IdempotentSql_IsNotReported()
            => VerifyAsync(Class("public class PlaceOrderHandler : RequestHandler<PlaceOrder>", """
                public override PlaceOrder Handle(PlaceOrder command)
                {
                    _connection.Execute("INSERT INTO orders (id) VALUES (@Id) ON CONFLICT DO NOTHING", new { Id = command.OrderId });
                    _connection.Execute("UPDATE orders SET status = 'placed' WHERE id = @Id", new { Id = command.OrderId });
                    return base.Handle(command);
                }
            """));

        [Fact]
        public Task EfSaveWithoutAdd_IsNotReported()
            => VerifyAsync(Function("""
                public async Task Handler(SQSEvent evnt)
                {
                    var order = await _db.Orders.FindAsync(evnt.Records[0].MessageId);
                    order!.Status = "shipped";
                    await _db.SaveChangesAsync();
                }
            """));
    }
}
