using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace Consistency.Runtime.Relay;

/// <summary>
/// The partial batch failure response of a Lambda function with <c>ReportBatchItemFailures</c>: Lambda retries
/// from the lowest failed sequence number, so nothing after a failure is lost.
/// </summary>
/// <param name="BatchItemFailures">The failed records; empty when all succeeded.</param>
public sealed record StreamsEventResponse(IReadOnlyList<StreamsBatchItemFailure> BatchItemFailures)
{
    /// <summary>Serialises the response as Lambda expects it: <c>{"batchItemFailures":[{"itemIdentifier":"…"}]}</c>.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes the response JSON.</summary>
    /// <param name="writer">The writer.</param>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteStartArray("batchItemFailures");
        foreach (var failure in BatchItemFailures)
        {
            writer.WriteStartObject();
            writer.WriteString("itemIdentifier", failure.ItemIdentifier);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
