using Microsoft.CodeAnalysis;

namespace Consistency.Analyzers.Internals
{
    internal static class SymbolExtensions
    {
        /// <summary>Whether <paramref name="type"/> is <paramref name="baseType"/> or a class derived from it (interfaces are not followed).</summary>
        public static bool IsOrDerivesFrom(this ITypeSymbol? type, INamedTypeSymbol baseType)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, baseType))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
