namespace Consistency.Analyzers.Handlers
{
    /// <summary>What a handler kind says about the deliveries its handler gets, for the rules and the fixes alike.</summary>
    internal static class HandlerKindExtensions
    {
        /// <summary>
        /// The Lambda event carries many records that the function must settle one by one (SQS, Kinesis, DynamoDB
        /// Streams): one failing record fails, or blocks, the whole batch unless partial batch failure is reported; and a
        /// record delivered again comes in another batch.
        /// </summary>
        public static bool IsBatch(this HandlerKind kind) => kind is HandlerKind.LambdaSqs or HandlerKind.LambdaKinesis or HandlerKind.LambdaDynamoDbStream;

        /// <summary>The handler polls the queue itself: its parameters name no message, the messages are what it receives.</summary>
        public static bool IsPolling(this HandlerKind kind) => kind is HandlerKind.SqsPollingService or HandlerKind.SqsPollingMethod;
    }
}
