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
    }
}
