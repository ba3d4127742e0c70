using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace Consistency.Runtime.Streams;

/// <summary>
/// AWS Signature Version 4 for requests with the path <c>/</c> and no query string, which is all the JSON protocol
/// needs. Header names are signed lowercase and sorted, values trimmed.
/// </summary>
internal static class SigV4Signer
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    public static string CreateAuthorization(
        string method,
        IReadOnlyDictionary<string, string> headers,
        ReadOnlySpan<byte> payload,
        string region,
        string service,
        string accessKey,
        string secretKey,
        DateTimeOffset requestTime)
    {
        var amzDate = requestTime.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var dateStamp = amzDate[..8];
        var sorted = headers
            .Select(h => (Name: h.Key.ToLowerInvariant(), Value: h.Value.Trim()))
            .OrderBy(h => h.Name, StringComparer.Ordinal)
            .ToList();
        var canonicalHeaders = new StringBuilder();
        foreach (var (name, value) in sorted)
        {
            canonicalHeaders.Append(name).Append(':').Append(value).Append('\n');
        }

        var signedHeaders = string.Join(';', sorted.Select(h => h.Name));
        var canonicalRequest = string.Join(
            '\n',
            method,
            "/",
            string.Empty,
            canonicalHeaders.ToString(),
            signedHeaders,
            Hex(SHA256.HashData(payload)));
        var scope = $"{dateStamp}/{region}/{service}/aws4_request";
        var stringToSign = string.Join(
            '\n',
            Algorithm,
            amzDate,
            scope,
            Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));

        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secretKey), Encoding.UTF8.GetBytes(dateStamp));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(service));
        key = HMACSHA256.HashData(key, "aws4_request"u8);
        var signature = Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        return $"{Algorithm} Credential={accessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";
    }

    public static string FormatAmzDate(DateTimeOffset requestTime) =>
        requestTime.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string Hex(ReadOnlySpan<byte> bytes)
    {
        const string digits = "0123456789abcdef";
        var chars = new char[bytes.Length * 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[2 * i] = digits[bytes[i] >> 4];
            chars[(2 * i) + 1] = digits[bytes[i] & 0xF];
        }

        return new string(chars);
    }
}
