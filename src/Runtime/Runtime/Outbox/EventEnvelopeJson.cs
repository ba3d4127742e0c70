using System;
using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Consistency.Runtime.Outbox;

/// <summary>
/// Renders an <see cref="EventEnvelope"/> as a structured CloudEvents 1.0 JSON message (the body publishers send) and
/// reads it back. Extension attributes: <c>aggregatekey</c>, <c>eventversion</c>, <c>causationid</c>,
/// <c>correlationid</c>; <c>subject</c> repeats the aggregate key for routing rules.
/// </summary>
public static class EventEnvelopeJson
{
    /// <summary>The CloudEvents <c>source</c> used when none is given.</summary>
    public const string DefaultSource = "urn:consistency:outbox";

    /// <summary>Serialises <paramref name="envelope"/> as a CloudEvents JSON string.</summary>
    /// <param name="envelope">The envelope.</param>
    /// <param name="source">The CloudEvents source (the producing service).</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(EventEnvelope envelope, string source = DefaultSource)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + envelope.Payload.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, envelope, source);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes <paramref name="envelope"/> as a CloudEvents JSON object.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="envelope">The envelope.</param>
    /// <param name="source">The CloudEvents source.</param>
    public static void Write(Utf8JsonWriter writer, EventEnvelope envelope, string source = DefaultSource)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(envelope);
        writer.WriteStartObject();
        writer.WriteString("specversion", "1.0");
        writer.WriteString("id", envelope.EventId);
        writer.WriteString("source", source);
        writer.WriteString("type", envelope.TypeName);
        writer.WriteString("subject", envelope.AggregateKey);
        writer.WriteString("time", envelope.OccurredAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        writer.WriteString("datacontenttype", "application/json");
        writer.WriteString("aggregatekey", envelope.AggregateKey);
        writer.WriteNumber("eventversion", envelope.Version);
        if (envelope.CausationId is not null)
        {
            writer.WriteString("causationid", envelope.CausationId);
        }

        if (envelope.CorrelationId is not null)
        {
            writer.WriteString("correlationid", envelope.CorrelationId);
        }

        writer.WritePropertyName("data");
        writer.WriteRawValue(envelope.Payload);
        writer.WriteEndObject();
    }

    /// <summary>Reads an envelope written by <see cref="Serialize"/>.</summary>
    /// <param name="json">The CloudEvents JSON text.</param>
    /// <returns>The envelope.</returns>
    /// <exception cref="FormatException">Required attributes are missing or malformed.</exception>
    public static EventEnvelope Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var version = root.TryGetProperty("eventversion", out var v) && v.TryGetInt32(out var parsed) ? parsed : 1;
            return new EventEnvelope(
                Required(root, "id"),
                Required(root, "type"),
                version,
                Optional(root, "aggregatekey") ?? Required(root, "subject"),
                DateTimeOffset.Parse(Required(root, "time"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                root.TryGetProperty("data", out var data) ? data.GetRawText() : "null",
                Optional(root, "causationid"),
                Optional(root, "correlationid"));
        }
        catch (JsonException exception)
        {
            throw new FormatException("The message is not CloudEvents JSON.", exception);
        }
    }

    private static string Required(JsonElement root, string name) =>
        Optional(root, name) ?? throw new FormatException($"The CloudEvents attribute '{name}' is missing.");

    private static string? Optional(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
