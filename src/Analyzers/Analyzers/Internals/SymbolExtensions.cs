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

        /// <summary>
        /// Whether the symbol belongs to the assembly (a compilation's own): told without building anything, where a
        /// metadata symbol's locations are built on each read and a source symbol's tree is searched for in the
        /// compilation's map of trees.
        /// </summary>
        public static bool IsDeclaredIn(this ISymbol symbol, IAssemblySymbol assembly)
            => SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, assembly);
    }
}
