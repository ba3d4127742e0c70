using Microsoft.CodeAnalysis;

namespace Consistency.Analyzers.Handlers
{
    /// <summary>What the handler catalogue knows about one handler method.</summary>
    internal readonly struct MessageHandler
    {
        public MessageHandler(HandlerKind kind, IParameterSymbol? eventParameter)
        {
            Kind = kind;
            EventParameter = eventParameter;
        }

        public HandlerKind Kind { get; }

        /// <summary>
        /// The parameter that carries the incoming event or message (the Lambda event, the consume context, the
        /// envelope, the message); null when there is none (a polling service, a declared handler without parameters).
        /// </summary>
        public IParameterSymbol? EventParameter { get; }

        /// <summary>A Lambda batch (<see cref="HandlerKindExtensions.IsBatch"/>).</summary>
        public bool IsBatch => Kind.IsBatch();

        /// <summary>A Lambda function (its event parameter is a Lambda event type).</summary>
        public bool IsLambda => Kind <= HandlerKind.LambdaEventBridge;

        /// <summary>How messages name the handler, e.g. "SQS Lambda handler", "MassTransit consumer".</summary>
        public string Description => Describe(Kind);

        public static string Describe(HandlerKind kind) => kind switch
        {
            HandlerKind.LambdaSqs => "SQS Lambda handler",
            HandlerKind.LambdaSns => "SNS Lambda handler",
            HandlerKind.LambdaKinesis => "Kinesis Lambda handler",
            HandlerKind.LambdaDynamoDbStream => "DynamoDB Streams Lambda handler",
            HandlerKind.LambdaFirehose => "Firehose Lambda handler",
            HandlerKind.LambdaEventBridge => "EventBridge Lambda handler",
            HandlerKind.MassTransit => "MassTransit consumer",
            HandlerKind.NServiceBus => "NServiceBus message handler",
            HandlerKind.Brighter => "Brighter request handler",
            HandlerKind.Cap => "CAP subscriber",
            HandlerKind.Wolverine => "Wolverine message handler",
            HandlerKind.AwsMessaging => "AWS.Messaging handler",
            HandlerKind.JustSaying => "JustSaying handler",
            HandlerKind.SqsPollingService => "SQS polling background service",
            HandlerKind.SqsPollingMethod => "SQS polling method",
            HandlerKind.Declared => "message handler",
            _ => "configured message handler",
        };
    }
}
