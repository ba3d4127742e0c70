using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace Consistency.Runtime.DynamoDb;

/// <summary>
/// Reads and writes the DynamoDB JSON attribute value format (<c>{"S":"x"}</c>, <c>{"N":"1"}</c>, <c>{"M":{…}}</c> …)
/// used by DynamoDB Streams records and Lambda stream events. Reflection-free, so it is safe under trimming and AOT.
/// </summary>
public static class DynamoDbJson
{
    /// <summary>Reads an item (attribute name to typed value object).</summary>
    /// <exception cref="FormatException">The element is not a DynamoDB JSON item.</exception>
    public static Dictionary<string, AttributeValue> ReadItem(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"A DynamoDB item must be a JSON object, not {element.ValueKind}.");
        }

        var item = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            item[property.Name] = ReadValue(property.Value);
        }

        return item;
    }

    /// <summary>Reads one typed attribute value object.</summary>
    /// <exception cref="FormatException">The element is not a DynamoDB JSON attribute value.</exception>
    public static AttributeValue ReadValue(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"A DynamoDB attribute value must be a JSON object, not {element.ValueKind}.");
        }

        using var properties = element.EnumerateObject();
        if (!properties.MoveNext())
        {
            throw new FormatException("A DynamoDB attribute value must have exactly one type descriptor.");
        }

        var typed = properties.Current;
        if (properties.MoveNext())
        {
            throw new FormatException("A DynamoDB attribute value must have exactly one type descriptor.");
        }

        var value = typed.Value;
        return typed.Name switch
        {
            "S" => new AttributeValue { S = RequireString(value, "S") },
            "N" => new AttributeValue { N = RequireString(value, "N") },
            "B" => new AttributeValue { B = new MemoryStream(ReadBase64(value)) },
            "BOOL" => new AttributeValue { BOOL = value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw new FormatException("BOOL must be true or false."),
            } },
            "NULL" => new AttributeValue { NULL = true },
            "SS" => new AttributeValue { SS = ReadStrings(value, "SS") },
            "NS" => new AttributeValue { NS = ReadStrings(value, "NS") },
            "BS" => new AttributeValue { BS = ReadBinaries(value) },
            "M" => new AttributeValue { M = ReadItem(value) },
            "L" => new AttributeValue { L = ReadList(value) },
            _ => throw new FormatException($"Unknown DynamoDB type descriptor '{typed.Name}'."),
        };
    }

    /// <summary>Writes an item as DynamoDB JSON.</summary>
    public static void WriteItem(Utf8JsonWriter writer, IReadOnlyDictionary<string, AttributeValue> item)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(item);
        writer.WriteStartObject();
        foreach (var pair in item)
        {
            writer.WritePropertyName(pair.Key);
            WriteValue(writer, pair.Value);
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes one attribute value as DynamoDB JSON.</summary>
    public static void WriteValue(Utf8JsonWriter writer, AttributeValue value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        if (value.S is not null)
        {
            writer.WriteString("S", value.S);
        }
        else if (value.N is not null)
        {
            writer.WriteString("N", value.N);
        }
        else if (value.B is not null)
        {
            writer.WriteBase64String("B", value.B.ToArray());
        }
        else if (value.BOOL is { } flag)
        {
            writer.WriteBoolean("BOOL", flag);
        }
        else if (value.M is not null)
        {
            writer.WritePropertyName("M");
            WriteItem(writer, value.M);
        }
        else if (value.L is not null)
        {
            writer.WriteStartArray("L");
            foreach (var element in value.L)
            {
                WriteValue(writer, element);
            }

            writer.WriteEndArray();
        }
        else if (value.SS is not null)
        {
            WriteStrings(writer, "SS", value.SS);
        }
        else if (value.NS is not null)
        {
            WriteStrings(writer, "NS", value.NS);
        }
        else if (value.BS is not null)
        {
            writer.WriteStartArray("BS");
            foreach (var binary in value.BS)
            {
                writer.WriteBase64StringValue(binary.ToArray());
            }

            writer.WriteEndArray();
        }
        else
        {
            writer.WriteBoolean("NULL", true);
        }

        writer.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, List<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static string RequireString(JsonElement value, string descriptor) =>
        value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new FormatException($"{descriptor} must hold a JSON string, not {value.ValueKind}.");

    private static byte[] ReadBase64(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && value.TryGetBytesFromBase64(out var bytes)
            ? bytes
            : throw new FormatException("B must hold a base64 string.");

    private static List<string> ReadStrings(JsonElement value, string descriptor)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"{descriptor} must hold a JSON array.");
        }

        var list = new List<string>(value.GetArrayLength());
        foreach (var element in value.EnumerateArray())
        {
            list.Add(RequireString(element, descriptor));
        }

        return list;
    }

    private static List<MemoryStream> ReadBinaries(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("BS must hold a JSON array.");
        }

        var list = new List<MemoryStream>(value.GetArrayLength());
        foreach (var element in value.EnumerateArray())
        {
            list.Add(new MemoryStream(ReadBase64(element)));
        }

        return list;
    }

    private static List<AttributeValue> ReadList(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("L must hold a JSON array.");
        }

        var list = new List<AttributeValue>(value.GetArrayLength());
        foreach (var element in value.EnumerateArray())
        {
            list.Add(ReadValue(element));
        }

        return list;
    }
}
