using System.Collections.Generic;
using System.Text;
using Amazon.DynamoDBv2.Model;

namespace Consistency.Runtime.DynamoDb;

/// <summary>
/// Estimates DynamoDB item sizes from the documented rules, rounding up so that an estimate below a limit means the
/// real item is below it too: names and strings count their UTF-8 bytes, numbers at most 21 bytes, lists and maps
/// 3 bytes plus 1 per element.
/// </summary>
internal static class ItemSize
{
    public static long Of(IReadOnlyDictionary<string, AttributeValue> item)
    {
        long size = 0;
        foreach (var pair in item)
        {
            size += Encoding.UTF8.GetByteCount(pair.Key) + Of(pair.Value);
        }

        return size;
    }

    public static long Of(AttributeValue value)
    {
        if (value.S is not null)
        {
            return Encoding.UTF8.GetByteCount(value.S);
        }

        if (value.N is not null)
        {
            return 21;
        }

        if (value.B is not null)
        {
            return value.B.Length;
        }

        if (value.M is not null)
        {
            long size = 3;
            foreach (var pair in value.M)
            {
                size += 1 + Encoding.UTF8.GetByteCount(pair.Key) + Of(pair.Value);
            }

            return size;
        }

        if (value.L is not null)
        {
            long size = 3;
            foreach (var element in value.L)
            {
                size += 1 + Of(element);
            }

            return size;
        }

        if (value.SS is not null)
        {
            long size = 0;
            foreach (var s in value.SS)
            {
                size += Encoding.UTF8.GetByteCount(s);
            }

            return size;
        }

        if (value.NS is not null)
        {
            return 21L * value.NS.Count;
        }

        if (value.BS is not null)
        {
            long size = 0;
            foreach (var b in value.BS)
            {
                size += b.Length;
            }

            return size;
        }

        return 1;
    }
}
