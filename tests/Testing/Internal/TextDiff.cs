using System;
using System.Globalization;
using System.Text;

namespace Consistency.Testing.Internal
{
    /// <summary>A line diff good enough to read a failed text comparison.</summary>
    internal static class TextDiff
    {
        public static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

        public static string Describe(string expected, string actual)
        {
            var e = Normalize(expected).Split('\n');
            var a = Normalize(actual).Split('\n');

            // Longest common subsequence over lines; the texts are test sized.
            var lcs = new int[e.Length + 1, a.Length + 1];
            for (int i = e.Length - 1; i >= 0; i--)
            {
                for (int j = a.Length - 1; j >= 0; j--)
                {
                    lcs[i, j] = e[i] == a[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
                }
            }

            var builder = new StringBuilder();
            int x = 0, y = 0;
            while (x < e.Length || y < a.Length)
            {
                if (x < e.Length && y < a.Length && e[x] == a[y])
                {
                    builder.Append(CultureInfo.InvariantCulture, $"  {x + 1,4} ").AppendLine(e[x]);
                    x++;
                    y++;
                }
                else if (y < a.Length && (x == e.Length || lcs[x, y + 1] >= lcs[x + 1, y]))
                {
                    builder.Append(CultureInfo.InvariantCulture, $"+      ").AppendLine(a[y]);
                    y++;
                }
                else
                {
                    builder.Append(CultureInfo.InvariantCulture, $"- {x + 1,4} ").AppendLine(e[x]);
                    x++;
                }
            }

            return builder.ToString();
        }
    }
}
