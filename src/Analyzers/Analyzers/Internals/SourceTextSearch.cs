using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis.Text;

namespace Consistency.Analyzers.Internals
{
    /// <summary>
    /// Where a word occurs in a file's text, found by scanning the characters in chunks: a file that never names an API
    /// cannot call it, and telling that from the text costs far less than walking the file's syntax or binding it. The
    /// answer is a superset (a comment or a longer identifier counts too); binding decides.
    /// </summary>
    internal static class SourceTextSearch
    {
        private const int ChunkSize = 8192;

        // One buffer per thread, reused: a new 16 KB array per file cost ten times the search itself.
        [ThreadStatic]
        private static char[]? threadBuffer;

        /// <summary>The start of every occurrence of <paramref name="word"/>, in order; empty when there is none.</summary>
        public static int[] FindAll(SourceText text, string word, CancellationToken cancellationToken)
        {
            List<int>? found = null;
            int length = text.Length;
            var buffer = BufferFor(word);
            char first = word[0];

            // Each chunk is read with the word's length minus one characters of the next, so that a word across two
            // chunks is found once, in the chunk where it starts.
            for (int chunkStart = 0; chunkStart < length; chunkStart += ChunkSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int count = Math.Min(ChunkSize + word.Length - 1, length - chunkStart);
                text.CopyTo(chunkStart, buffer, 0, count);
                int starts = Math.Min(ChunkSize, count - word.Length + 1);
                for (int i = 0; i < starts; i++)
                {
                    // Array.IndexOf of a char is the runtime's vectorized search: chunks without the word's first
                    // character are passed over at memory speed.
                    i = Array.IndexOf(buffer, first, i, starts - i);
                    if (i < 0)
                    {
                        break;
                    }

                    if (MatchesAt(buffer, i, word))
                    {
                        (found ??= new List<int>()).Add(chunkStart + i);
                    }
                }
            }

            return found is null ? Array.Empty<int>() : found.ToArray();
        }

        /// <summary>The start of every occurrence of any of the <paramref name="words"/>, in order; empty when there is none.</summary>
        public static int[] FindAll(SourceText text, string[] words, CancellationToken cancellationToken)
        {
            if (words.Length == 1)
            {
                return FindAll(text, words[0], cancellationToken);
            }

            List<int>? all = null;
            foreach (var word in words)
            {
                var found = FindAll(text, word, cancellationToken);
                if (found.Length > 0)
                {
                    (all ??= new List<int>()).AddRange(found);
                }
            }

            if (all is null)
            {
                return Array.Empty<int>();
            }

            all.Sort();
            return all.ToArray();
        }

        /// <summary>Whether any of the sorted positions lies within the span.</summary>
        public static bool AnyWithin(int[] positions, TextSpan span)
        {
            int index = Array.BinarySearch(positions, span.Start);
            if (index < 0)
            {
                index = ~index;
            }

            return index < positions.Length && positions[index] < span.End;
        }

        private static char[] BufferFor(string word)
        {
            var reused = threadBuffer;
            if (reused is null || reused.Length < ChunkSize + word.Length)
            {
                threadBuffer = reused = new char[ChunkSize + word.Length];
            }

            return reused;
        }

        private static bool MatchesAt(char[] buffer, int start, string word)
        {
            for (int k = 1; k < word.Length; k++)
            {
                if (buffer[start + k] != word[k])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
