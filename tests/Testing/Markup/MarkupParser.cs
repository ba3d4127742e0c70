using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Consistency.Testing.Markup
{
    /// <summary>A span marked in test source: <c>[|…|]</c> (no name), <c>{|ID:…|}</c> or <c>{|#0:…|}</c>.</summary>
    public readonly record struct MarkedSpan(string? Name, TextSpan Span);

    /// <summary>The text with markup removed and the spans it marked.</summary>
    public sealed record MarkupResult(string Text, IReadOnlyList<MarkedSpan> Spans, int? CaretPosition);

    /// <summary>
    /// Parses the markup of Microsoft.CodeAnalysis.Testing: <c>[|…|]</c>, <c>{|Name:…|}</c> (nestable) and the
    /// caret <c>$$</c>. Spans are reported in order of their start, then their end.
    /// </summary>
    public static class MarkupParser
    {
        public static MarkupResult Parse(string input)
        {
            var output = new StringBuilder(input.Length);
            var spans = new List<MarkedSpan>();
            var open = new Stack<(string? Name, int Start, char Kind, int InputPosition)>();
            int? caret = null;

            for (int i = 0; i < input.Length; i++)
            {
                if (Matches(input, i, "[|"))
                {
                    open.Push((null, output.Length, '[', i));
                    i++;
                }
                else if (Matches(input, i, "|]"))
                {
                    Close(open, spans, output.Length, '[', i);
                    i++;
                }
                else if (Matches(input, i, "{|"))
                {
                    int colon = FindNameEnd(input, i + 2);
                    if (colon < 0)
                    {
                        throw new ArgumentException($"Markup '{{|' at offset {i} has no 'Name:' part.", nameof(input));
                    }

                    open.Push((input.Substring(i + 2, colon - i - 2), output.Length, '{', i));
                    i = colon;
                }
                else if (Matches(input, i, "|}"))
                {
                    Close(open, spans, output.Length, '{', i);
                    i++;
                }
                else if (Matches(input, i, "$$"))
                {
                    if (caret is not null)
                    {
                        throw new ArgumentException("Markup contains more than one caret '$$'.", nameof(input));
                    }

                    caret = output.Length;
                    i++;
                }
                else
                {
                    output.Append(input[i]);
                }
            }

            if (open.Count > 0)
            {
                var (name, _, _, position) = open.Peek();
                throw new ArgumentException($"Markup span '{name ?? "[|"}' opened at offset {position} is never closed.", nameof(input));
            }

            spans.Sort((a, b) => a.Span.Start != b.Span.Start ? a.Span.Start.CompareTo(b.Span.Start) : a.Span.End.CompareTo(b.Span.End));
            return new MarkupResult(output.ToString(), spans, caret);
        }

        private static void Close(Stack<(string? Name, int Start, char Kind, int InputPosition)> open, List<MarkedSpan> spans, int end, char kind, int position)
        {
            if (open.Count == 0 || open.Peek().Kind != kind)
            {
                throw new ArgumentException($"Markup closing '{(kind == '[' ? "|]" : "|}")}' at offset {position} does not match an opening.");
            }

            var (name, start, _, _) = open.Pop();
            spans.Add(new MarkedSpan(name, TextSpan.FromBounds(start, end)));
        }

        // A name is an id (letters, digits, '_', '.') or '#n'; it must be followed by ':'.
        private static int FindNameEnd(string input, int start)
        {
            for (int j = start; j < input.Length; j++)
            {
                char c = input[j];
                if (c == ':')
                {
                    return j > start ? j : -1;
                }

                if (!char.IsLetterOrDigit(c) && c != '_' && c != '.' && c != '#')
                {
                    return -1;
                }
            }

            return -1;
        }

        private static bool Matches(string input, int index, string token)
            => index + token.Length <= input.Length && string.CompareOrdinal(input, index, token, 0, token.Length) == 0;
    }
}
