using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Consistency.Analyzers.Internals
{
    internal static class ExpressionSyntaxExtensions
    {
        /// <summary>The expression inside any number of parentheses.</summary>
        public static ExpressionSyntax WithoutParentheses(this ExpressionSyntax expression)
        {
            while (expression is ParenthesizedExpressionSyntax parenthesized)
            {
                expression = parenthesized.Expression;
            }

            return expression;
        }

        /// <summary>The value under parentheses, casts, <c>!</c> and <c>await</c>: none of them changes which call it is.</summary>
        public static ExpressionSyntax WithoutAwaitOrConversions(this ExpressionSyntax expression)
        {
            while (true)
            {
                switch (expression.WithoutParentheses())
                {
                    case CastExpressionSyntax cast:
                        expression = cast.Expression;
                        break;
                    case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } suppressed:
                        expression = suppressed.Operand;
                        break;
                    case AwaitExpressionSyntax awaited:
                        expression = awaited.Expression;
                        break;
                    case var operand:
                        return operand;
                }
            }
        }

        /// <summary>The task that <c>.ConfigureAwait(…)</c> is called on (itself unwrapped as above), or the expression when it is no such call.</summary>
        public static ExpressionSyntax WithoutConfigureAwait(this ExpressionSyntax expression)
            => expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Expression: var configured } }
                ? configured.WithoutAwaitOrConversions()
                : expression;

        /// <summary>The simple name of a type as written (<c>Ns.Order&lt;T&gt;</c>, <c>global::Order</c> and <c>Order?</c> give <c>Order</c>); null when it has none.</summary>
        public static string? SimpleName(this TypeSyntax type)
            => type switch
            {
                SimpleNameSyntax simple => simple.Identifier.ValueText,
                QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
                AliasQualifiedNameSyntax aliased => aliased.Name.Identifier.ValueText,
                NullableTypeSyntax nullable => nullable.ElementType.SimpleName(),
                _ => null,
            };
    }
}
