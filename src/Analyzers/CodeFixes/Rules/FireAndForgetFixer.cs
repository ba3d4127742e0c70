using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Consistency.Analyzers;
using Consistency.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;

namespace Consistency.CodeFixes.Rules
{
    /// <summary>
    /// CH0011: awaits the discarded task. In an async function that returns a task the discard becomes an
    /// <c>await</c>. A synchronous <c>void</c> method becomes <c>async Task</c> only when no caller can break: a local
    /// function or a private, non-virtual method that is only ever called (never used as a delegate). No fix is offered
    /// for <c>async void</c> lambdas and event handlers, whose signature their caller fixes.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(FireAndForgetFixer)), Shared]
    public sealed class FireAndForgetFixer : CodeFixProvider
    {
        private const string Title = "Await the task";

        private static readonly string EquivalenceKey = RuleIdentifiers.FireAndForgetEffect;

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.FireAndForgetEffect);

        public override FixAllProvider GetFixAllProvider()
            => FixAllProvider.Create(async (context, document, diagnostics) => await FixAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (await PlanAsync(context.Document, root, model, diagnostic, context.CancellationToken).ConfigureAwait(false) is not null)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(Title, ct => FixAsync(context.Document, ImmutableArray.Create(diagnostic), ct), EquivalenceKey),
                        diagnostic);
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
            var madeAsync = new HashSet<SyntaxNode>();
            var awaited = new HashSet<SyntaxNode>();
            foreach (var diagnostic in diagnostics.OrderByDescending(d => d.Location.SourceSpan.Start))
            {
                if (await PlanAsync(document, root, model, diagnostic, cancellationToken).ConfigureAwait(false) is not { } plan || !awaited.Add(plan.Discarded))
                {
                    continue;
                }

                editor.ReplaceNode(plan.Discarded, (current, _) => Await(current));
                if (plan.FunctionToMakeAsync is { } function && madeAsync.Add(function))
                {
                    foreach (var caller in plan.Callers!)
                    {
                        if (awaited.Add(caller))
                        {
                            editor.ReplaceNode(caller, (current, _) => Await(current));
                        }
                    }

                    editor.ReplaceNode(function, (current, _) => MakeAsync(current));
                }
            }

            return document.WithSyntaxRoot(editor.GetChangedRoot());
        }

        /// <summary>Replaces <c>_ = task</c> or <c>task</c> (as written now) with <c>await task</c>.</summary>
        private static SyntaxNode Await(SyntaxNode current)
        {
            var task = current is AssignmentExpressionSyntax assignment ? assignment.Right : (ExpressionSyntax)current;
            var awaitExpression = SyntaxFactory.AwaitExpression(task.WithoutLeadingTrivia())
                .WithLeadingTrivia(current.GetLeadingTrivia())
                .WithTrailingTrivia(current.GetTrailingTrivia());
            return awaitExpression;
        }

        private static SyntaxNode MakeAsync(SyntaxNode function)
        {
            var taskType = SyntaxFactory.ParseTypeName("System.Threading.Tasks.Task").WithAdditionalAnnotations(Simplifier.Annotation);
            var asyncKeyword = SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space);
            switch (function)
            {
                case MethodDeclarationSyntax method:
                    return method.WithReturnType(taskType.WithTriviaFrom(method.ReturnType))
                        .WithModifiers(method.Modifiers.Add(asyncKeyword));

                case LocalFunctionStatementSyntax local:
                    if (local.Modifiers.Count == 0)
                    {
                        return local.WithReturnType(taskType.WithTrailingTrivia(local.ReturnType.GetTrailingTrivia()))
                            .WithModifiers(SyntaxFactory.TokenList(asyncKeyword.WithLeadingTrivia(local.ReturnType.GetLeadingTrivia())));
                    }

                    return local.WithReturnType(taskType.WithTriviaFrom(local.ReturnType)).WithModifiers(local.Modifiers.Add(asyncKeyword));

                default:
                    return function;
            }
        }

        /// <summary>What to change for one diagnostic; null when no safe fix exists.</summary>
        private static async Task<Plan?> PlanAsync(Document document, SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (!diagnostic.Properties.TryGetValue(FireAndForgetAnalyzer.LossProperty, out var loss) || loss != nameof(FireAndForgetAnalyzer.LossKind.Discarded))
            {
                return null;
            }

            var location = diagnostic.Properties.ContainsKey(FireAndForgetAnalyzer.CarrierProperty) && diagnostic.AdditionalLocations.Count > 0
                ? diagnostic.AdditionalLocations[0]
                : diagnostic.Location;
            if (location.SourceTree != root.SyntaxTree || root.FindNode(location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax task)
            {
                return null;
            }

            var outer = WalkUpParentheses(task);
            SyntaxNode discarded;
            if (outer.Parent is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" } } assignment && assignment.Right == outer)
            {
                discarded = assignment;
            }
            else
            {
                discarded = outer;
            }

            if (discarded.Parent is not (ExpressionStatementSyntax or ArrowExpressionClauseSyntax or LambdaExpressionSyntax))
            {
                return null;
            }

            // The function whose body the await lands in, and whether awaiting there is allowed and safe.
            for (var node = discarded.Parent; node is not null; node = node.Parent)
            {
                switch (node)
                {
                    case LockStatementSyntax:
                        return null; // no await inside lock

                    case AnonymousFunctionExpressionSyntax lambda:
                        return model.GetSymbolInfo(lambda, cancellationToken).Symbol is IMethodSymbol { IsAsync: true, ReturnsVoid: false }
                            ? new Plan(discarded, task, null, null)
                            : null;

                    case LocalFunctionStatementSyntax or MethodDeclarationSyntax:
                        if (model.GetDeclaredSymbol(node, cancellationToken) is not IMethodSymbol method)
                        {
                            return null;
                        }

                        if (method.IsAsync)
                        {
                            return method.ReturnsVoid ? null : new Plan(discarded, task, null, null);
                        }

                        return await CallersToAwaitAsync(document, model, method, node, cancellationToken).ConfigureAwait(false) is { } callers
                            ? new Plan(discarded, task, node, callers)
                            : null;

                    case AccessorDeclarationSyntax or ConstructorDeclarationSyntax or BaseTypeDeclarationSyntax or OperatorDeclarationSyntax:
                        return null;
                }
            }

            return null;
        }

        private static ExpressionSyntax WalkUpParentheses(ExpressionSyntax expression)
        {
            while (expression.Parent is ParenthesizedExpressionSyntax parenthesized)
            {
                expression = parenthesized;
            }

            return expression;
        }

        /// <summary>
        /// A <c>void</c> method can return a task instead when nothing depends on its signature: a local function or a
        /// private, non-virtual, non-interface method without ref/out parameters, referenced only by call statements of
        /// this document that sit in async functions returning a task (they are awaited too, so no new task is lost).
        /// Returns those calls, or null when the signature cannot change safely.
        /// </summary>
        private static async Task<List<ExpressionSyntax>?> CallersToAwaitAsync(Document document, SemanticModel model, IMethodSymbol method, SyntaxNode declaration, CancellationToken cancellationToken)
        {
            if (!method.ReturnsVoid || method.IsVirtual || method.IsOverride || method.IsAbstract || method.IsExtern || method.IsPartialDefinition
                || method.PartialImplementationPart is not null || method.PartialDefinitionPart is not null
                || !method.ExplicitInterfaceImplementations.IsEmpty || method.Parameters.Any(p => p.RefKind != RefKind.None))
            {
                return null;
            }

            if (declaration is MethodDeclarationSyntax { Body: null, ExpressionBody: null })
            {
                return null;
            }

            var scopes = new List<SyntaxNode>();
            if (method.MethodKind == MethodKind.LocalFunction)
            {
                scopes.Add(declaration.Parent ?? declaration);
            }
            else
            {
                if (method.DeclaredAccessibility != Accessibility.Private || method.ContainingType is not { } type || ImplementsInterfaceMember(method, type))
                {
                    return null;
                }

                foreach (var reference in type.DeclaringSyntaxReferences)
                {
                    scopes.Add(await reference.GetSyntaxAsync(cancellationToken).ConfigureAwait(false));
                }
            }

            var callers = new List<ExpressionSyntax>();
            foreach (var scope in scopes)
            {
                if (scope.SyntaxTree != model.SyntaxTree)
                {
                    return null; // a partial part in another document: its calls are not ours to edit here
                }

                foreach (var name in scope.DescendantNodes().OfType<IdentifierNameSyntax>())
                {
                    if (name.Identifier.ValueText != method.Name)
                    {
                        continue;
                    }

                    var info = model.GetSymbolInfo(name, cancellationToken);
                    var target = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
                    if (target is null || !SymbolEqualityComparer.Default.Equals(target.OriginalDefinition, method.OriginalDefinition))
                    {
                        continue;
                    }

                    ExpressionSyntax callee = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
                    if (callee.Parent is not InvocationExpressionSyntax invocation || invocation.Expression != callee)
                    {
                        return null; // a method group (delegate, event subscription, nameof): its type would change
                    }

                    var call = WalkUpParentheses(invocation);
                    if (call.Parent is not ExpressionStatementSyntax || !IsInAsyncTaskFunction(call, model, declaration, cancellationToken))
                    {
                        return null; // the caller would discard the task: no fix rather than a new fire-and-forget
                    }

                    callers.Add(call);
                }
            }

            return callers;
        }

        /// <summary>True when an await at <paramref name="node"/> lands in an async function that returns a task (or in <paramref name="becomingAsync"/>).</summary>
        private static bool IsInAsyncTaskFunction(SyntaxNode node, SemanticModel model, SyntaxNode becomingAsync, CancellationToken cancellationToken)
        {
            for (var current = node.Parent; current is not null; current = current.Parent)
            {
                if (current == becomingAsync)
                {
                    return true;
                }

                switch (current)
                {
                    case LockStatementSyntax:
                        return false;
                    case AnonymousFunctionExpressionSyntax lambda:
                        return model.GetSymbolInfo(lambda, cancellationToken).Symbol is IMethodSymbol { IsAsync: true, ReturnsVoid: false };
                    case LocalFunctionStatementSyntax or MethodDeclarationSyntax:
                        return model.GetDeclaredSymbol(current, cancellationToken) is IMethodSymbol { IsAsync: true, ReturnsVoid: false };
                    case MemberDeclarationSyntax:
                        return false;
                }
            }

            return false;
        }

        private static bool ImplementsInterfaceMember(IMethodSymbol method, INamedTypeSymbol type)
        {
            foreach (var @interface in type.AllInterfaces)
            {
                foreach (var member in @interface.GetMembers(method.Name))
                {
                    if (SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(member), method))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private sealed class Plan
        {
            public Plan(SyntaxNode discarded, ExpressionSyntax task, SyntaxNode? functionToMakeAsync, List<ExpressionSyntax>? callers)
            {
                Callers = callers;
                Discarded = discarded;
                Task = task;
                FunctionToMakeAsync = functionToMakeAsync;
            }

            /// <summary>The discard: <c>_ = task</c>, or the task itself when it is a statement or an expression body.</summary>
            public SyntaxNode Discarded { get; }

            public ExpressionSyntax Task { get; }

            /// <summary>A synchronous void method or local function to turn into <c>async Task</c>.</summary>
            public SyntaxNode? FunctionToMakeAsync { get; }

            /// <summary>The call statements of <see cref="FunctionToMakeAsync"/> to await once it returns a task.</summary>
            public List<ExpressionSyntax>? Callers { get; }
        }
    }
}
