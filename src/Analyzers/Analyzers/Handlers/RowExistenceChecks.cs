using System.Collections.Concurrent;
using System.Threading;
using Consistency.Analyzers.Effects;
using Consistency.Analyzers.Flow;
using Consistency.Analyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Consistency.Analyzers.Handlers
{
    /// <summary>
    /// A condition that tests whether the row a message stores is already there, keyed by the message: a redelivery
    /// finds the row that the first delivery stored, so a handler that leaves when it exists (or runs its effects only
    /// when it is missing) has an inbox check in its own table.
    /// <para>
    /// The row is asked for with a read of the store that the effect catalogue classifies as a single read: an
    /// existence query (<c>Any</c>/<c>AnyAsync</c>) whose predicate compares a key member with a value from outside it,
    /// or a lookup of the row (<c>Find</c>/<c>FindAsync</c> by its key, <c>FirstOrDefault</c>/<c>SingleOrDefault</c>
    /// (and <c>Async</c>) with such a predicate) compared with <c>null</c> (<c>==</c>, <c>!=</c>, <c>is null</c>,
    /// <c>is not null</c>, <c>is { }</c>). With Dapper or ADO.NET, a <c>SELECT</c> by a key column run by
    /// <c>ExecuteScalar</c>, <c>QueryFirstOrDefault</c> or <c>QuerySingleOrDefault</c>: a count compared with 0 or 1,
    /// an <c>EXISTS</c>, or a selected value compared with <c>null</c>. Either is written in the condition itself or
    /// kept in a local declared with it and never assigned again, or returned by a method of the project that the
    /// condition calls (a repository's <c>ExistsAsync(id)</c>, through its interface too: every implementation here
    /// must return the same kind of check), two such methods deep. Told from the syntax first: almost no condition
    /// has that shape.
    /// </para>
    /// </summary>
    internal sealed class RowExistenceChecks
    {
        /// <summary>Methods returning a check are followed this many calls deep.</summary>
        private const int MaxWrapperDepth = 2;

        private readonly Compilation compilation;
        private readonly FlowEngine engine;

        // What each method of the project returns, read once: every handler that calls a repository asks again.
        private readonly ConcurrentDictionary<IMethodSymbol, Lookup> wrappers = new(SymbolEqualityComparer.Default);

        public RowExistenceChecks(Compilation compilation, FlowEngine engine)
        {
            this.compilation = compilation;
            this.engine = engine;
        }

        private enum Lookup
        {
            None,

            /// <summary>A boolean that is true when the row exists.</summary>
            Exists,

            /// <summary>The row, or null when it is missing.</summary>
            Row,

            /// <summary>How many rows have the key: positive when the row exists.</summary>
            Count,
        }

        /// <summary>
        /// True when <paramref name="condition"/> holds exactly when the message's row exists, false when it holds
        /// exactly when the row is missing, null when it is no such test.
        /// </summary>
        public bool? WhenRowExists(ExpressionSyntax condition, SemanticModel model, CancellationToken cancellationToken)
        {
            var expression = condition.WithoutParentheses();
            switch (expression)
            {
                case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } not:
                    return WhenRowExists(not.Operand, model, cancellationToken) is { } operand ? !operand : null;

                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression or (int)SyntaxKind.NotEqualsExpression } comparison
                    when IsNull(comparison.Right) || IsNull(comparison.Left):
                    var compared = IsNull(comparison.Right) ? comparison.Left : comparison.Right;
                    return Find(compared, model, followLocal: true, depth: 0, cancellationToken) == Lookup.Row
                        ? comparison.IsKind(SyntaxKind.NotEqualsExpression)
                        : null;

                case BinaryExpressionSyntax comparison:
                    return WhenCountShowsRow(comparison, model, cancellationToken);

                case IsPatternExpressionSyntax test:
                    return MatchesRow(test.Pattern) is { } matches && Find(test.Expression, model, followLocal: true, depth: 0, cancellationToken) == Lookup.Row
                        ? matches
                        : null;

                default:
                    return Find(expression, model, followLocal: true, depth: 0, cancellationToken) == Lookup.Exists ? true : null;
            }
        }

        /// <summary>
        /// A count of the rows with the key compared with 0 or 1, either way round: <c>&gt; 0</c>, <c>&gt;= 1</c> and
        /// <c>!= 0</c> hold when the row exists; <c>== 0</c>, <c>&lt; 1</c> and <c>&lt;= 0</c> when it is missing.
        /// </summary>
        private bool? WhenCountShowsRow(BinaryExpressionSyntax comparison, SemanticModel model, CancellationToken cancellationToken)
        {
            var kind = (SyntaxKind)comparison.RawKind;
            ExpressionSyntax count;
            long bound;
            if (SmallInteger(comparison.Right) is { } right)
            {
                (count, bound) = (comparison.Left, right);
            }
            else if (SmallInteger(comparison.Left) is { } left)
            {
                // 0 < count reads as count > 0.
                (count, bound) = (comparison.Right, left);
                kind = kind switch
                {
                    SyntaxKind.LessThanExpression => SyntaxKind.GreaterThanExpression,
                    SyntaxKind.LessThanOrEqualExpression => SyntaxKind.GreaterThanOrEqualExpression,
                    SyntaxKind.GreaterThanExpression => SyntaxKind.LessThanExpression,
                    SyntaxKind.GreaterThanOrEqualExpression => SyntaxKind.LessThanOrEqualExpression,
                    _ => kind,
                };
            }
            else
            {
                return null;
            }

            bool? exists = (kind, bound) switch
            {
                (SyntaxKind.GreaterThanExpression, 0) or (SyntaxKind.GreaterThanOrEqualExpression, 1) or (SyntaxKind.NotEqualsExpression, 0) => true,
                (SyntaxKind.EqualsExpression, 0) or (SyntaxKind.LessThanExpression, 1) or (SyntaxKind.LessThanOrEqualExpression, 0) => false,
                _ => null,
            };

            return exists is not null && Find(count, model, followLocal: true, depth: 0, cancellationToken) == Lookup.Count ? exists : null;
        }

        private static long? SmallInteger(ExpressionSyntax expression)
            => expression.WithoutParentheses() is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NumericLiteralExpression, Token.Value: int or long } literal
                ? System.Convert.ToInt64(literal.Token.Value, System.Globalization.CultureInfo.InvariantCulture)
                : null;

        /// <summary>True for a pattern that any row matches (<c>not null</c>, <c>{ }</c>), false for <c>null</c>, null otherwise.</summary>
        private static bool? MatchesRow(PatternSyntax pattern) => pattern switch
        {
            ConstantPatternSyntax { Expression: var constant } when IsNull(constant) => false,
            UnaryPatternSyntax { Pattern: ConstantPatternSyntax { Expression: var constant } } when IsNull(constant) => true,
            RecursivePatternSyntax { Type: null, PositionalPatternClause: null, PropertyPatternClause.Subpatterns.Count: 0, Designation: null } => true,
            _ => null,
        };

        private static bool IsNull(ExpressionSyntax expression)
            => expression.WithoutParentheses().IsKind(SyntaxKind.NullLiteralExpression);

        private Lookup Find(ExpressionSyntax expression, SemanticModel model, bool followLocal, int depth, CancellationToken cancellationToken)
        {
            expression = expression.WithoutAwaitOrConversions();
            if (expression is IdentifierNameSyntax name)
            {
                return followLocal && Initializer(name, model, cancellationToken) is { } initializer
                    ? Find(initializer, model, followLocal: false, depth, cancellationToken)
                    : Lookup.None;
            }

            // .ConfigureAwait(false) on the query's task.
            expression = expression.WithoutConfigureAwait();

            if (expression is not InvocationExpressionSyntax { ArgumentList.Arguments: { Count: > 0 } arguments } invocation
                || invocation.Expression switch
                {
                    MemberAccessExpressionSyntax access => access.Name,
                    SimpleNameSyntax simple => simple,
                    _ => null,
                } is not { Identifier.ValueText: var method })
            {
                return Lookup.None;
            }

            // Dapper or ADO.NET: what the SELECT returns is read from its text below.
            bool sql = method is "ExecuteScalar" or "ExecuteScalarAsync" or "QueryFirstOrDefault" or "QueryFirstOrDefaultAsync" or "QuerySingleOrDefault" or "QuerySingleOrDefaultAsync";
            var lookup = sql ? Lookup.Row : method switch
            {
                "Any" or "AnyAsync" when IsKeyedPredicate(arguments[0].Expression) => Lookup.Exists,
                "FirstOrDefault" or "FirstOrDefaultAsync" or "SingleOrDefault" or "SingleOrDefaultAsync" when IsKeyedPredicate(arguments[0].Expression) => Lookup.Row,
                "Find" or "FindAsync" => Lookup.Row,
                _ => Lookup.None,
            };

            if (lookup == Lookup.None)
            {
                return depth < MaxWrapperDepth && model.GetOperation(invocation, cancellationToken) is IInvocationOperation { TargetMethod: { ReturnsVoid: false } target } call
                    ? Returned(target, call.IsVirtual, depth, cancellationToken)
                    : Lookup.None;
            }

            if (model.GetOperation(invocation, cancellationToken) is not IInvocationOperation query
                || !engine.Catalogue.TryClassify(query, out var read)
                || !read.IsSingleRead)
            {
                return Lookup.None;
            }

            return !sql ? lookup
                : SqlStatements.TextOf(query) is not { } text ? Lookup.None
                : SqlStatements.SelectByKey(text) switch
                {
                    KeyedSelect.Count => Lookup.Count,
                    KeyedSelect.Exists => Lookup.Exists,
                    KeyedSelect.Row => Lookup.Row,
                    _ => Lookup.None,
                };
        }

        /// <summary>The check that a called method of the project returns; for a call dispatched to implementations, the one all of them return.</summary>
        private Lookup Returned(IMethodSymbol target, bool isVirtual, int depth, CancellationToken cancellationToken)
        {
            var common = Lookup.None;
            foreach (var callee in engine.ResolveCallees(target, isVirtual, cancellationToken))
            {
                var returned = ReturnedBy(callee, depth, cancellationToken);
                if (returned == Lookup.None || (common != Lookup.None && returned != common))
                {
                    return Lookup.None;
                }

                common = returned;
            }

            return common;
        }

        private Lookup ReturnedBy(IMethodSymbol method, int depth, CancellationToken cancellationToken)
        {
            // Kept only when asked from a handler's condition, where the depth bound has not cut the answer short.
            if (wrappers.TryGetValue(method, out var known))
            {
                return known;
            }

            var returned = ComputeReturnedBy(method, depth, cancellationToken);
            return depth == 0 ? wrappers.GetOrAdd(method, returned) : returned;
        }

        private Lookup ComputeReturnedBy(IMethodSymbol method, int depth, CancellationToken cancellationToken)
        {
            foreach (var declaration in engine.BodyDeclarations(method, cancellationToken))
            {
                if (ReturnedExpression(declaration) is not { } returned)
                {
                    return Lookup.None;
                }

#pragma warning disable RS1030 // The called method's tree; the driver caches semantic models per tree.
                var model = compilation.GetSemanticModel(declaration.SyntaxTree);
#pragma warning restore RS1030
                return Find(returned, model, followLocal: true, depth + 1, cancellationToken);
            }

            return Lookup.None;
        }

        /// <summary>The one value a method returns: its expression body, or a block whose only return is its last statement.</summary>
        private static ExpressionSyntax? ReturnedExpression(SyntaxNode declaration)
        {
            if (declaration is not MethodDeclarationSyntax method)
            {
                return null;
            }

            if (method.ExpressionBody is { } arrow)
            {
                return arrow.Expression;
            }

            if (method.Body is not { Statements: { Count: > 0 } statements } body || statements[statements.Count - 1] is not ReturnStatementSyntax { Expression: { } last })
            {
                return null;
            }

            // Another return (an early `return false;`) answers something else on its path.
            foreach (var node in body.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
            {
                if (node is ReturnStatementSyntax other && other.Expression != last)
                {
                    return null;
                }
            }

            return last;
        }

        /// <summary>What a local was declared with, when it is never assigned again (a later assignment may clear it).</summary>
        private static ExpressionSyntax? Initializer(IdentifierNameSyntax name, SemanticModel model, CancellationToken cancellationToken)
        {
            if (model.GetOperation(name, cancellationToken) is not ILocalReferenceOperation local
                || EffectArguments.LocalInitializer(local) is not { Syntax: ExpressionSyntax value }
                || value.FirstAncestorOrSelf<StatementSyntax>()?.Parent is not { } scope)
            {
                return null;
            }

            // Told by name, over the block that declares it: any assignment or ref/out argument of that name.
            string text = local.Local.Name;
            foreach (var node in scope.DescendantNodes())
            {
                switch (node)
                {
                    case AssignmentExpressionSyntax { Left: IdentifierNameSyntax assigned } when assigned.Identifier.ValueText == text:
                    case ArgumentSyntax { RefKindKeyword.RawKind: not (int)SyntaxKind.None, Expression: IdentifierNameSyntax passed } when passed.Identifier.ValueText == text:
                        return null;
                }
            }

            return value;
        }

        /// <summary><c>o =&gt; o.Id == value</c> (either side), where the member is a key member and the value does not read the lambda's parameter.</summary>
        private static bool IsKeyedPredicate(ExpressionSyntax argument)
        {
            if (argument is not SimpleLambdaExpressionSyntax { Parameter.Identifier.ValueText: var parameter, ExpressionBody: { } body }
                || body.WithoutParentheses() is not BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression } equality)
            {
                return false;
            }

            return (IsKeyMemberOf(equality.Left, parameter) && !Mentions(equality.Right, parameter))
                || (IsKeyMemberOf(equality.Right, parameter) && !Mentions(equality.Left, parameter));
        }

        private static bool IsKeyMemberOf(ExpressionSyntax expression, string parameter)
            => expression.WithoutParentheses() is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: var receiver }, Name.Identifier.ValueText: var member }
                && receiver == parameter && WriteRequest.IsKeyName(member);

        private static bool Mentions(ExpressionSyntax expression, string parameter)
        {
            foreach (var token in expression.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == parameter)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
