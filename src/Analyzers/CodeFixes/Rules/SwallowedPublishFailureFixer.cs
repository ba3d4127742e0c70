using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Consistency.Analyzers;
using Consistency.Analyzers.Rules;
using Consistency.CodeFixes.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace Consistency.CodeFixes.Rules
{
    /// <summary>
    /// CH0006: makes the failure loud. A swallowing catch gets <c>throw;</c> at its end (replacing a trailing
    /// <c>return;</c>, <c>continue;</c> or <c>break;</c>, which would make it unreachable). An ignored partial failure
    /// gets its response kept in a local and checked: <c>if (response.FailedEntryCount &gt; 0) throw …</c>.
    /// Fix All works per document in one pass, so that the locals it introduces get distinct names.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SwallowedPublishFailureFixer)), Shared]
    public sealed class SwallowedPublishFailureFixer : CodeFixProvider
    {
        private const string RethrowTitle = "Rethrow the publish failure";
        private const string CheckTitle = "Check the rejected entries and throw";

        private static readonly string RethrowKey = RuleIdentifiers.SwallowedPublishFailure + ".Rethrow";
        private static readonly string CheckKey = RuleIdentifiers.SwallowedPublishFailure + ".CheckPartialFailure";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.SwallowedPublishFailure);

        public override FixAllProvider GetFixAllProvider()
            => FixAllProvider.Create(async (context, document, diagnostics) =>
            {
                string kind = context.CodeActionEquivalenceKey == CheckKey ? SwallowedPublishFailureAnalyzer.PartialFailureKind : SwallowedPublishFailureAnalyzer.SwallowedKind;
                var selected = diagnostics.Where(d => d.Properties.TryGetValue(SwallowedPublishFailureAnalyzer.KindProperty, out var k) && k == kind).ToImmutableArray();
                return await FixAsync(document, selected, context.CancellationToken).ConfigureAwait(false);
            });

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                diagnostic.Properties.TryGetValue(SwallowedPublishFailureAnalyzer.KindProperty, out var kind);
                if (kind == SwallowedPublishFailureAnalyzer.SwallowedKind && FindCatchBlock(root, diagnostic) is not null)
                {
                    context.RegisterCodeFix(CodeAction.Create(RethrowTitle, ct => FixAsync(context.Document, ImmutableArray.Create(diagnostic), ct), RethrowKey), diagnostic);
                }
                else if (kind == SwallowedPublishFailureAnalyzer.PartialFailureKind && FindResponseStatement(root, diagnostic) is not null)
                {
                    context.RegisterCodeFix(CodeAction.Create(CheckTitle, ct => FixAsync(context.Document, ImmutableArray.Create(diagnostic), ct), CheckKey), diagnostic);
                }
            }
        }

        private static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return document;
            }

            var editor = new SyntaxEditor(root, document.Project.Solution.Services);
            var catches = new HashSet<BlockSyntax>();
            var usedNames = new HashSet<string>(root.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText));
            foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
            {
                diagnostic.Properties.TryGetValue(SwallowedPublishFailureAnalyzer.KindProperty, out var kind);
                if (kind == SwallowedPublishFailureAnalyzer.SwallowedKind)
                {
                    if (FindCatchBlock(root, diagnostic) is { } block && catches.Add(block))
                    {
                        editor.ReplaceNode(block, (current, _) => Rethrow((BlockSyntax)current));
                    }
                }
                else if (kind == SwallowedPublishFailureAnalyzer.PartialFailureKind)
                {
                    CheckResponse(editor, model, root, diagnostic, usedNames, cancellationToken);
                }
            }

            return await ReparsedDocument.WithRootAsync(document, editor.GetChangedRoot(), cancellationToken).ConfigureAwait(false);
        }

        // Rethrow -----------------------------------------------------------------------------------------------------

        private static BlockSyntax? FindCatchBlock(SyntaxNode root, Diagnostic diagnostic)
        {
            if (diagnostic.AdditionalLocations.Count == 0)
            {
                return null;
            }

            var location = diagnostic.AdditionalLocations[0];
            if (location.SourceTree != root.SyntaxTree)
            {
                return null;
            }

            var token = root.FindToken(location.SourceSpan.Start);
            return token.Parent is CatchClauseSyntax clause ? clause.Block : null;
        }

        private static BlockSyntax Rethrow(BlockSyntax block)
        {
            var rethrow = SyntaxFactory.ParseStatement("throw;").WithAdditionalAnnotations(Formatter.Annotation);
            var statements = block.Statements;
            if (statements.Count > 0 && statements[statements.Count - 1] is ReturnStatementSyntax { Expression: null } or ContinueStatementSyntax or BreakStatementSyntax)
            {
                var last = statements[statements.Count - 1];
                return block.WithStatements(statements.Replace(last, rethrow.WithTriviaFrom(last)));
            }

            return block.WithStatements(statements.Add(rethrow));
        }

        // Check the partial failure -----------------------------------------------------------------------------------

        /// <summary>The statement that holds the publish call: <c>await call;</c>, <c>_ = await call;</c>, <c>var r = await call;</c> or <c>r = await call;</c>, in a block.</summary>
        private static StatementSyntax? FindResponseStatement(SyntaxNode root, Diagnostic diagnostic)
        {
            if (diagnostic.Location.SourceTree != root.SyntaxTree || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax call)
            {
                return null;
            }

            SyntaxNode node = call;
            while (node.Parent is ParenthesizedExpressionSyntax or AwaitExpressionSyntax)
            {
                node = node.Parent;
            }

            if (node.Parent is AssignmentExpressionSyntax { Parent: ExpressionStatementSyntax } assignment && assignment.Right == node)
            {
                node = assignment;
            }

            StatementSyntax? statement = node.Parent switch
            {
                ExpressionStatementSyntax expressionStatement => expressionStatement,
                EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax declaration } } } => declaration,
                _ => null,
            };

            return statement is { Parent: BlockSyntax or SwitchSectionSyntax } ? statement : null;
        }

        private static void CheckResponse(SyntaxEditor editor, SemanticModel model, SyntaxNode root, Diagnostic diagnostic, HashSet<string> usedNames, CancellationToken cancellationToken)
        {
            if (FindResponseStatement(root, diagnostic) is not { } statement
                || !diagnostic.Properties.TryGetValue(SwallowedPublishFailureAnalyzer.MemberProperty, out var member) || member is null
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax call
                || model.GetSymbolInfo(call, cancellationToken).Symbol is not IMethodSymbol method)
            {
                return;
            }

            var responseType = method.ReturnType is INamedTypeSymbol { TypeArguments.Length: 1 } task && task.Name is "Task" or "ValueTask" ? task.TypeArguments[0] : method.ReturnType;
            var memberType = responseType.GetMembers(member).OfType<IPropertySymbol>().FirstOrDefault()?.Type;
            if (memberType is null)
            {
                return;
            }

            string local;
            StatementSyntax? replacement = null;
            switch (statement)
            {
                case LocalDeclarationStatementSyntax declaration:
                    local = declaration.Declaration.Variables[0].Identifier.ValueText;
                    break;

                case ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { Left: IdentifierNameSyntax target } } when target.Identifier.ValueText != "_":
                    local = target.Identifier.ValueText;
                    break;

                case ExpressionStatementSyntax expressionStatement:
                    local = UniqueName("response", usedNames);
                    var value = expressionStatement.Expression is AssignmentExpressionSyntax discard ? discard.Right : expressionStatement.Expression;
                    replacement = SyntaxFactory.LocalDeclarationStatement(
                            SyntaxFactory.VariableDeclaration(
                                SyntaxFactory.IdentifierName("var"),
                                SyntaxFactory.SingletonSeparatedList(
                                    SyntaxFactory.VariableDeclarator(SyntaxFactory.Identifier(local))
                                        .WithInitializer(SyntaxFactory.EqualsValueClause(value.WithoutTrivia())))))
                        .WithTriviaFrom(expressionStatement)
                        .WithAdditionalAnnotations(Formatter.Annotation);
                    break;

                default:
                    return;
            }

            // Insert first, then replace: the insertion is made next to the statement while it is still the original.
            bool followed = statement.Parent switch
            {
                BlockSyntax block => block.Statements.IndexOf(statement) < block.Statements.Count - 1,
                SwitchSectionSyntax section => section.Statements.IndexOf(statement) < section.Statements.Count - 1,
                _ => false,
            };
            editor.InsertAfter(statement, BuildCheck(local, member, memberType, method.Name, followed));
            if (replacement is not null)
            {
                editor.ReplaceNode(statement, replacement);
            }
        }

        private static StatementSyntax BuildCheck(string local, string member, ITypeSymbol memberType, string operation, bool followed)
        {
            // Parsed from text so that the pattern keeps its one-line shape after formatting.
            string condition = IsNumber(memberType) ? local + "." + member + " > 0" : local + "." + member + " is { Count: > 0 }";
            string message = operation + " did not accept every entry (" + member + "): retry or dead-letter the failed entries.";
            var statement = (IfStatementSyntax)SyntaxFactory.ParseStatement(
                "if (" + condition + ")\n{\n    throw new System.InvalidOperationException(" + SyntaxFactory.Literal(message).ToString() + ");\n}\n");
            if (followed)
            {
                statement = statement.WithTrailingTrivia(statement.GetTrailingTrivia().Add(SyntaxFactory.EndOfLine("\n"))); // a blank line before the code that follows
            }

            var exceptionType = statement.DescendantNodes().OfType<QualifiedNameSyntax>().First();
            return statement.ReplaceNode(exceptionType, exceptionType.WithAdditionalAnnotations(Simplifier.Annotation))
                .WithAdditionalAnnotations(Formatter.Annotation);
        }

        private static bool IsNumber(ITypeSymbol type)
        {
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            return type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Int16 or SpecialType.System_UInt32 or SpecialType.System_UInt64;
        }

        private static string UniqueName(string baseName, HashSet<string> used)
        {
            string name = baseName;
            for (int i = 2; used.Contains(name); i++)
            {
                name = baseName + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            used.Add(name);
            return name;
        }
    }
}
