using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace Consistency.CodeFixes.Internals
{
    /// <summary>
    /// Finishes a fix that changes the length of a syntax list (adds a statement to a block, a member to an object
    /// initializer). Such a tree compares as not equivalent to the tree its own text parses to (the enclosing nodes keep
    /// list shapes the parser would not build), so the fix formats and simplifies its own annotations and hands back
    /// the text, which the workspace parses into an ordinary tree.
    /// </summary>
    internal static class ReparsedDocument
    {
        public static async Task<Document> WithRootAsync(Document document, SyntaxNode newRoot, CancellationToken cancellationToken)
        {
            var changed = document.WithSyntaxRoot(newRoot);
            changed = await Simplifier.ReduceAsync(changed, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            changed = await Formatter.FormatAsync(changed, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            var text = await changed.GetTextAsync(cancellationToken).ConfigureAwait(false);
            return document.WithText(text);
        }
    }
}
