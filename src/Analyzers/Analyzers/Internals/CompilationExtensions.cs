using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Consistency.Analyzers.Internals
{
    internal static class CompilationExtensions
    {
        /// <summary>
        /// Resolves a type by metadata name (<c>Namespace.Type`1+Nested</c>), preferring the definition in the
        /// compilation itself, then a unique public definition among references. Unlike GetTypeByMetadataName it does
        /// not give up when two references define the same type (common with shared stand-ins and polyfills).
        /// <para>
        /// The name is looked up through the compilation's merged namespaces: one lookup per namespace part, cached by
        /// the compiler and shared with its own binding of <c>using</c> directives, instead of one lookup per
        /// referenced assembly (GetTypesByMetadataName), which made building the catalogues a visible part of the cost
        /// of each compilation, and of each edit in an editor. A namespace that no reference declares ends the lookup.
        /// </para>
        /// </summary>
        public static INamedTypeSymbol? GetBestTypeByMetadataName(this Compilation compilation, string metadataName)
        {
            int firstNested = IndexOfOrLength(metadataName, '+');
            if (firstNested == 0)
            {
                return null;
            }

            int typeStart = metadataName.LastIndexOf('.', firstNested - 1) + 1;
            INamespaceSymbol? current = compilation.GlobalNamespace;
            int partStart = 0;
            while (current is not null && partStart < typeStart)
            {
                int dot = metadataName.IndexOf('.', partStart);
                current = FindNamespace(current, metadataName.Substring(partStart, dot - partStart));
                partStart = dot + 1;
            }

            if (current is null)
            {
                return null;
            }

            var candidates = ImmutableArray<INamedTypeSymbol>.Empty;
            int segmentStart = typeStart;
            bool first = true;
            while (segmentStart <= metadataName.Length)
            {
                int plus = IndexOfOrLength(metadataName, '+', segmentStart);
                var (name, arity) = SplitArity(metadataName, segmentStart, plus);
                if (first)
                {
                    candidates = current.GetTypeMembers(name, arity);
                    first = false;
                }
                else
                {
                    var nested = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
                    foreach (var outer in candidates)
                    {
                        nested.AddRange(outer.GetTypeMembers(name, arity));
                    }

                    candidates = nested.ToImmutable();
                }

                if (candidates.IsEmpty)
                {
                    return null;
                }

                segmentStart = plus + 1;
            }

            INamedTypeSymbol? found = null;
            bool ambiguous = false;
            foreach (var type in candidates)
            {
                if (type.IsDeclaredIn(compilation.Assembly))
                {
                    return type;
                }

                if (!IsAccessibleOutside(type))
                {
                    continue;
                }

                ambiguous |= found is not null;
                found = type;
            }

            return ambiguous ? null : found; // better no answer than the wrong type
        }

        private static INamespaceSymbol? FindNamespace(INamespaceSymbol parent, string name)
        {
            foreach (var member in parent.GetMembers(name))
            {
                if (member is INamespaceSymbol child)
                {
                    return child;
                }
            }

            return null;
        }

        private static int IndexOfOrLength(string text, char value, int start = 0)
        {
            int index = text.IndexOf(value, start);
            return index < 0 ? text.Length : index;
        }

        private static (string Name, int Arity) SplitArity(string metadataName, int start, int end)
        {
            int tick = metadataName.IndexOf('`', start, end - start);
            if (tick >= 0 && int.TryParse(metadataName.Substring(tick + 1, end - tick - 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int arity))
            {
                return (metadataName.Substring(start, tick - start), arity);
            }

            return (metadataName.Substring(start, end - start), 0);
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
