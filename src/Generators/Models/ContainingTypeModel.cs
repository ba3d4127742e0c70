using Consistency.Generators.Internals;
using Microsoft.CodeAnalysis;

namespace Consistency.Generators.Models
{
    /// <summary>One type declaration to reopen as partial: its keyword (class, record struct, ...) and name with type parameters.</summary>
    internal sealed record TypeDeclarationModel(string Keyword, string Name);

    /// <summary>The type that receives generated members: namespace, then the declarations from outermost to innermost.</summary>
    internal sealed record ContainingTypeModel(string Namespace, EquatableArray<TypeDeclarationModel> Declarations, string MetadataName)
    {
        public static ContainingTypeModel From(INamedTypeSymbol type)
        {
            int depth = 0;
            for (var current = type; current is not null; current = current.ContainingType)
            {
                depth++;
            }

            var declarations = new TypeDeclarationModel[depth];
            var metadataName = type.MetadataName;
            int index = depth - 1;
            for (var current = type; current is not null; current = current.ContainingType)
            {
                declarations[index--] = new TypeDeclarationModel(SymbolNames.DeclarationKeyword(current), SymbolNames.DeclarationName(current));
                if (!SymbolEqualityComparer.Default.Equals(current, type))
                {
                    metadataName = current.MetadataName + "." + metadataName;
                }
            }

            string ns = SymbolNames.Namespace(type);
            return new ContainingTypeModel(ns, new EquatableArray<TypeDeclarationModel>(declarations), ns.Length == 0 ? metadataName : ns + "." + metadataName);
        }

        /// <summary>A file name part: the metadata name with generic arity marks made file-safe.</summary>
        public string HintPrefix => MetadataName.Replace('`', '_');
    }
}
