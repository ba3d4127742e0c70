using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Lambda.Core;
using Consistency.Runtime.Relay;

namespace OrderService.Relay
{
    /// <summary>
    /// The Lambda function on the orders table's stream (it replaces the before sample's OrderStreamForwarder): the
    /// runtime's relay publishes every outbox event at least once, in order per order, and answers with the records to
    /// retry (partial batch failure; configure <c>FunctionResponseTypes: ReportBatchItemFailures</c>, bisect on error
    /// and a maximum retry count on the event source mapping). Business items in the table are skipped.
    /// </summary>
    public sealed class OutboxRelayFunction
    {
        private readonly OutboxStreamLambdaHandler handler;

        public OutboxRelayFunction(IOutboxPublisher publisher, IDeadLetterSink? deadLetters = null, RelayOptions? options = null)
            => handler = new OutboxStreamLambdaHandler(new OutboxRelay(publisher, deadLetters, options));

        /// <summary>The function's entry point: the stream event as the raw payload stream.</summary>
        public async Task<StreamsEventResponse> FunctionHandler(Stream input, ILambdaContext context)
        {
            using var timeout = Handlers.LambdaTimeout.For(context);
            return await HandleAsync(input, timeout.Token);
        }

        /// <summary>Handles one stream event; a canceled call publishes nothing more and the whole batch is retried.</summary>
        public Task<StreamsEventResponse> HandleAsync(Stream input, CancellationToken cancellationToken)
            => handler.HandleAsync(input, cancellationToken);
    }
}
