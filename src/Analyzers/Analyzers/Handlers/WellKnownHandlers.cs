using System.Collections.Immutable;

namespace Consistency.Analyzers.Handlers
{
    /// <summary>
    /// The built-in handler catalogue (RULES.md §1.2) as data: how each broker or framework declares the method it calls
    /// with at-least-once delivery. Types a compilation does not reference are skipped when the catalogue is resolved.
    /// </summary>
    internal static class WellKnownHandlers
    {
        /// <summary>Lambda event types: a public method whose first parameter is one of these (or derives from it) is a Lambda handler.</summary>
        public static ImmutableArray<(string EventType, HandlerKind Kind)> LambdaEvents { get; } = ImmutableArray.Create(
            ("Amazon.Lambda.SQSEvents.SQSEvent", HandlerKind.LambdaSqs),
            ("Amazon.Lambda.SNSEvents.SNSEvent", HandlerKind.LambdaSns),
            ("Amazon.Lambda.KinesisEvents.KinesisEvent", HandlerKind.LambdaKinesis),
            ("Amazon.Lambda.DynamoDBEvents.DynamoDBEvent", HandlerKind.LambdaDynamoDbStream),
            ("Amazon.Lambda.KinesisFirehoseEvents.KinesisFirehoseEvent", HandlerKind.LambdaFirehose),
            ("Amazon.Lambda.CloudWatchEvents.CloudWatchEvent`1", HandlerKind.LambdaEventBridge));

        /// <summary>Handler interfaces: implementations (implicit or explicit) of the method are handlers; the message is the parameter at the index.</summary>
        public static ImmutableArray<(string Interface, string Method, HandlerKind Kind, int EventParameter)> Interfaces { get; } = ImmutableArray.Create(
            ("MassTransit.IConsumer`1", "Consume", HandlerKind.MassTransit, 0),
            ("NServiceBus.IHandleMessages`1", "Handle", HandlerKind.NServiceBus, 0),
            ("AWS.Messaging.IMessageHandler`1", "HandleAsync", HandlerKind.AwsMessaging, 0),
            ("JustSaying.Messaging.MessageHandling.IHandlerAsync`1", "Handle", HandlerKind.JustSaying, 0),
            ("Paramore.Brighter.IHandleRequests`1", "Handle", HandlerKind.Brighter, 0));

        /// <summary>Handler base classes: overrides of the virtual method are handlers.</summary>
        public static ImmutableArray<(string BaseType, string Method, HandlerKind Kind, int EventParameter)> Overrides { get; } = ImmutableArray.Create(
            ("Paramore.Brighter.RequestHandler`1", "Handle", HandlerKind.Brighter, 0),
            ("Paramore.Brighter.RequestHandlerAsync`1", "HandleAsync", HandlerKind.Brighter, 0));

        /// <summary>Attributes on a method (or a method it overrides or implements) that make it a handler.</summary>
        public static ImmutableArray<(string Attribute, HandlerKind Kind)> Attributes { get; } = ImmutableArray.Create(
            ("DotNetCore.CAP.CapSubscribeAttribute", HandlerKind.Cap),
            ("Consistency.MessageHandlerAttribute", HandlerKind.Declared));

        /// <summary>
        /// Wolverine's handler discovery: public types named *Handler or *Consumer, implementing <c>IWolverineHandler</c>,
        /// deriving from <c>Saga</c> or marked <c>[WolverineHandler]</c>, unless marked <c>[WolverineIgnore]</c>; their
        /// public methods with these names (or marked <c>[WolverineHandler]</c>) handle the type of their first parameter.
        /// </summary>
        public static class Wolverine
        {
            public const string Anchor = "Wolverine.IMessageBus";
            public const string HandlerInterface = "Wolverine.IWolverineHandler";
            public const string Saga = "Wolverine.Saga";
            public const string HandlerAttribute = "Wolverine.Attributes.WolverineHandlerAttribute";
            public const string IgnoreAttribute = "Wolverine.Attributes.WolverineIgnoreAttribute";

            public static ImmutableArray<string> TypeSuffixes { get; } = ImmutableArray.Create("Handler", "Consumer");

            public static ImmutableArray<string> MethodNames { get; } = ImmutableArray.Create(
                "Handle", "HandleAsync", "Handles", "HandlesAsync", "Consume", "ConsumeAsync", "Consumes", "ConsumesAsync");
        }

        /// <summary>
        /// SQS polling: a method that receives and processes the messages, or a background service whose
        /// <c>ExecuteAsync</c> flow receives from SQS (through helpers that return what they got): the messages it got
        /// are delivered at least once.
        /// </summary>
        public static class PollingService
        {
            public const string BaseType = "Microsoft.Extensions.Hosting.BackgroundService";
            public const string Method = "ExecuteAsync";

            public static ImmutableArray<(string Client, string Method)> Receives { get; } = ImmutableArray.Create(
                ("Amazon.SQS.IAmazonSQS", "ReceiveMessage"),
                ("Amazon.SQS.IAmazonSQS", "ReceiveMessageAsync"),
                ("Amazon.SQS.AmazonSQSClient", "ReceiveMessage"),
                ("Amazon.SQS.AmazonSQSClient", "ReceiveMessageAsync"));

            /// <summary>What every receive method's name starts with: a file whose text lacks it calls none of them.</summary>
            public const string ReceiveWord = "ReceiveMessage";

            /// <summary>What a receive helper returns (the response, or its messages), which its caller then processes.</summary>
            public static ImmutableArray<string> ReceivedTypes { get; } = ImmutableArray.Create(
                "Amazon.SQS.Model.ReceiveMessageResponse",
                "Amazon.SQS.Model.Message");

            /// <summary>How many calls deep the receive is looked for from <c>ExecuteAsync</c> (helpers of the compilation).</summary>
            public const int MaxDepth = 3;
        }
    }
}
