using System;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Consistency.Testing.Tests
{
    // Small analyzers, fixers and generators with known behaviour, good and deliberately broken, that the harness
    // must accept or reject.

    /// <summary>Reports every call of a method named <c>Bad</c>, at the method name.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class BadCallAnalyzer : DiagnosticAnalyzer
    {
        public static readonly DiagnosticDescriptor Rule = new(
            "TST0001", "Bad call", "Call to '{0}' is bad", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterOperationAction(Analyze, OperationKind.Invocation);
        }

        private static void Analyze(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (invocation.TargetMethod.Name == "Bad" && invocation.Syntax is InvocationExpressionSyntax syntax)
            {
                var name = syntax.Expression is MemberAccessExpressionSyntax member ? member.Name : syntax.Expression;
                context.ReportDiagnostic(Diagnostic.Create(Rule, name.GetLocation(), invocation.TargetMethod.Name));
            }
        }
    }

    /// <summary>Like <see cref="BadCallAnalyzer"/>, with the declaration of the called method as additional location.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class BadCallWithDeclarationAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(BadCallAnalyzer.Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterOperationAction(
                c =>
                {
                    var invocation = (IInvocationOperation)c.Operation;
                    if (invocation.TargetMethod.Name == "Bad")
                    {
                        var declaration = invocation.TargetMethod.Locations.Where(l => l.IsInSource);
                        c.ReportDiagnostic(Diagnostic.Create(BadCallAnalyzer.Rule, invocation.Syntax.GetLocation(), declaration, invocation.TargetMethod.Name));
                    }
                },
                OperationKind.Invocation);
        }
    }

    /// <summary>Reports in generated code too, which our analyzers must never do.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ReportsInGeneratedCodeAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(BadCallAnalyzer.Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterOperationAction(
                c =>
                {
                    var invocation = (IInvocationOperation)c.Operation;
                    if (invocation.TargetMethod.Name == "Bad" && invocation.Syntax is InvocationExpressionSyntax { Expression: IdentifierNameSyntax name })
                    {
                        c.ReportDiagnostic(Diagnostic.Create(BadCallAnalyzer.Rule, name.GetLocation(), "Bad"));
                    }
                },
                OperationKind.Invocation);
        }
    }

    /// <summary>Throws while analysing: the harness must turn AD0001 into a failure.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ThrowingAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(BadCallAnalyzer.Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterOperationAction(_ => throw new InvalidOperationException("boom in analyzer"), OperationKind.Invocation);
        }
    }

    /// <summary>Renames <c>Bad</c> to <c>Good</c>: a correct fix.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp), Shared]
    public sealed class RenameToGoodFixer : CodeFixProvider
    {
        private const string NewName = "Good";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("TST0001");

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root?.FindNode(context.Span, getInnermostNodeForTie: true) is not SimpleNameSyntax name)
            {
                return;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Call " + NewName,
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(name, SyntaxFactory.IdentifierName(NewName).WithTriviaFrom(name)))),
                    equivalenceKey: "TST0001.Rename"),
                context.Diagnostics);
        }
    }

    /// <summary>Renames to a method that does not exist: the fix breaks compilation.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp), Shared]
    public sealed class BreaksCompilationFixer : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("TST0001");

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root?.FindNode(context.Span, getInnermostNodeForTie: true) is not SimpleNameSyntax name)
            {
                return;
            }

            context.RegisterCodeFix(
                CodeAction.Create("Call Missing", _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(name, SyntaxFactory.IdentifierName("Missing").WithTriviaFrom(name)))), "TST0001.Missing"),
                context.Diagnostics);
        }
    }

    /// <summary>Builds a tree that no parser would produce (an identifier token holding two words).</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp), Shared]
    public sealed class InvalidTreeFixer : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("TST0001");

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root?.FindNode(context.Span, getInnermostNodeForTie: true) is not SimpleNameSyntax name)
            {
                return;
            }

            // "Good(); Good" parses as more than one node: the token text and the tree disagree.
            var token = SyntaxFactory.Identifier(name.Identifier.LeadingTrivia, "Good(); Good", name.Identifier.TrailingTrivia);
            context.RegisterCodeFix(
                CodeAction.Create("Invalid", _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(name, SyntaxFactory.IdentifierName(token)))), "TST0001.Invalid"),
                context.Diagnostics);
        }
    }

    /// <summary>A valid fix that grows a statement list: inserts <c>Good();</c> before the statement with the bad call.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp), Shared]
    public sealed class InsertStatementFixer : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("TST0001");

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root?.FindNode(context.Span, getInnermostNodeForTie: true).FirstAncestorOrSelf<StatementSyntax>() is not { Parent: BlockSyntax block } statement)
            {
                return;
            }

            var good = SyntaxFactory.ParseStatement("Good();").WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation);
            var badToGood = statement.ReplaceNode(statement.DescendantNodes().OfType<SimpleNameSyntax>().First(n => n.Identifier.Text == "Bad"), SyntaxFactory.IdentifierName("Good"));
            var newBlock = block.WithStatements(block.Statements.Replace(statement, badToGood).Insert(block.Statements.IndexOf(statement), good));
            context.RegisterCodeFix(
                CodeAction.Create("Insert Good", _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(block, newBlock))), "TST0001.Insert"),
                context.Diagnostics);
        }
    }

    /// <summary>Each action carries its own equivalence key, so Fix All fixes only the first occurrence.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp), Shared]
    public sealed class PerLocationKeyFixer : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("TST0001");

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root?.FindNode(context.Span, getInnermostNodeForTie: true) is not SimpleNameSyntax name)
            {
                return;
            }

            context.RegisterCodeFix(
                CodeAction.Create("Call Good", _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(name, SyntaxFactory.IdentifierName("Good").WithTriviaFrom(name)))), "TST0001." + context.Span.Start),
                context.Diagnostics);
        }
    }
}
