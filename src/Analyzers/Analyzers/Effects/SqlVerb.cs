using System;

namespace Consistency.Analyzers.Effects
{
    /// <summary>The leading verb of SQL (or PartiQL) text: tells a read from a write.</summary>
    internal enum SqlVerb
    {
        Unknown,
        Read,
        Write,
    }

    internal static class SqlVerbText
    {
        private static readonly string[] WriteVerbs = { "INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "REPLACE", "TRUNCATE" };

        /// <summary>Classifies text by its first keyword, skipping whitespace and comments; null or unreadable text is unknown.</summary>
        public static SqlVerb Classify(string? text)
        {
            if (text is null)
            {
                return SqlVerb.Unknown;
            }

            int i = SkipTrivia(text, 0);
            int start = i;
            while (i < text.Length && char.IsLetter(text[i]))
            {
                i++;
            }

            if (i == start)
            {
                return SqlVerb.Unknown;
            }

            string verb = text.Substring(start, i - start);
            if (IsWriteVerb(verb))
            {
                return SqlVerb.Write;
            }

            if (Is(verb, "SELECT") || Is(verb, "SHOW") || Is(verb, "EXPLAIN") || Is(verb, "VALUES"))
            {
                return SqlVerb.Read;
            }

            if (Is(verb, "WITH"))
            {
                // A common table expression can end in a write ("WITH x AS (...) DELETE ..."): look for a write verb.
                foreach (var write in WriteVerbs)
                {
                    if (text.IndexOf(write, StringComparison.OrdinalIgnoreCase) >= 0)
                    {
                        return SqlVerb.Write;
                    }
                }

                return SqlVerb.Read;
            }

            return SqlVerb.Unknown;
        }

        private static bool IsWriteVerb(string verb)
        {
            foreach (var write in WriteVerbs)
            {
                if (Is(verb, write))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Is(string verb, string keyword) => string.Equals(verb, keyword, StringComparison.OrdinalIgnoreCase);

        private static int SkipTrivia(string text, int i)
        {
            while (i < text.Length)
            {
                if (char.IsWhiteSpace(text[i]) || text[i] == '(' || text[i] == ';')
                {
                    i++;
                }
                else if (i + 1 < text.Length && text[i] == '-' && text[i + 1] == '-')
                {
                    int end = text.IndexOf('\n', i);
                    i = end < 0 ? text.Length : end + 1;
                }
                else if (i + 1 < text.Length && text[i] == '/' && text[i + 1] == '*')
                {
                    int end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                    i = end < 0 ? text.Length : end + 2;
                }
                else
                {
                    break;
                }
            }

            return i;
        }
    }
}
