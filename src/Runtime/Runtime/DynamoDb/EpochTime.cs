using System;
using System.Globalization;

namespace Consistency.Runtime.DynamoDb;

/// <summary>
/// Converts instants to the Number values DynamoDB expects. TTL attributes must be epoch <em>seconds</em> stored as a
/// Number: DynamoDB silently ignores strings, dates and milliseconds, and such items never expire.
/// </summary>
public static class EpochTime
{
    /// <summary>Epoch seconds of <paramref name="instant"/>.</summary>
    public static long Seconds(DateTimeOffset instant) => instant.ToUnixTimeSeconds();

    /// <summary>Epoch milliseconds of <paramref name="instant"/>.</summary>
    public static long Milliseconds(DateTimeOffset instant) => instant.ToUnixTimeMilliseconds();

    /// <summary>Formats a Number attribute value with the invariant culture.</summary>
    public static string ToNumber(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses a Number attribute value that holds an integer.</summary>
    public static bool TryParseNumber(string? value, out long result) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out result);
}
