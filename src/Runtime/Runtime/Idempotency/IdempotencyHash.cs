using System;
using System.Security.Cryptography;
using System.Text;

namespace Consistency.Runtime.Idempotency;

/// <summary>Hashes for idempotency keys and payload validation (SHA-256, lowercase hex).</summary>
public static class IdempotencyHash
{
    private const string HexDigits = "0123456789abcdef";

    /// <summary>Hashes UTF-8 text, e.g. the JSON of a payload.</summary>
    /// <param name="text">The text.</param>
    /// <returns>64 lowercase hex characters.</returns>
    public static string Compute(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Compute(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Hashes bytes, e.g. a payload serialised to UTF-8 JSON.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <returns>64 lowercase hex characters.</returns>
    public static string Compute(ReadOnlySpan<byte> bytes)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes, hash);
        Span<char> hex = stackalloc char[hash.Length * 2];
        for (var i = 0; i < hash.Length; i++)
        {
            hex[2 * i] = HexDigits[hash[i] >> 4];
            hex[(2 * i) + 1] = HexDigits[hash[i] & 0xF];
        }

        return new string(hex);
    }

    /// <summary>
    /// Composes a stored key from a stable name and key material: <c>{name}#{sha256(material)}</c>, the shape
    /// Powertools uses (<c>{function}.{method}#{hash}</c>). The name must not change when code is renamed.
    /// </summary>
    /// <param name="name">The stable key namespace, e.g. <c>orders.place</c>.</param>
    /// <param name="keyMaterial">The key values, joined by the caller in a stable order.</param>
    /// <returns>The key.</returns>
    public static string ComposeKey(string name, string keyMaterial)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(keyMaterial);
        return name + "#" + Compute(keyMaterial);
    }
}
