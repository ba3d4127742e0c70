using System.Threading.Tasks;
using static Consistency.Analyzers.Tests.Rules.NonIdempotentHandlerTestSources;

namespace Consistency.Analyzers.Tests.Rules
{
    /// <summary>CH0002 through every C# shape, and look-alikes that are not handlers.</summary>
    public class NonIdempotentHandlerShapeTests
    {
        [Fact]
        public Task MethodNamedHandleThatIsNotAHandler_IsNotReported()
            => VerifyAsync(Class("public class OrderService", """
                public async Task Handle(OrderPlaced message) => await _sns.PublishAsync("arn", message.OrderId);
                public async Task Consume(ConsumeContext<OrderPlaced> context) => await context.Publish(new OrderPlaced(context.Message.OrderId));
            """));

        [Fact]
        public Task ApiAction_IsNotReported()
            => VerifyAsync(Class("public class OrdersController", """
                public async Task<string> Post(OrderPlaced request)
                {
                    await _sqs.SendMessageAsync("q", request.OrderId);
                    await _http.PostAsync("https://payments", new StringContent(request.OrderId));
                    return request.OrderId;
                }
            """));

        [Fact]
        public Task PrivateMethodTakingAnSqsEvent_IsNotAHandler()
            => VerifyAsync(Function("""
                private async Task Process(SQSEvent evnt) => await _sns.PublishAsync("arn", evnt.Records[0].Body);
                public Task Other(SQSEvent.SQSMessage message) => _sns.PublishAsync("arn", message.Body);
            """));

        [Fact]
        public Task HandlerWithoutEffects_IsNotReported()
            => VerifyAsync(Function("""
                public Task Handler(SQSEvent evnt)
                {
                    Console.WriteLine(evnt.Records.Count);
                    return Task.CompletedTask;
                }
            """));

        [Fact]
        public Task SyncHandler_IsReported()
            => VerifyAsync(Class("public class PlaceOrderHandler : RequestHandler<PlaceOrder>", """
                public override PlaceOrder {|#0:Handle|}(PlaceOrder command)
                {
                    {|#1:_commandProcessor.Post(new PlaceOrder())|};
                    return base.Handle(command);
                }
            """), Expect("Handle", "Brighter request handler", "Post", Publishes));

        [Fact]
        public Task EffectInABranch_IsReported()
            => VerifyAsync(Function("""
                public async Task {|#0:Handler|}(SQSEvent evnt)
                {
                    if (evnt.Records.Count > 1)
                    {
                        await {|#1:_eventBridge.PutEventsAsync(new PutEventsRequest())|};
                    }
                }
            """), Expect("Handler", "SQS Lambda handler", "PutEventsAsync", Publishes));

        [Fact]
        public Task EffectInTryFinally_IsReported()
            => VerifyAsync(Function("""
                public async Task {|#0:Handler|}(SQSEvent evnt)
                {
                    try
                    {
                        Console.WriteLine(evnt.Records.Count);
                    }
                    finally
                    {
                        await {|#1:_kinesis.PutRecordAsync(new Amazon.Kinesis.Model.PutRecordRequest())|};
                    }
                }
            """), Expect("Handler", "SQS Lambda handler", "PutRecordAsync", Publishes));

        [Fact]
        public Task EffectInALambda_IsReported()
            => VerifyAsync(Function("""
                public async Task {|#0:Handler|}(SQSEvent evnt)
                {
                    await Task.WhenAll(evnt.Records.Select(async record => await {|#1:_sns.PublishAsync("arn", record.Body)|}));
                }
            """), Expect("Handler", "SQS Lambda handler", "PublishAsync", Publishes));

        [Fact]
        public Task InboxCheckBeforeALambda_GuardsIt()
            => VerifyAsync(Function("""
                public async Task Handler(SQSEvent evnt)
                {
                    if (await _inbox.CheckAsync(evnt.Records[0].MessageId, null, default) != InboxDecision.Accepted) return;
                    await Task.WhenAll(evnt.Records.Select(async record => await _sns.PublishAsync("arn", record.Body)));
                }
            """));

        [Fact]
        public Task EffectInALocalFunction_IsReported()
            => VerifyAsync(Function("""
                public async Task {|#0:Handler|}(SQSEvent evnt)
                {
                    await ForwardAsync();

                    async Task ForwardAsync() => await {|#1:_sns.PublishAsync("arn", evnt.Records[0].Body)|};
                }
            """), Expect("Handler", "SQS Lambda handler", "PublishAsync", Publishes));

        [Fact]
        public Task InboxCheckBeforeEveryCallOfALocalFunction_GuardsIt()
            => VerifyAsync(Function("""
                public async Task Handler(SQSEvent evnt)
                {
                    if (await _inbox.CheckAsync(evnt.Records[0].MessageId, null, default) != InboxDecision.Accepted) return;
                    await ForwardAsync();

                    async Task ForwardAsync() => await _sns.PublishAsync("arn", evnt.Records[0].Body);
                }
            """));

        [Fact]
        public Task LocalFunctionCalledOnceUnguarded_IsReported()
            => VerifyAsync(Function("""
                public async Task {|#0:Handler|}(SQSEvent evnt, bool replay)
                {
                    if (replay)
                    {
                        await ForwardAsync();
                        return;
                    }

                    if (await _inbox.CheckAsync(evnt.Records[0].MessageId, null, default) != InboxDecision.Accepted) return;
                    await ForwardAsync();

                    async Task ForwardAsync() => await {|#1:_sns.PublishAsync("arn", evnt.Records[0].Body)|};
                }
            """), Expect("Handler", "SQS Lambda handler", "PublishAsync", Publishes));

        [Fact]
        public Task HelperInAnotherClass_IsFollowed()
            => VerifyAsync(WithUsings("""
                public class Notifier
                {
                    private readonly IAmazonSimpleNotificationService _sns = null!;
                    public Task NotifyAsync(string text) => {|#1:_sns.PublishAsync("arn", text)|};
                }

                public class OrderPlacedConsumer : IConsumer<OrderPlaced>
                {
                    private readonly Notifier _notifier = new();

                    public Task {|#0:Consume|}(ConsumeContext<OrderPlaced> context) => {|#2:_notifier.NotifyAsync(context.Message.OrderId)|};
                }
            """), Expect("Consume", "MassTransit consumer", "PublishAsync", Publishes, viaCall: true));

        [Fact]
        public Task TwoHazards_ReportTheFirstInSourceOrder()
            => VerifyAsync(Function("""
                public async Task {|#0:Handler|}(SQSEvent evnt)
                {
                    await {|#1:_http.PatchAsync("https://crm", new StringContent(evnt.Records[0].Body))|};
                    await _sns.PublishAsync("arn", evnt.Records[0].Body);
                }
            """), Expect("Handler", "SQS Lambda handler", "PatchAsync", CallsExternal));

        [Fact]
        public Task SeverityCanBeConfigured()
            => VerifyAsync(Function("""
                public async Task Handler(SQSEvent evnt) => await _sns.PublishAsync("arn", evnt.Records[0].Body);
            """), "dotnet_diagnostic.CH0002.severity = none");
    }
}
