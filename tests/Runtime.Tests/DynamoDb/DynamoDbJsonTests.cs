using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Consistency.Runtime.DynamoDb;

namespace Consistency.Runtime.Tests.DynamoDb;

public sealed class DynamoDbJsonTests
{
    [Fact]
    public void Every_attribute_type_round_trips()
    {
        var item = new Dictionary<string, AttributeValue>
        {
            ["s"] = new() { S = "text ✓" },
            ["n"] = new() { N = "-12.5" },
            ["b"] = new() { B = new MemoryStream([1, 2, 255]) },
            ["t"] = new() { BOOL = true },
            ["f"] = new() { BOOL = false },
            ["z"] = new() { NULL = true },
            ["ss"] = new() { SS = ["a", "b"] },
            ["ns"] = new() { NS = ["1", "2"] },
            ["bs"] = new() { BS = [new MemoryStream([7])] },
            ["m"] = new() { M = new Dictionary<string, AttributeValue> { ["inner"] = new() { L = [new() { S = "x" }, new() { N = "3" }] } } },
        };
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            DynamoDbJson.WriteItem(writer, item);
        }

        var json = Encoding.UTF8.GetString(buffer.WrittenSpan);
        using var document = JsonDocument.Parse(json);
        var back = DynamoDbJson.ReadItem(document.RootElement);

        Assert.Equal("text ✓", back["s"].S);
        Assert.Equal("-12.5", back["n"].N);
        Assert.Equal(new byte[] { 1, 2, 255 }, back["b"].B.ToArray());
        Assert.True(back["t"].BOOL);
        Assert.False(back["f"].BOOL);
        Assert.True(back["z"].NULL);
        Assert.Equal(["a", "b"], back["ss"].SS);
        Assert.Equal(["1", "2"], back["ns"].NS);
        Assert.Equal(new byte[] { 7 }, back["bs"].BS[0].ToArray());
        Assert.Equal("x", back["m"].M["inner"].L[0].S);
        Assert.Equal("3", back["m"].M["inner"].L[1].N);
        Assert.Contains("\"n\":{\"N\":\"-12.5\"}", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"a\":{\"X\":\"1\"}}")]
    [InlineData("{\"a\":{\"S\":1}}")]
    [InlineData("{\"a\":{\"S\":\"1\",\"N\":\"1\"}}")]
    [InlineData("{\"a\":{}}")]
    [InlineData("{\"a\":{\"L\":{}}}")]
    [InlineData("[]")]
    public void Malformed_values_are_format_errors(string json)
    {
        using var document = JsonDocument.Parse(json);
        Assert.Throws<FormatException>(() => DynamoDbJson.ReadItem(document.RootElement));
    }
}
