using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using Microsoft.CodeAnalysis.Text;

namespace Consistency.CodeFixes.Internals
{
    /// <summary>
    /// One planned CH0001 rewrite: decided on the original document (with its semantic model), then applied to a root
    /// in which its nodes are tracked, so that several rewrites of one document (Fix All) compose without conflicts —
    /// two of them may both make a type partial or add members to it, which batched text changes would merge wrongly.
    /// </summary>
    internal abstract class DualWriteRewrite
    {
        /// <summary>The original nodes <see cref="Apply"/> finds again in the changed root.</summary>
        public abstract IEnumerable<SyntaxNode> NodesToTrack { get; }

        /// <summary>Applies the rewrite to a root that tracks <see cref="NodesToTrack"/>.</summary>
        public abstract SyntaxNode Apply(SyntaxNode root);
    }

    /// <summary>
    /// Plans the rewrite of one diagnostic, or returns null when the fix is not offered for it. The claimed names are
    /// those that earlier rewrites of the same document took for new members.
    /// </summary>
    internal delegate DualWriteRewrite? DualWriteRewritePlanner(SemanticModel model, SyntaxNode root, Diagnostic diagnostic, ISet<string> claimedNames, CancellationToken cancellationToken);

    internal static class DualWriteRewriter
    {
        public static async Task<DualWriteRewrite?> PlanAsync(Document document, Diagnostic diagnostic, DualWriteRewritePlanner planner, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            return root is null || model is null ? null : planner(model, root, diagnostic, new HashSet<string>(), cancellationToken);
        }

        /// <summary>Plans every diagnostic on the original document, applies the plans in source order, then adds usings, simplifies and formats.</summary>
        public static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, DualWriteRewritePlanner planner, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return document;
            }

            var ordered = new List<Diagnostic>(diagnostics);
            ordered.Sort((a, b) => a.Location.SourceSpan.Start.CompareTo(b.Location.SourceSpan.Start));
            var claimed = new HashSet<string>();
            var plans = new List<DualWriteRewrite>();
            var tracked = new List<SyntaxNode>();
            foreach (var diagnostic in ordered)
            {
                if (planner(model, root, diagnostic, claimed, cancellationToken) is { } plan)
                {
                    plans.Add(plan);
                    tracked.AddRange(plan.NodesToTrack);
                }
            }

            if (plans.Count == 0)
            {
                return document;
            }

            var newRoot = root.TrackNodes(tracked);
            foreach (var plan in plans)
            {
                newRoot = plan.Apply(newRoot);
            }

            var changed = document.WithSyntaxRoot(newRoot);
            changed = await ImportAdder.AddImportsAsync(changed, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            changed = await Simplifier.ReduceAsync(changed, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            changed = await Formatter.FormatAsync(changed, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);

            // The using directives the import step adds can keep zero-width elastic trivia next to the real whitespace:
            // the text is right, the tree is not what the text parses to. Going through the text settles it.
            var text = await changed.GetTextAsync(cancellationToken).ConfigureAwait(false);
            return changed.WithText(SourceText.From(text.ToString(), text.Encoding, text.ChecksumAlgorithm));
        }
    }

    /// <summary>Fix All for the CH0001 fixes: every diagnostic of a document is planned and applied in one pass.</summary>
    internal sealed class DualWriteFixAllProvider : DocumentBasedFixAllProvider
    {
        private readonly DualWriteRewritePlanner planner;

        public DualWriteFixAllProvider(DualWriteRewritePlanner planner) => this.planner = planner;

        protected override async Task<Document?> FixAllAsync(FixAllContext fixAllContext, Document document, ImmutableArray<Diagnostic> diagnostics)
            => await DualWriteRewriter.FixAsync(document, diagnostics, planner, fixAllContext.CancellationToken).ConfigureAwait(false);
    }
}
