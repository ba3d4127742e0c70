using System.Linq;
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
            using Amazon.Lambda.DynamoDBEvents;
            using Amazon.Lambda.KinesisEvents;
            using Amazon.Lambda.SNSEvents;
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

        private const string Handler = "private readonly Consistency.Runtime.Idempotency.IdempotencyHandler _idempotency = null!;";

        /// <summary>A JSON context of the handler's project listing <paramref name="types"/>.</summary>
        private static string Json(params string[] types)
            => "\n" + string.Concat(types.Select(t => "[System.Text.Json.Serialization.JsonSerializable(typeof(" + t + "))]\n"))
                + "internal partial class HandlerJson : System.Text.Json.Serialization.JsonSerializerContext\n{\n}\n";

        /// <summary>Fix (a) with the idempotency and System.Text.Json generators on: the fixed code builds with no CH01xx and no error.</summary>
        private static Task VerifyBuildsAsync(string source, string fixedSource, DiagnosticResult[] expected)
        {
            var test = new VerifyFix.Test
            {
                TestCode = Header + source,
                FixedCode = Header + fixedSource,
                ReferenceAssemblies = References,
                CodeActionEquivalenceKey = NonIdempotentHandlerFixer.IdempotentKey,
                SourceGenerators = { new Consistency.Generators.Idempotency.IdempotentGenerator(), Consistency.Testing.Generators.SdkGenerators.SystemTextJson() },
            };
            test.ExpectedDiagnostics.AddRange(expected);
            if (source == fixedSource)
            {
                test.FixedState.ExpectedDiagnostics.AddRange(expected);
            }

            return test.RunAsync(CancellationToken.None);
        }

        private static DiagnosticResult At(int handler, int effect, string name, string kind, string operation)
            => VerifyFix.Diagnostic().WithLocation(handler).WithLocation(effect).WithArguments(name, kind, operation, Publishes);

        [Fact]
        public Task Idempotent_OnAMassTransitConsumer_IsNotOffered()
        {
            // The generator reads keys from the parameter or its own members, not from the message inside
            // ConsumeContext<T>; without a key it hashes the parameter, and an interface has no JSON metadata to add.
            const string source = """
                public class OrderPlacedConsumer : IConsumer<ShipOrder>
                {
                    private readonly IAmazonSimpleNotificationService _sns = null!;
                    private readonly Consistency.Runtime.Idempotency.IdempotencyHandler _idempotency = null!;

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
                """ + "\n[System.Text.Json.Serialization.JsonSerializable(typeof(ShipOrder))]\ninternal partial class HandlerJson : System.Text.Json.Serialization.JsonSerializerContext\n{\n}\n";
            return VerifyBuildsAsync(source, source, new[] { At(0, 1, "Consume", "MassTransit consumer", "PublishAsync") });
        }

        [Theory]
        [InlineData("", "", "no IdempotencyHandler member")]
        [InlineData(" : Base", "public class Base { private readonly Consistency.Runtime.Idempotency.IdempotencyHandler _idempotency = null!; }", "the base's handler is private")]
        [InlineData(" : Base", "public class Base { protected Consistency.Runtime.Idempotency.IdempotencyHandler Idempotency { get; } = null!; public string OnMessageIdempotentAsync() => \"\"; }", "the wrapper's name is taken")]
        public Task Idempotent_WhereTheGeneratorWouldFail_IsNotOffered(string baseList, string baseType, string reason)
        {
            _ = reason;
            string source = $$"""
                public class Functions{{baseList}}
                {
                    private readonly IAmazonSimpleNotificationService _sns = null!;

                    [MessageHandler]
                    public async Task {|#0:OnMessage|}(string messageId, string body) => await {|#1:_sns.PublishAsync("arn", body)|};
                }

                {{baseType}}
                """ + Json("string");
            return VerifyBuildsAsync(source, source, new[] { At(0, 1, "OnMessage", "message handler", "PublishAsync") });
        }

        [Fact]
        public Task Idempotent_OnANestedHandler_MakesEveryContainingTypePartial_KeysTheParameter_AndAddsTheHashedTypeToTheJsonContext()
            => VerifyBuildsAsync("""
                public static class Handlers
                {
                    public class Inbound
                    {
                        private readonly IAmazonSimpleNotificationService _sns = null!;
                        private readonly Consistency.Runtime.Idempotency.IdempotencyHandler _idempotency = null!;

                        [MessageHandler]
                        public async Task {|#0:OnMessage|}(string messageId, string body) => await {|#1:_sns.PublishAsync("arn", body)|};
                    }
                }
                """ + Json("int"), """
                public static partial class Handlers
                {
                    public partial class Inbound
                    {
                        private readonly IAmazonSimpleNotificationService _sns = null!;
                        private readonly Consistency.Runtime.Idempotency.IdempotencyHandler _idempotency = null!;

                        [MessageHandler]
                        [Idempotent("inbound.on-message")]
                        public async Task OnMessage([IdempotencyKey] string messageId, string body) => await _sns.PublishAsync("arn", body);
                    }
                }
                """ + Json("int", "string"), new[] { At(0, 1, "OnMessage", "message handler", "PublishAsync") });

        [Fact]
        public Task Idempotent_WithAResult_AddsTheResultAndThePayloadToTheJsonContext()
            => VerifyBuildsAsync("""
                public class Functions
                {
                    private readonly IAmazonSimpleNotificationService _sns = null!;
                    private readonly Consistency.Runtime.Idempotency.IdempotencyHandler _idempotency = null!;

                    [MessageHandler]
                    public async Task<bool> {|#0:OnMessage|}(string messageId, string body, CancellationToken cancellationToken)
                    {
                        await {|#1:_sns.PublishAsync("arn", body, cancellationToken)|};
                        return true;
                    }
                }
                """ + Json("int"), """
                public partial class Functions
                {
                    private readonly IAmazonSimpleNotificationService _sns = null!;
                    private readonly Consistency.Runtime.Idempotency.IdempotencyHandler _idempotency = null!;

                    [MessageHandler]
                    [Idempotent("functions.on-message")]
                    public async Task<bool> OnMessage([IdempotencyKey] string messageId, string body, CancellationToken cancellationToken)
                    {
                        await _sns.PublishAsync("arn", body, cancellationToken);
                        return true;
                    }
                }
                """ + Json("int", "bool", "string"), new[] { At(0, 1, "OnMessage", "message handler", "PublishAsync") });

        [Fact]
        public Task Idempotent_OnAStaticHandler_WithOnlyAnInstanceIdempotencyHandler_IsNotOffered()
        {
            // A static wrapper cannot call an instance member (the generator's FindHandler, CH0104).
            const string source = """
                public class Functions
                {
                    private static readonly IAmazonSimpleNotificationService Sns = null!;
                    private readonly Consistency.Runtime.Idempotency.IdempotencyHandler _idempotency = null!;

                    [MessageHandler]
                    public static async Task {|#0:OnMessage|}(string messageId, string body) => await {|#1:Sns.PublishAsync("arn", body)|};
                }
                """ + "\n[System.Text.Json.Serialization.JsonSerializable(typeof(string))]\ninternal partial class HandlerJson : System.Text.Json.Serialization.JsonSerializerContext\n{\n}\n";
            return VerifyBuildsAsync(source, source, new[] { At(0, 1, "OnMessage", "message handler", "PublishAsync") });
        }

        [Fact]
        public Task Idempotent_FixAll_MakesTheTypePartialOnce_AndListsTheHashedEventOnce()
            => VerifyBuildsAsync("""
                public class Functions
                {
                    private readonly IAmazonSimpleNotificationService _sns = null!;
                    private static readonly Consistency.Runtime.Idempotency.IdempotencyHandler Idempotency = null!;

                    public async Task {|#0:First|}(SNSEvent evnt) => await {|#1:_sns.PublishAsync("arn", evnt.Records[0].Sns.Message)|};

                    public async Task {|#2:Second|}(SNSEvent evnt) => await {|#3:_sns.PublishAsync("arn", evnt.Records[0].Sns.Message)|};
                }
                """ + Json("int"), """
                public partial class Functions
                {
                    private readonly IAmazonSimpleNotificationService _sns = null!;
                    private static readonly Consistency.Runtime.Idempotency.IdempotencyHandler Idempotency = null!;

                    [Idempotent("functions.first")]
                    public async Task First(SNSEvent evnt) => await _sns.PublishAsync("arn", evnt.Records[0].Sns.Message);

                    [Idempotent("functions.second")]
                    public async Task Second(SNSEvent evnt) => await _sns.PublishAsync("arn", evnt.Records[0].Sns.Message);
                }
                """ + Json("int", "SNSEvent"), new[] { At(0, 1, "First", "SNS Lambda handler", "PublishAsync"), At(2, 3, "Second", "SNS Lambda handler", "PublishAsync") });

        [Theory]
        [InlineData("SQSEvent", "SQS Lambda handler")]
        [InlineData("KinesisEvent", "Kinesis Lambda handler")]
        [InlineData("DynamoDBEvent", "DynamoDB Streams Lambda handler")]
        public Task Idempotent_OnALambdaBatch_IsNotOffered(string eventType, string kind)
        {
            // A message delivered again comes in another batch: a key for the whole batch would not recognise it.
            string source = """
                public class Functions
                {
                    private readonly IAmazonSimpleNotificationService _sns = null!;
                    private static readonly Consistency.Runtime.Idempotency.IdempotencyHandler Idempotency = null!;

                    public async Task {|#0:Handle|}(EVENT evnt) => await {|#1:_sns.PublishAsync("arn", "batch of " + evnt.Records.Count)|};
                }
                """.Replace("EVENT", eventType) + Json("int", eventType);
            return VerifyBuildsAsync(source, source, new[] { At(0, 1, "Handle", kind, "PublishAsync") });
        }

        [Fact]
        public Task Idempotent_OnAPollingMethod_IsNotOffered()
        {
            // A key from the queue URL would be the same on every poll: the worker would stop after its first one.
            string source = """
                public class Poller
                {
                    private readonly Amazon.SQS.IAmazonSQS _sqs = null!;
                    private readonly IAmazonSimpleNotificationService _sns = null!;
                    private readonly Consistency.Runtime.Idempotency.IdempotencyHandler _idempotency = null!;

                    public async Task {|#0:PollOnce|}(string queueUrl, CancellationToken cancellationToken)
                    {
                        var response = await _sqs.ReceiveMessageAsync(queueUrl, cancellationToken);
                        foreach (var message in response.Messages!)
                        {
                            await {|#1:_sns.PublishAsync("arn", message.Body!)|};
                        }
                    }
                }
                """ + Json("string");
            return VerifyBuildsAsync(source, source, new[] { At(0, 1, "PollOnce", "SQS polling method", "PublishAsync") });
        }

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
