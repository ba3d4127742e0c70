using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Consistency.Analyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Consistency.Analyzers.Handlers
{
    /// <summary>
    /// The idempotency guards of RULES.md §1.3 that are not facts of one write request (those are read by
    /// <see cref="Effects.WriteRequest"/>): the <c>[Idempotent]</c> attributes, and the inbox or processed-message checks
    /// (our runtime's <c>IInbox</c>, any method marked <c>[IdempotencyGuard]</c>, and helpers of the compilation that
    /// make one of those calls).
    /// <para>
    /// A check guards a call when it dominates it and the method leaves on its failure: an earlier statement of an
    /// enclosing block is <c>if (check) return/throw/continue/break;</c> (directly, or through a local holding the
    /// check's result), or a void check that throws; or the call is inside <c>if (check) { … }</c>. A check nested in a
    /// branch of its own does not dominate what follows that branch, and a check after the call guards nothing.
    /// The walk is structural (statements and their nesting), which is what dominance is for code without goto.
    /// </para>
    /// </summary>
    internal sealed class IdempotencyGuards
    {
        private static readonly ImmutableArray<string> IdempotentAttributes = ImmutableArray.Create(
            "Consistency.IdempotentAttribute",
            "AWS.Lambda.Powertools.Idempotency.IdempotentAttribute");

        private static readonly ImmutableArray<(string Type, string Method)> GuardMethods = ImmutableArray.Create(
            ("Consistency.Runtime.Inbox.IInbox", "CheckAsync"),
            ("Consistency.Runtime.Inbox.IInbox", "TryMarkProcessedAsync"));

        private const string GuardAttribute = "Consistency.IdempotencyGuardAttribute";

        private readonly Compilation compilation;
        private readonly RowExistenceChecks rows;
        private readonly ImmutableArray<INamedTypeSymbol> idempotentAttributes;
        private readonly HashSet<IMethodSymbol> guardMethods = new(SymbolEqualityComparer.Default);
        private readonly INamedTypeSymbol? guardAttribute;
        private readonly ConcurrentDictionary<IMethodSymbol, bool> isGuard = new(SymbolEqualityComparer.Default);

        // Expressions read for a check while no guard local is in scope: the answer depends on the expression alone.
        private readonly ConcurrentDictionary<SyntaxNode, bool> checkedExpressions = new();

        // Calls, by whether a check guards them where they are.
        private readonly ConcurrentDictionary<SyntaxNode, bool> guardedCalls = new();

        // Calls inside helpers, by whether they are guarded there or their helper is [Idempotent]: every handler that
        // reaches a helper asks about the same calls in it.
        private readonly ConcurrentDictionary<SyntaxNode, bool> guardedInHelper = new();

        public IdempotencyGuards(Compilation compilation, Flow.FlowEngine engine)
        {
            this.compilation = compilation;
            rows = new RowExistenceChecks(compilation, engine);
            var attributes = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
            foreach (var name in IdempotentAttributes)
            {
                if (compilation.GetBestTypeByMetadataName(name) is { } type)
                {
                    attributes.Add(type);
                }
            }

            idempotentAttributes = attributes.ToImmutable();
            foreach (var (typeName, method) in GuardMethods)
            {
                foreach (var member in compilation.GetBestTypeByMetadataName(typeName)?.GetMembers(method) ?? ImmutableArray<ISymbol>.Empty)
                {
                    if (member is IMethodSymbol guard)
                    {
                        guardMethods.Add(guard.OriginalDefinition);
                    }
                }
            }

            guardAttribute = compilation.GetBestTypeByMetadataName(GuardAttribute);
        }

        /// <summary>Whether the method is marked <c>[Idempotent]</c> (ours or Powertools').</summary>
        public bool IsIdempotent(IMethodSymbol method)
        {
            if (idempotentAttributes.IsEmpty)
            {
                return false;
            }

            foreach (var attribute in method.GetAttributes())
            {
                foreach (var type in idempotentAttributes)
                {
                    if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, type))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// Whether a call (an effect, or the call of the helper that holds it) is guarded in the method that contains
        /// it, or, when it is inside a local function, at every call of that local function.
        /// </summary>
        public bool IsGuarded(SyntaxNode site, CancellationToken cancellationToken)
        {
            // The answer depends on the call alone: a handler asks once per effect it reaches through the call.
            if (guardedCalls.TryGetValue(site, out bool known))
            {
                return known;
            }

            if (!compilation.ContainsSyntaxTree(site.SyntaxTree))
            {
                return false;
            }

#pragma warning disable RS1030 // The sites come from bodies the flow engine followed; the driver caches semantic models per tree.
            var model = compilation.GetSemanticModel(site.SyntaxTree);
#pragma warning restore RS1030
            return guardedCalls.GetOrAdd(site, IsGuarded(site, model, depth: 0, cancellationToken));
        }

        /// <summary>
        /// Whether a call inside a helper, on the path from a handler to an effect (the effect itself, or the call of
        /// the next helper), is guarded where it is, or is inside a helper marked <c>[Idempotent]</c>.
        /// </summary>
        public bool IsGuardedInHelper(SyntaxNode call, CancellationToken cancellationToken)
        {
            if (guardedInHelper.TryGetValue(call, out bool known))
            {
                return known;
            }

            bool guarded = (MayBeInMarkedMethod(call) && EnclosingMethod(call) is { } helper && IsIdempotent(helper)) || IsGuarded(call, cancellationToken);
            return guardedInHelper.GetOrAdd(call, guarded);
        }

        /// <summary>
        /// Whether the method whose body contains the node may carry an attribute, told from the syntax: a method,
        /// constructor or accessor declared without attributes (and not partial, whose other part may have them) has
        /// none, and finding its symbol would ask the semantic model for the enclosing symbol.
        /// </summary>
        private bool MayBeInMarkedMethod(SyntaxNode node)
        {
            if (idempotentAttributes.IsEmpty)
            {
                return false;
            }

            for (var current = node.Parent; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case AccessorDeclarationSyntax accessor:
                        return accessor.AttributeLists.Count > 0;

                    case BaseMethodDeclarationSyntax method:
                        return method.AttributeLists.Count > 0 || method.Modifiers.Any(SyntaxKind.PartialKeyword);

                    case MemberDeclarationSyntax:
                        return true; // a primary constructor's arguments, an expression-bodied property: the semantic model decides
                }
            }

            return true;
        }

        /// <summary>The method (not a lambda or local function) whose body contains the node.</summary>
        public IMethodSymbol? EnclosingMethod(SyntaxNode node)
        {
            if (!compilation.ContainsSyntaxTree(node.SyntaxTree))
            {
                return null;
            }

#pragma warning disable RS1030 // See IsGuarded.
            var model = compilation.GetSemanticModel(node.SyntaxTree);
#pragma warning restore RS1030
            for (var symbol = model.GetEnclosingSymbol(node.SpanStart); symbol is not null; symbol = symbol.ContainingSymbol)
            {
                if (symbol is IMethodSymbol { MethodKind: not (MethodKind.LambdaMethod or MethodKind.LocalFunction) } method)
                {
                    return method;
                }
            }

            return null;
        }

        private bool IsGuarded(SyntaxNode site, SemanticModel model, int depth, CancellationToken cancellationToken)
        {
            var guardLocals = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);

            // Conditions of the ifs around the site, read again with the locals of each enclosing block: a check's
            // result kept in a local before the if (`if (decision == InboxDecision.Accepted) { … }`).
            List<ExpressionSyntax>? enclosingConditions = null;
            SyntaxNode current = site;
            for (var parent = current.Parent; parent is not null; current = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case BlockSyntax block:
                        guardLocals.Clear();
                        foreach (var statement in block.Statements)
                        {
                            if (statement == current)
                            {
                                break;
                            }

                            if (IsGuardStatement(statement, model, guardLocals, cancellationToken))
                            {
                                return true;
                            }
                        }

                        if (enclosingConditions is not null && guardLocals.Count > 0)
                        {
                            foreach (var condition in enclosingConditions)
                            {
                                if (ContainsCheck(condition, model, guardLocals, cancellationToken))
                                {
                                    return true;
                                }
                            }
                        }

                        break;

                    // Inside `if (check) { … }` or its else (`if (decision == InboxDecision.Duplicate) { … } else { … }`); for a
                    // test of the message's row, the branch that runs when the row is missing.
                    case IfStatementSyntax ifStatement when ifStatement.Statement == current || ifStatement.Else == current:
                        if (ContainsCheck(ifStatement.Condition, model, guardLocals, cancellationToken)
                            || rows.WhenRowExists(ifStatement.Condition, model, cancellationToken) == (ifStatement.Else == current))
                        {
                            return true;
                        }

                        (enclosingConditions ??= new List<ExpressionSyntax>()).Add(ifStatement.Condition);
                        break;

                    case LocalFunctionStatementSyntax localFunction:
                        return depth < 3 && AllCallsGuarded(localFunction, model, depth, cancellationToken);

                    case MemberDeclarationSyntax or AccessorDeclarationSyntax:
                        return false;
                }
            }

            return false;
        }

        private bool AllCallsGuarded(LocalFunctionStatementSyntax localFunction, SemanticModel model, int depth, CancellationToken cancellationToken)
        {
            if (model.GetDeclaredSymbol(localFunction, cancellationToken) is not IMethodSymbol symbol)
            {
                return false;
            }

            var member = localFunction.Parent;
            while (member is not null and not (MemberDeclarationSyntax or AccessorDeclarationSyntax))
            {
                member = member.Parent;
            }

            if (member is null)
            {
                return false;
            }

            bool any = false;
            foreach (var node in member.DescendantNodes())
            {
                if (node is InvocationExpressionSyntax invocation
                    && !localFunction.Span.Contains(invocation.Span)
                    && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(invocation, cancellationToken).Symbol?.OriginalDefinition, symbol.OriginalDefinition))
                {
                    if (!IsGuarded(invocation, model, depth + 1, cancellationToken))
                    {
                        return false;
                    }

                    any = true;
                }
            }

            return any;
        }

        /// <summary>
        /// A statement that guards what follows it: <c>if (check) exit;</c>, a void check (it throws on a duplicate), or
        /// a declaration that keeps a check's result for a later <c>if</c>.
        /// </summary>
        private bool IsGuardStatement(StatementSyntax statement, SemanticModel model, HashSet<ILocalSymbol> guardLocals, CancellationToken cancellationToken)
        {
            switch (statement)
            {
                case IfStatementSyntax ifStatement:
                    return ifStatement.Else is null && AlwaysExits(ifStatement.Statement)
                        && (ContainsCheck(ifStatement.Condition, model, guardLocals, cancellationToken) || rows.WhenRowExists(ifStatement.Condition, model, cancellationToken) == true);

                case LocalDeclarationStatementSyntax declaration:
                    foreach (var variable in declaration.Declaration.Variables)
                    {
                        if (variable.Initializer is { } initializer && ContainsCheck(initializer.Value, model, guardLocals, cancellationToken)
                            && model.GetDeclaredSymbol(variable, cancellationToken) is ILocalSymbol local)
                        {
                            guardLocals.Add(local);
                        }
                    }

                    return false;

                case ExpressionStatementSyntax { Expression: var expression }:
                    if (expression is AssignmentExpressionSyntax { Left: IdentifierNameSyntax name } assignment
                        && ContainsCheck(assignment.Right, model, guardLocals, cancellationToken)
                        && model.GetSymbolInfo(name, cancellationToken).Symbol is ILocalSymbol assigned)
                    {
                        guardLocals.Add(assigned);
                        return false;
                    }

                    // A check whose result is not looked at guards only when it has no result to look at (it throws).
                    var call = expression is AwaitExpressionSyntax awaited ? awaited.Expression : expression;
                    return call is InvocationExpressionSyntax invocation
                        && CalledMethod(invocation, model, cancellationToken) is { } method
                        && IsGuardMethod(method, cancellationToken)
                        && ReturnsNothing(method);

                default:
                    return false;
            }
        }

        /// <summary>The method an invocation calls, from its operation when the driver has built it (the semantic model otherwise).</summary>
        private static IMethodSymbol? CalledMethod(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken)
            => model.GetOperation(invocation, cancellationToken) is IInvocationOperation operation
                ? operation.TargetMethod
                : model.GetSymbolInfo(invocation, cancellationToken).Symbol as IMethodSymbol;

        private static bool ReturnsNothing(IMethodSymbol method)
            => method.ReturnsVoid || method.ReturnType is INamedTypeSymbol { Arity: 0, Name: "Task" or "ValueTask" };

        private static bool AlwaysExits(StatementSyntax statement)
        {
            while (statement is BlockSyntax block)
            {
                if (block.Statements.Count == 0)
                {
                    return false;
                }

                statement = block.Statements[block.Statements.Count - 1];
            }

            return statement is ReturnStatementSyntax or ThrowStatementSyntax or ContinueStatementSyntax or BreakStatementSyntax
                || statement is YieldStatementSyntax { RawKind: (int)SyntaxKind.YieldBreakStatement }
                || statement is ExpressionStatementSyntax { Expression: ThrowExpressionSyntax };
        }

        private bool ContainsCheck(SyntaxNode expression, SemanticModel model, HashSet<ILocalSymbol> guardLocals, CancellationToken cancellationToken)
        {
            // Without guard locals the answer depends on the expression alone: every later call site of the block, and
            // every handler that reaches this code, asks again about the same statements.
            if (guardLocals.Count == 0)
            {
                return checkedExpressions.TryGetValue(expression, out bool known)
                    ? known
                    : checkedExpressions.GetOrAdd(expression, FindCheck(expression, model, guardLocals, cancellationToken));
            }

            return FindCheck(expression, model, guardLocals, cancellationToken);
        }

        /// <summary>
        /// Read from the expression's operations, which the driver has already built for the bodies whose calls are asked
        /// about: walking them and reading each call's target costs far less than walking the syntax and asking the
        /// semantic model about every invocation. The syntax is walked only when the expression has no operation
        /// (broken code).
        /// </summary>
        private bool FindCheck(SyntaxNode expression, SemanticModel model, HashSet<ILocalSymbol> guardLocals, CancellationToken cancellationToken)
        {
            if (model.GetOperation(expression, cancellationToken) is { } operation)
            {
                var operationTest = new CheckOperationTest(this, guardLocals, cancellationToken);
                return operationTest.Test(operation) || OperationWalk.AnyDescendant(operation, ref operationTest);
            }

            var test = new CheckTest(this, model, guardLocals, cancellationToken);
            return test.Test(expression) || SyntaxWalk.AnyDescendant(expression, ref test);
        }

        private readonly struct CheckOperationTest : IOperationTest
        {
            private readonly IdempotencyGuards guards;
            private readonly HashSet<ILocalSymbol> guardLocals;
            private readonly CancellationToken cancellationToken;

            public CheckOperationTest(IdempotencyGuards guards, HashSet<ILocalSymbol> guardLocals, CancellationToken cancellationToken)
            {
                this.guards = guards;
                this.guardLocals = guardLocals;
                this.cancellationToken = cancellationToken;
            }

            public bool Test(IOperation operation) => guards.IsCheck(operation, guardLocals, cancellationToken);
        }

        /// <summary>The operation counterpart of the syntax test below.</summary>
        private bool IsCheck(IOperation operation, HashSet<ILocalSymbol> guardLocals, CancellationToken cancellationToken)
        {
            switch (operation.Kind)
            {
                case OperationKind.Invocation:
                    return ((IInvocationOperation)operation).TargetMethod is { } method && IsGuardMethod(method, cancellationToken);

                case OperationKind.LocalReference:
                    return guardLocals.Count > 0 && guardLocals.Contains(((ILocalReferenceOperation)operation).Local);

                default:
                    return false;
            }
        }

        private readonly struct CheckTest : ISyntaxNodeTest
        {
            private readonly IdempotencyGuards guards;
            private readonly SemanticModel model;
            private readonly HashSet<ILocalSymbol> guardLocals;
            private readonly CancellationToken cancellationToken;

            public CheckTest(IdempotencyGuards guards, SemanticModel model, HashSet<ILocalSymbol> guardLocals, CancellationToken cancellationToken)
            {
                this.guards = guards;
                this.model = model;
                this.guardLocals = guardLocals;
                this.cancellationToken = cancellationToken;
            }

            public bool Test(SyntaxNode node) => guards.IsCheck(node, model, guardLocals, cancellationToken);
        }

        /// <summary>A call of a guard method, or a read of a local that holds a check's result.</summary>
        private bool IsCheck(SyntaxNode node, SemanticModel model, HashSet<ILocalSymbol> guardLocals, CancellationToken cancellationToken)
        {
            switch ((SyntaxKind)node.RawKind)
            {
                case SyntaxKind.InvocationExpression:
                    return model.GetSymbolInfo((InvocationExpressionSyntax)node, cancellationToken).Symbol is IMethodSymbol method
                        && IsGuardMethod(method, cancellationToken);

                case SyntaxKind.IdentifierName:
                    return guardLocals.Count > 0
                        && model.GetSymbolInfo((IdentifierNameSyntax)node, cancellationToken).Symbol is ILocalSymbol local && guardLocals.Contains(local);

                default:
                    return false;
            }
        }

        /// <summary>An inbox check, a method marked <c>[IdempotencyGuard]</c> (or implementing one), or a helper of the compilation that calls one.</summary>
        public bool IsGuardMethod(IMethodSymbol method, CancellationToken cancellationToken)
        {
            method = (method.ReducedFrom ?? method).OriginalDefinition;

            // Asked for every call of every handler: a known answer creates no closure (the lambda lives in its own method,
            // since a captured parameter allocates its closure on entry to the method that declares it).
            return isGuard.TryGetValue(method, out bool known) ? known : ClassifyOnce(method, cancellationToken);
        }

        private bool ClassifyOnce(IMethodSymbol method, CancellationToken cancellationToken)
            => isGuard.GetOrAdd(method, m => Classify(m, helperDepth: 0, cancellationToken));

        private bool Classify(IMethodSymbol method, int helperDepth, CancellationToken cancellationToken)
        {
            if (IsDeclaredGuard(method))
            {
                return true;
            }

            if (method.ContainingType is { } type && !method.IsStatic)
            {
                foreach (var @interface in type.AllInterfaces)
                {
                    foreach (var member in @interface.GetMembers(method.Name))
                    {
                        if (member is IMethodSymbol interfaceMethod && IsDeclaredGuard(interfaceMethod.OriginalDefinition)
                            && SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(interfaceMethod)?.OriginalDefinition, method))
                        {
                            return true;
                        }
                    }
                }
            }

            for (var overridden = method.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
            {
                if (IsDeclaredGuard(overridden.OriginalDefinition))
                {
                    return true;
                }
            }

            // A helper of the compilation (IsFirstDeliveryAsync) whose body makes the check.
            if (helperDepth > 1 || method.DeclaringSyntaxReferences.IsEmpty || method.ReturnsVoid)
            {
                return false;
            }

            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax(cancellationToken);
                if (!compilation.ContainsSyntaxTree(syntax.SyntaxTree))
                {
                    continue;
                }

#pragma warning disable RS1030 // See IsGuarded.
                var model = compilation.GetSemanticModel(syntax.SyntaxTree);
#pragma warning restore RS1030
                foreach (var node in syntax.DescendantNodes())
                {
                    if (node is InvocationExpressionSyntax invocation
                        && model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol callee
                        && !SymbolEqualityComparer.Default.Equals(callee.OriginalDefinition, method)
                        && Classify((callee.ReducedFrom ?? callee).OriginalDefinition, helperDepth + 1, cancellationToken))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private bool IsDeclaredGuard(IMethodSymbol method)
        {
            if (guardMethods.Contains(method))
            {
                return true;
            }

            if (guardAttribute is null)
            {
                return false;
            }

            foreach (var attribute in method.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, guardAttribute))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
