using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Consistency.CodeFixes.Rules
{
    /// <summary>
    /// Edits made as text in the user's own layout (indentation, line endings, one member per line or inline, trailing
    /// comma or not). Text edits keep the rest of the file byte for byte, and what they produce is what the parser reads.
    /// </summary>
    internal static class TextEdits
    {
        /// <summary>The change that appends members (each <c>Name = value</c>) to an object creation's initializer.</summary>
        public static TextChange AppendMembers(BaseObjectCreationExpressionSyntax creation, SourceText text, IReadOnlyList<string> members)
        {
            if (creation.Initializer is not { Expressions.Count: > 0 } initializer)
            {
                var end = creation.Initializer?.Span ?? creation.Span;
                string inline = " { " + string.Join(", ", members) + " }";
                return creation.Initializer is null ? new TextChange(new TextSpan(end.End, 0), inline) : new TextChange(end, inline.Substring(1));
            }

            var expressions = initializer.Expressions;
            var last = expressions[expressions.Count - 1];
            bool trailingSeparator = expressions.SeparatorCount == expressions.Count;
            bool multiline = text.Lines.GetLineFromPosition(last.SpanStart).LineNumber != text.Lines.GetLineFromPosition(initializer.OpenBraceToken.SpanStart).LineNumber;
            if (!multiline)
            {
                return trailingSeparator
                    ? new TextChange(new TextSpan(expressions.GetSeparator(expressions.SeparatorCount - 1).Span.End, 0), " " + string.Join(", ", members) + ",")
                    : new TextChange(new TextSpan(last.Span.End, 0), ", " + string.Join(", ", members));
            }

            string indent = IndentationOf(text, last.SpanStart);
            string newLine = NewLineOf(text);
            var builder = new StringBuilder();
            if (trailingSeparator)
            {
                // Before the line of the closing brace.
                foreach (var member in members)
                {
                    builder.Append(indent).Append(member).Append(',').Append(newLine);
                }

                return new TextChange(new TextSpan(text.Lines.GetLineFromPosition(initializer.CloseBraceToken.SpanStart).Start, 0), builder.ToString());
            }

            foreach (var member in members)
            {
                builder.Append(',').Append(newLine).Append(indent).Append(member);
            }

            return new TextChange(new TextSpan(last.Span.End, 0), builder.ToString());
        }

        /// <summary>
        /// <c>try { statement } catch (exception) { // comment }</c> in place of the statement, indented like it;
        /// <paramref name="inner"/> are changes inside the statement applied first.
        /// </summary>
        public static TextChange WrapInTryCatch(StatementSyntax statement, SourceText text, IReadOnlyList<TextChange> inner, string exceptionType, string comment)
        {
            var span = statement.Span;
            var statementText = new StringBuilder(text.GetSubText(span).ToString());
            var ordered = new List<TextChange>(inner);
            ordered.Sort((a, b) => b.Span.Start.CompareTo(a.Span.Start));
            foreach (var change in ordered)
            {
                statementText.Remove(change.Span.Start - span.Start, change.Span.Length);
                statementText.Insert(change.Span.Start - span.Start, change.NewText);
            }

            string indent = IndentationOf(text, span.Start);
            string newLine = NewLineOf(text);
            string body = statementText.ToString().Replace(newLine, newLine + "    ");
            var builder = new StringBuilder();
            builder.Append("try").Append(newLine)
                .Append(indent).Append('{').Append(newLine)
                .Append(indent).Append("    ").Append(body).Append(newLine)
                .Append(indent).Append('}').Append(newLine)
                .Append(indent).Append("catch (").Append(exceptionType).Append(')').Append(newLine)
                .Append(indent).Append('{').Append(newLine)
                .Append(indent).Append("    ").Append(comment).Append(newLine)
                .Append(indent).Append('}');
            return new TextChange(span, builder.ToString());
        }

        /// <summary>The simple name when it binds to the type at the position (a using is in scope), else the full name.</summary>
        public static string TypeName(SemanticModel model, int position, string metadataName, string simpleName, string? typeArguments = null)
        {
            // Exactly one type of that name in scope, and the right one: otherwise the simple name is ambiguous or another type.
            var found = model.LookupNamespacesAndTypes(position, name: simpleName);
            if (found.Length == 1 && found[0] is INamedTypeSymbol type && Full(type.OriginalDefinition) == metadataName)
            {
                return simpleName + typeArguments;
            }

            int arity = metadataName.IndexOf('`');
            return (arity < 0 ? metadataName : metadataName.Substring(0, arity)) + typeArguments;
        }

        private static string Full(INamedTypeSymbol type)
        {
            string name = type.MetadataName;
            return type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + name : name;
        }

        public static string IndentationOf(SourceText text, int position)
        {
            var line = text.Lines.GetLineFromPosition(position);
            int i = line.Start;
            while (i < line.End && (text[i] == ' ' || text[i] == '\t'))
            {
                i++;
            }

            return text.ToString(TextSpan.FromBounds(line.Start, i));
        }

        public static string NewLineOf(SourceText text)
        {
            foreach (var line in text.Lines)
            {
                if (line.EndIncludingLineBreak > line.End)
                {
                    return text.ToString(TextSpan.FromBounds(line.End, line.EndIncludingLineBreak));
                }
            }

            return "\n";
        }

        /// <summary>A C# string literal of the value.</summary>
        public static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

        /// <summary>Whether an edit at the span can be merged with others (not in a preprocessor-disabled or generated region).</summary>
        public static bool IsPlain(SyntaxNode node) => !node.ContainsDirectives && !node.GetLeadingTrivia().Any(SyntaxKind.DisabledTextTrivia);
    }
}
