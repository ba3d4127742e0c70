using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Consistency.Analyzers;
using Consistency.Analyzers.Effects;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace Consistency.CodeFixes.Rules
{
    /// <summary>
    /// CH0004: makes a low-level <c>UpdateItem</c> ordered by the message's version: stores the version with the state
    /// (<c>SET …, #version = :version</c>) and updates only when the stored one is older
    /// (<c>attribute_not_exists(#version) OR #version &lt; :version</c>). The version is an integral member of a
    /// message in scope (a parameter or local, or its <c>Message</c>): <c>Version</c>, <c>Sequence</c>,
    /// <c>SequenceNumber</c>, <c>Revision</c>… Offered only when such a member exists, the update expression is a
    /// string literal that does not mention a version yet, the request has no condition, and its attribute names and
    /// values (when present) are dictionaries built in place.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnorderedUpdateFixer)), Shared]
    public sealed class UnorderedUpdateFixer : CodeFixProvider
    {
        private const string Name = "#version";
        private const string Value = ":version";

        private static readonly Regex NextClause = new(@"\b(REMOVE|ADD|DELETE)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.UnorderedUpdate);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            var text = await context.Document.GetTextAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in context.Diagnostics)
            {
                var effect = diagnostic.AdditionalLocations.Count > 0 ? diagnostic.AdditionalLocations[diagnostic.AdditionalLocations.Count - 1] : diagnostic.Location;
                if (effect.SourceTree != root.SyntaxTree || Changes(root, model, text, effect, context.CancellationToken) is not { } changes)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create("Update only when the message's version is newer", _ => Task.FromResult(context.Document.WithText(text.WithChanges(changes))), equivalenceKey: RuleIdentifiers.UnorderedUpdate),
                    diagnostic);
            }
        }

        private static List<TextChange>? Changes(SyntaxNode root, SemanticModel model, SourceText text, Location effect, CancellationToken cancellationToken)
        {
            var node = root.FindNode(effect.SourceSpan, getInnermostNodeForTie: true);
            var invocationSyntax = node as InvocationExpressionSyntax ?? node.FirstAncestorOrSelf<InvocationExpressionSyntax>();
            var writes = DynamoDbWrites.GetOrCreate(model.Compilation);
            if (invocationSyntax is null || model.GetOperation(invocationSyntax, cancellationToken) is not IInvocationOperation invocation
                || !writes.TryGetShape(invocation.TargetMethod, out var shape) || shape != DynamoDbWriteShape.Update
                || DynamoDbWrites.FindRequest(invocation, writes.UpdateItemRequest, out var local, out _) is not { Syntax: BaseObjectCreationExpressionSyntax requestSyntax } request
                || DynamoDbWrites.MemberValue(request, WellKnownDynamoDbWrites.ConditionExpression, local) is not null
                || DynamoDbWrites.MemberValue(request, WellKnownDynamoDbWrites.UpdateExpression, local) is not { Syntax: LiteralExpressionSyntax updateLiteral }
                || updateLiteral.Token.Text.StartsWith("@", StringComparison.Ordinal)
                || !updateLiteral.IsKind(SyntaxKind.StringLiteralExpression)
                || updateLiteral.Token.ValueText.IndexOf("version", StringComparison.OrdinalIgnoreCase) >= 0
                || FindVersion(model, invocationSyntax.SpanStart, cancellationToken) is not { } version)
            {
                return null;
            }

            string update = updateLiteral.Token.ValueText;
            int setAt = update.IndexOf("SET", StringComparison.OrdinalIgnoreCase);
            var next = NextClause.Match(update, setAt + 3);
            string clause = next.Success ? update.Substring(0, next.Index).TrimEnd() : update.TrimEnd();
            string rest = next.Success ? " " + update.Substring(next.Index) : string.Empty;
            var changes = new List<TextChange>
            {
                new(updateLiteral.Span, TextEdits.Literal(clause + ", " + Name + " = " + Value + rest)),
            };

            string dictionary = TextEdits.TypeName(model, requestSyntax.SpanStart, "System.Collections.Generic.Dictionary`2", "Dictionary");
            string attributeValue = TextEdits.TypeName(model, requestSyntax.SpanStart, "Amazon.DynamoDBv2.Model.AttributeValue", "AttributeValue");
            string culture = TextEdits.TypeName(model, requestSyntax.SpanStart, "System.Globalization.CultureInfo", "CultureInfo");
            string valueText = "new " + attributeValue + " { N = " + version.Expression + ".ToString(" + culture + ".InvariantCulture) }";
            var members = new List<string>
            {
                WellKnownDynamoDbWrites.ConditionExpression + " = " + TextEdits.Literal("attribute_not_exists(" + Name + ") OR " + Name + " < " + Value),
            };

            if (!AddEntry(request, local, WellKnownDynamoDbWrites.ExpressionAttributeNames, Name, TextEdits.Literal(version.Attribute), dictionary + "<string, string>", text, changes, members)
                || !AddEntry(request, local, "ExpressionAttributeValues", Value, valueText, dictionary + "<string, " + attributeValue + ">", text, changes, members))
            {
                return null;
            }

            changes.Add(TextEdits.AppendMembers(requestSyntax, text, members));
            changes.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
            for (int i = 1; i < changes.Count; i++)
            {
                if (changes[i].Span.Start < changes[i - 1].Span.End || changes[i].Span.Start == changes[i - 1].Span.Start)
                {
                    return null; // edits that would overlap: a layout this fix does not handle
                }
            }

            return changes;
        }

        /// <summary>Adds an entry to the request's dictionary built in place, or the whole dictionary when the request has none.</summary>
        private static bool AddEntry(IObjectCreationOperation request, ILocalSymbol? local, string member, string key, string value, string dictionaryType, SourceText text, List<TextChange> changes, List<string> members)
        {
            var existing = DynamoDbWrites.MemberValue(request, member, local);
            if (existing is null)
            {
                members.Add(member + " = new " + dictionaryType + " { [" + TextEdits.Literal(key) + "] = " + value + " }");
                return true;
            }

            if (EffectArguments.Unwrap(existing).Syntax is not BaseObjectCreationExpressionSyntax { Initializer: { Expressions.Count: > 0 } initializer } creation)
            {
                return false;
            }

            string entry = initializer.IsKind(SyntaxKind.CollectionInitializerExpression)
                ? "{ " + TextEdits.Literal(key) + ", " + value + " }"
                : "[" + TextEdits.Literal(key) + "] = " + value;
            changes.Add(TextEdits.AppendMembers(creation, text, new[] { entry }));
            return true;
        }

        /// <summary>The first integral version member, by priority of name, of a parameter or local in scope (or of its Message).</summary>
        private static VersionSource? FindVersion(SemanticModel model, int position, CancellationToken cancellationToken)
        {
            var candidates = new List<(string Expression, ITypeSymbol Type)>();
            foreach (var symbol in model.LookupSymbols(position))
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (symbol)
                {
                    case IParameterSymbol parameter:
                        candidates.Add((parameter.Name, parameter.Type));
                        break;
                    case ILocalSymbol localSymbol when localSymbol.DeclaringSyntaxReferences.Length > 0 && localSymbol.DeclaringSyntaxReferences[0].Span.End <= position:
                        candidates.Add((localSymbol.Name, localSymbol.Type));
                        break;
                }
            }

            foreach (var name in WellKnownDynamoDbWrites.VersionMembers)
            {
                foreach (var (expression, type) in candidates)
                {
                    if (IntegralProperty(type, name) is { } direct)
                    {
                        return new VersionSource(expression + "." + direct.Name, direct.Name);
                    }

                    if (Property(type, "Message") is { } message && IntegralProperty(message.Type, name) is { } nested)
                    {
                        return new VersionSource(expression + ".Message." + nested.Name, nested.Name);
                    }
                }
            }

            return null;
        }

        private static IPropertySymbol? IntegralProperty(ITypeSymbol type, string name)
            => Property(type, name) is { Type.SpecialType: SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_UInt32 or SpecialType.System_UInt64 or SpecialType.System_Int16 } property ? property : null;

        private static IPropertySymbol? Property(ITypeSymbol type, string name)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers(name))
                {
                    if (member is IPropertySymbol { IsStatic: false, GetMethod: not null } property)
                    {
                        return property;
                    }
                }
            }

            return null;
        }

        private sealed record VersionSource(string Expression, string Attribute);
    }
}
