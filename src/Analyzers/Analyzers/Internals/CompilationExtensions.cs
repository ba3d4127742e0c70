using Microsoft.CodeAnalysis;

namespace Consistency.Analyzers.Internals
{
    internal static class CompilationExtensions
    {
        /// <summary>
        /// Resolves a type by metadata name, preferring the definition in the compilation itself, then a unique
        /// definition among references. Unlike GetTypeByMetadataName it does not give up when two references
        /// define the same type (common with shared stand-ins and polyfills).
        /// </summary>
        public static INamedTypeSymbol? GetBestTypeByMetadataName(this Compilation compilation, string metadataName)
        {
            INamedTypeSymbol? own = compilation.Assembly.GetTypeByMetadataName(metadataName);
            if (own is not null)
            {
                return own;
            }

            INamedTypeSymbol? found = null;
            foreach (var type in compilation.GetTypesByMetadataName(metadataName))
            {
                if (!IsAccessibleOutside(type))
                {
                    continue;
                }

                if (found is not null)
                {
                    return null; // ambiguous: better no answer than the wrong type
                }

                found = type;
            }

            return found;
        }

        private static bool IsAccessibleOutside(INamedTypeSymbol type)
        {
            for (ISymbol? current = type; current is INamedTypeSymbol named; current = named.ContainingType)
            {
                if (named.DeclaredAccessibility != Accessibility.Public)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
