using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Consistency.Runtime.Streams;

namespace Consistency.Runtime.Relay;

/// <summary>
/// The relay as a Lambda function on the outbox table's stream: give it the DynamoDB stream event and return its
/// response (configure the event source mapping with <c>FunctionResponseTypes: ReportBatchItemFailures</c>).
/// </summary>
public sealed class OutboxStreamLambdaHandler
{
    private readonly OutboxRelay _relay;

    /// <summary>Creates the handler.</summary>
    /// <param name="relay">The relay that publishes.</param>
    public OutboxStreamLambdaHandler(OutboxRelay relay)
    {
        ArgumentNullException.ThrowIfNull(relay);
        _relay = relay;
    }

    /// <summary>Handles a stream event read from <paramref name="eventJson"/> (the Lambda payload stream).</summary>
    /// <param name="eventJson">The DynamoDB stream event JSON.</param>
    /// <param name="cancellationToken">Stop before the function's timeout; the whole batch is then retried.</param>
    /// <returns>The partial batch failure response.</returns>
    public async Task<StreamsEventResponse> HandleAsync(Stream eventJson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eventJson);
        using var document = await JsonDocument.ParseAsync(eventJson, default, cancellationToken).ConfigureAwait(false);
        return await HandleAsync(document.RootElement, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Handles a stream event given as JSON text.</summary>
    /// <param name="eventJson">The DynamoDB stream event JSON.</param>
    /// <param name="cancellationToken">Cancels the handling.</param>
    /// <returns>The partial batch failure response.</returns>
    public async Task<StreamsEventResponse> HandleAsync(string eventJson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eventJson);
        using var document = JsonDocument.Parse(eventJson);
        return await HandleAsync(document.RootElement, cancellationToken).ConfigureAwait(false);
    }

    private async Task<StreamsEventResponse> HandleAsync(JsonElement root, CancellationToken cancellationToken)
    {
        var records = ChangeRecordJson.ReadRecords(root).Select(RelayRecord.FromChangeRecord).ToList();
        var result = await _relay.ProcessAsync(records, cancellationToken).ConfigureAwait(false);
        if (result.FailedRecordIndexes.Any(i => records[i].Id is null))
        {
            // A failed record without a sequence number cannot be reported; failing the invocation retries the batch.
            throw new InvalidOperationException("A stream record without a sequence number could neither be read nor dead-lettered; the batch is retried.");
        }

        return new StreamsEventResponse(result.FailedRecordIds.Select(id => new StreamsBatchItemFailure(id)).ToList());
    }
}
