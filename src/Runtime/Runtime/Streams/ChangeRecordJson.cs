using System;
using System.Collections.Generic;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Consistency.Runtime.DynamoDb;

namespace Consistency.Runtime.Streams;

/// <summary>
/// Reads stream records from JSON (the <c>Records</c> of a Lambda DynamoDB event or of a <c>GetRecords</c> answer).
/// A record that cannot be read becomes a <see cref="ChangeRecord"/> with an <see cref="ChangeRecord.Error"/>, so one
/// bad record never hides the others.
/// </summary>
public static class ChangeRecordJson
{
    /// <summary>Reads the <c>Records</c> array of a stream event or <c>GetRecords</c> answer.</summary>
    /// <param name="root">The event object.</param>
    /// <returns>The records in order.</returns>
    /// <exception cref="FormatException">There is no <c>Records</c> array.</exception>
    public static List<ChangeRecord> ReadRecords(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("Records", out var records) || records.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("The event has no 'Records' array.");
        }

        var result = new List<ChangeRecord>(records.GetArrayLength());
        foreach (var record in records.EnumerateArray())
        {
            result.Add(Read(record));
        }

        return result;
    }

    /// <summary>Reads one record.</summary>
    /// <param name="record">The record object.</param>
    /// <returns>The record, or its error.</returns>
    public static ChangeRecord Read(JsonElement record)
    {
        var raw = record.GetRawText();
        string? sequenceNumber = null;
        string? eventName = null;
        try
        {
            if (record.ValueKind != JsonValueKind.Object)
            {
                return new ChangeRecord(null, null, null, raw, "A stream record must be a JSON object.");
            }

            eventName = record.TryGetProperty("eventName", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null;
            if (!record.TryGetProperty("dynamodb", out var change) || change.ValueKind != JsonValueKind.Object)
            {
                return new ChangeRecord(null, eventName, null, raw, "The stream record has no 'dynamodb' object.");
            }

            sequenceNumber = change.TryGetProperty("SequenceNumber", out var sequence) && sequence.ValueKind == JsonValueKind.String ? sequence.GetString() : null;
            if (string.IsNullOrEmpty(sequenceNumber))
            {
                return new ChangeRecord(null, eventName, null, raw, "The stream record has no 'SequenceNumber'.");
            }

            if (eventName is null)
            {
                return new ChangeRecord(sequenceNumber, null, null, raw, "The stream record has no 'eventName'.");
            }

            Dictionary<string, AttributeValue>? newImage = null;
            if (change.TryGetProperty("NewImage", out var image))
            {
                newImage = DynamoDbJson.ReadItem(image);
            }

            return new ChangeRecord(sequenceNumber, eventName, newImage, raw, null);
        }
        catch (FormatException exception)
        {
            return new ChangeRecord(sequenceNumber, eventName, null, raw, "The stream record's image is malformed: " + exception.Message);
        }
    }
}
