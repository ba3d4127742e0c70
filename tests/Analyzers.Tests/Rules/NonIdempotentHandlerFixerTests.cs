using System.Threading;
using System.Threading.Tasks;
using Consistency.CodeFixes.Rules;
using Consistency.Testing;
using static Consistency.Analyzers.Tests.Rules.NonIdempotentHandlerTestSources;
using VerifyFix = Consistency.Testing.Verifiers.CSharpCodeFixVerifier<Consistency.Analyzers.Rules.NonIdempotentHandlerAnalyzer, Consistency.CodeFixes.Rules.NonIdempotentHandlerFixer>;

namespace Consistency.Analyzers.Tests.Rules
{
    /// <summary>The two CH0002 fixes, one handler and Fix All; fixed code compiles with no diagnostic left.</summary>
    public class NonIdempotentHandlerFixerTests
    {
        private const string Header = """
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Amazon.Lambda.SQSEvents;
            using Amazon.SimpleNotificationService;
            using Consistency;
            using Consistency.Runtime.Inbox;
            using MassTransit;
            using NServiceBus;

            """;

        private static Task VerifyAsync(string source, string fixedSource, string key, DiagnosticResult[] expected, string? batchFixed = null)
        {
            var test = new VerifyFix.Test
            {
                TestCode = Header + source,
                FixedCode = Header + fixedSource,
                ReferenceAssemblies = References,
                CodeActionEquivalenceKey = key,
            };
            if (batchFixed is not null)
            {
                test.BatchFixedCode = Header + batchFixed;
            }

            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        private static DiagnosticResult At(int handler, int effect, string name, string kind, string operation)
            => VerifyFix.Diagnostic().WithLocation(handler).WithLocation(effect).WithArguments(name, kind, operation, Publishes);

        [Fact]
        public Task Idempotent_OnAConsumer_WithKeyOnTheMessageId()
            => VerifyAsync("""
                public class OrderPlacedConsumer : IConsumer<ShipOrder>
                {
                    private readonly IAmazonSimpleNotificationService _sns = null!;

                    public async Task {|#0:Consume|}(ConsumeContext<ShipOrder> context)
                    {
                        await {|#1:_sns.PublishAsync("arn", context.Message.OrderId)|};
                    }
                }

                public class ShipOrder
                {
                    public string Id { get; set; } = "";

                    public string OrderId { get; set; } = "";
                }
                """, """
                public partial class OrderPlacedConsumer : IConsumer<ShipOrder>
                {
                    private readonly IAmazonSimpleNotificationService _sns = null!;

                    [Idempotent("order-placed-consumer.consume")]
                    public async Task Consume(ConsumeContext<ShipOrder> context)
                    {
                        await _sns.PublishAsync("arn", context.Message.OrderId);
                    }
                }

                public class ShipOrder
                {
                    [IdempotencyKey]
                    public string Id { get; set; } = "";

                    public string OrderId { get; set; } = "";
                }
                """, NonIdempotentHandlerFixer.IdempotentKey, new[] { At(0, 1, "Consume", "MassTransit consumer", "PublishAsync") });

        [Fact]
        public Task Idempotent_OnANestedHandler_MakesEveryContainingTypePartial_AndKeysTheParameter()
            => VerifyAsync("""
                public static class Handlers
                {
                    public class Inbound
                    {
                        private readonly IAmazonSimpleNotificationService _sns = null!;

                        [MessageHandler]
                        public async Task {|#0:OnMessage|}(string messageId, string body) => await {|#1:_sns.PublishAsync("arn", body)|};
                    }
                }
                """, """
                public static partial class Handlers
                {
                    public partial class Inbound
                    {
                        private readonly IAmazonSimpleNotificationService _sns = null!;

                        [MessageHandler]
                        [Idempotent("inbound.on-message")]
                        public async Task OnMessage([IdempotencyKey] string messageId, string body) => await _sns.PublishAsync("arn", body);
                    }
                }
                """, NonIdempotentHandlerFixer.IdempotentKey, new[] { At(0, 1, "OnMessage", "message handler", "PublishAsync") });

        [Fact]
        public Task Idempotent_FixAll_MakesTheTypePartialOnce()
            => VerifyAsync("""
                public class Functions
                {
                    private readonly IAmazonSimpleNotificationService _sns = null!;

                    public async Task {|#0:First|}(SQSEvent evnt) => await {|#1:_sns.PublishAsync("arn", evnt.Records[0].Body)|};

                    public async Task {|#2:Second|}(SQSEvent evnt) => await {|#3:_sns.PublishAsync("arn", evnt.Records[0].Body)|};
                }
                """, """
                public partial class Functions
                {
                    private readonly IAmazonSimpleNotificationService _sns = null!;

                    [Idempotent("functions.first")]
                    public async Task First(SQSEvent evnt) => await _sns.PublishAsync("arn", evnt.Records[0].Body);

                    [Idempotent("functions.second")]
                    public async Task Second(SQSEvent evnt) => await _sns.PublishAsync("arn", evnt.Records[0].Body);
                }
                """, NonIdempotentHandlerFixer.IdempotentKey, new[] { At(0, 1, "First", "SQS Lambda handler", "PublishAsync"), At(2, 3, "Second", "SQS Lambda handler", "PublishAsync") });

        [Fact]
        public Task Inbox_OnAConsumer()
            => VerifyAsync("""
                public class OrderPlacedConsumer : IConsumer<ShipOrder>
                {
                    private readonly IAmazonSimpleNotificationService _sns = null!;
                    private readonly IInbox _inbox = null!;

                    public async Task {|#0:Consume|}(ConsumeContext<ShipOrder> context)
                    {
                        await {|#1:_sns.PublishAsync("arn", context.Message.OrderId)|};
                    }
                }

                public class ShipOrder
                {
                    public string OrderId { get; set; } = "";
                }
                """, """
                public class OrderPlacedConsumer : IConsumer<ShipOrder>
                {
                    private readonly IAmazonSimpleNotificationService _sns = null!;
                    private readonly IInbox _inbox = null!;

                    public async Task Consume(ConsumeContext<ShipOrder> context)
                    {
                        if (await _inbox.CheckAsync(context.MessageId.ToString(), null, context.CancellationToken) != InboxDecision.Accepted)
                        {
                            return;
                        }

                        await _sns.PublishAsync("arn", context.Message.OrderId);
                        await _inbox.TryMarkProcessedAsync(context.MessageId.ToString(), null, context.CancellationToken);
                    }
                }

                public class ShipOrder
                {
                    public string OrderId { get; set; } = "";
                }
                """, NonIdempotentHandlerFixer.InboxKey, new[] { At(0, 1, "Consume", "MassTransit consumer", "PublishAsync") });

        [Fact]
        public Task Inbox_OnExpressionBodiedHandlers_FixAll()
            => VerifyAsync("""
                public class OrderPlacedHandler : IHandleMessages<ShipOrder>, IHandleMessages<CancelOrder>
                {
                    private readonly IAmazonSimpleNotificationService _sns = null!;
                    private IInbox Inbox { get; } = null!;

                    public Task {|#0:Handle|}(ShipOrder message, IMessageHandlerContext context) => {|#1:_sns.PublishAsync("arn", message.OrderId)|};

                    public async Task {|#2:Handle|}(CancelOrder message, IMessageHandlerContext context) => await {|#3:_sns.PublishAsync("arn", message.OrderId)|};
                }

                public class ShipOrder { public string OrderId { get; set; } = ""; }

                public class CancelOrder { public string OrderId { get; set; } = ""; }
                """, """
                public class OrderPlacedHandler : IHandleMessages<ShipOrder>, IHandleMessages<CancelOrder>
                {
                    private readonly IAmazonSimpleNotificationService _sns = null!;
                    private IInbox Inbox { get; } = null!;

                    public async Task Handle(ShipOrder message, IMessageHandlerContext context)
                    {
                        if (await Inbox.CheckAsync(context.MessageId, null, context.CancellationToken) != InboxDecision.Accepted)
                        {
                            return;
                        }

                        await _sns.PublishAsync("arn", message.OrderId);
                        await Inbox.TryMarkProcessedAsync(context.MessageId, null, context.CancellationToken);
                    }

                    public async Task Handle(CancelOrder message, IMessageHandlerContext context)
                    {
                        if (await Inbox.CheckAsync(context.MessageId, null, context.CancellationToken) != InboxDecision.Accepted)
                        {
                            return;
                        }

                        await _sns.PublishAsync("arn", message.OrderId);
                        await Inbox.TryMarkProcessedAsync(context.MessageId, null, context.CancellationToken);
                    }
                }

                public class ShipOrder { public string OrderId { get; set; } = ""; }

                public class CancelOrder { public string OrderId { get; set; } = ""; }
                """, NonIdempotentHandlerFixer.InboxKey, new[] { At(0, 1, "Handle", "NServiceBus message handler", "PublishAsync"), At(2, 3, "Handle", "NServiceBus message handler", "PublishAsync") });
    }
}
