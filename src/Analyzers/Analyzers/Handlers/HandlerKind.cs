namespace Consistency.Analyzers.Handlers
{
    /// <summary>Which broker or framework calls a message handler (RULES.md §1.2).</summary>
    internal enum HandlerKind
    {
        /// <summary>A Lambda function triggered by an SQS queue (<c>SQSEvent</c>): a batch.</summary>
        LambdaSqs,

        /// <summary>A Lambda function subscribed to an SNS topic (<c>SNSEvent</c>).</summary>
        LambdaSns,

        /// <summary>A Lambda function reading a Kinesis stream (<c>KinesisEvent</c>): a batch.</summary>
        LambdaKinesis,

        /// <summary>A Lambda function reading a DynamoDB stream (<c>DynamoDBEvent</c>): a batch.</summary>
        LambdaDynamoDbStream,

        /// <summary>A Kinesis Data Firehose transformation Lambda (<c>KinesisFirehoseEvent</c>).</summary>
        LambdaFirehose,

        /// <summary>A Lambda function targeted by an EventBridge rule (<c>CloudWatchEvent&lt;T&gt;</c>).</summary>
        LambdaEventBridge,

        /// <summary>MassTransit <c>IConsumer&lt;T&gt;.Consume</c>.</summary>
        MassTransit,

        /// <summary>NServiceBus <c>IHandleMessages&lt;T&gt;.Handle</c>.</summary>
        NServiceBus,

        /// <summary>Brighter <c>RequestHandler&lt;T&gt;.Handle</c> or <c>RequestHandlerAsync&lt;T&gt;.HandleAsync</c> override.</summary>
        Brighter,

        /// <summary>A CAP subscriber (<c>[CapSubscribe]</c>).</summary>
        Cap,

        /// <summary>A Wolverine handler found by Wolverine's discovery conventions.</summary>
        Wolverine,

        /// <summary>AWS.Messaging <c>IMessageHandler&lt;T&gt;.HandleAsync</c>.</summary>
        AwsMessaging,

        /// <summary>JustSaying <c>IHandlerAsync&lt;T&gt;.Handle</c>.</summary>
        JustSaying,

        /// <summary>A <c>BackgroundService.ExecuteAsync</c> that receives SQS messages and processes them.</summary>
        SqsPollingService,

        /// <summary>A method that receives SQS messages itself (not a helper that returns them) and processes them.</summary>
        SqsPollingMethod,

        /// <summary>A method marked <c>[Consistency.MessageHandler]</c>.</summary>
        Declared,

        /// <summary>A method listed in <c>consistency.handler_methods</c>.</summary>
        Configured,
    }
}
