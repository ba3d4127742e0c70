using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace Consistency.CodeFixes.Internals
{
    /// <summary>Syntax the CH0001 fixes generate: fully qualified names that the cleanup imports and shortens, and unique names.</summary>
    internal static class FixerSyntax
    {
        /// <summary>A type name written <c>global::Namespace.Type</c>, annotated so that the cleanup adds the using and shortens it.</summary>
        public static TypeSyntax QualifiedType(string fullName)
            => SyntaxFactory.ParseTypeName("global::" + fullName)
                .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);

        /// <summary>
        /// Parses a statement or member written as text in which <c>@Name</c> placeholders stand for the types of
        /// <paramref name="types"/> (short name → full name): each becomes a qualified name the cleanup imports and shortens.
        /// </summary>
        public static T Parse<T>(string text, Func<string, T> parse, params string[] types)
            where T : SyntaxNode
        {
            var placeholders = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var full in types)
            {
                string shortName = full.Substring(full.LastIndexOf('.') + 1);
                placeholders["__" + shortName] = full;
                text = text.Replace("@" + shortName, "__" + shortName);
            }

            var node = parse(text);
            return node.ReplaceNodes(
                node.DescendantNodes().OfType<IdentifierNameSyntax>().Where(n => placeholders.ContainsKey(n.Identifier.ValueText)),
                (original, _) => QualifiedType(placeholders[original.Identifier.ValueText]).WithTriviaFrom(original));
        }

        /// <summary>The document's line break (the first one in it), so that inserted lines match the others.</summary>
        public static string NewLineOf(SyntaxNode root)
        {
            foreach (var trivia in root.DescendantTrivia())
            {
                if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    return trivia.ToFullString();
                }
            }

            return "\n";
        }

        /// <summary>
        /// <paramref name="preferred"/>, or <paramref name="preferred"/> with the first free number appended, avoiding every
        /// name in <paramref name="taken"/>; the result is added to <paramref name="taken"/>.
        /// </summary>
        public static string UniqueName(string preferred, ISet<string> taken)
        {
            string name = preferred;
            for (int i = 2; taken.Contains(name); i++)
            {
                name = preferred + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            taken.Add(name);
            return name;
        }

        /// <summary>Every identifier spelled in <paramref name="node"/> (declared or used), so that a new local collides with none.</summary>
        public static HashSet<string> IdentifiersIn(SyntaxNode node)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var token in node.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken))
                {
                    names.Add(token.ValueText);
                }
            }

            return names;
        }

        /// <summary>Splits leading trivia into the blank lines before it (kept in front of inserted statements) and the rest.</summary>
        public static (SyntaxTriviaList BlankLines, SyntaxTriviaList Remainder) SplitLeadingBlankLines(SyntaxTriviaList leading)
        {
            int lastBlank = -1;
            for (int i = 0; i < leading.Count; i++)
            {
                var kind = leading[i].Kind();
                if (kind == SyntaxKind.EndOfLineTrivia)
                {
                    lastBlank = i;
                }
                else if (kind != SyntaxKind.WhitespaceTrivia)
                {
                    break;
                }
            }

            if (lastBlank < 0)
            {
                return (SyntaxTriviaList.Empty, leading);
            }

            var blank = new List<SyntaxTrivia>();
            var rest = new List<SyntaxTrivia>();
            for (int i = 0; i < leading.Count; i++)
            {
                (i <= lastBlank ? blank : rest).Add(leading[i]);
            }

            return (SyntaxFactory.TriviaList(blank), SyntaxFactory.TriviaList(rest));
        }

        /// <summary>The indentation that precedes the first token of a statement (the last whitespace of its leading trivia).</summary>
        public static SyntaxTriviaList Indentation(SyntaxTriviaList leading)
            => leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia)
                ? SyntaxFactory.TriviaList(leading[leading.Count - 1])
                : SyntaxTriviaList.Empty;
    }
}
