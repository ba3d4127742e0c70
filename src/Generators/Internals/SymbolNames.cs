using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Consistency.Generators.Internals
{
    /// <summary>How symbols are named in models and generated code.</summary>
    internal static class SymbolNames
    {
        /// <summary><c>global::</c>-qualified, with nullable annotations: for declarations in generated code.</summary>
        public static readonly SymbolDisplayFormat FullyQualified = SymbolDisplayFormat.FullyQualifiedFormat
            .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        /// <summary>The identity of a type for JSON metadata: <c>global::</c>-qualified, reference nullability dropped.</summary>
        public static string TypeKey(ITypeSymbol type)
            => type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

        private static readonly SymbolDisplayFormat MessageFormat = new(
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameOnly,
            genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
            memberOptions: SymbolDisplayMemberOptions.IncludeContainingType | SymbolDisplayMemberOptions.IncludeParameters,
            parameterOptions: SymbolDisplayParameterOptions.IncludeType,
            miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        /// <summary>A short name for messages: <c>OrderHandler.PlaceAsync(PlaceOrder, CancellationToken)</c>.</summary>
        public static string Short(ISymbol symbol) => symbol.ToDisplayString(MessageFormat);

        /// <summary>The namespace, or an empty string for the global namespace.</summary>
        public static string Namespace(ISymbol symbol)
            => symbol.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : string.Empty;

        /// <summary>
        /// The name System.Text.Json gives the <c>JsonTypeInfo</c> property of a type in a context when no
        /// <c>TypeInfoPropertyName</c> is set: arrays append "Array", generic types append their arguments' names,
        /// keywords use their CLR names.
        /// </summary>
        public static string DefaultTypeInfoPropertyName(ITypeSymbol type)
        {
            if (type is IArrayTypeSymbol array)
            {
                return DefaultTypeInfoPropertyName(array.ElementType) + "Array";
            }

            if (type is INamedTypeSymbol { IsGenericType: true } generic)
            {
                var name = new StringBuilder(generic.Name);
                foreach (var argument in generic.TypeArguments)
                {
                    name.Append(DefaultTypeInfoPropertyName(argument));
                }

                return name.ToString();
            }

            return type.Name;
        }

        /// <summary>A name as an identifier in code: keywords get their <c>@</c> back (<c>@event</c>).</summary>
        public static string Identifier(string name)
            => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) is SyntaxKind.AwaitKeyword ? "@" + name : name;

        /// <summary>A C# string literal.</summary>
        public static string Literal(string value)
            => SymbolDisplay.FormatLiteral(value, quote: true);

        /// <summary>The keyword that redeclares a type as partial: class, struct, record, record struct, interface.</summary>
        public static string DeclarationKeyword(INamedTypeSymbol type)
        {
            if (type.IsRecord)
            {
                return type.IsValueType ? "record struct" : "record";
            }

            return type.TypeKind switch
            {
                TypeKind.Struct => "struct",
                TypeKind.Interface => "interface",
                _ => "class",
            };
        }

        /// <summary>The type's name with its type parameters, as written in a declaration (<c>Handler&lt;T&gt;</c>).</summary>
        public static string DeclarationName(INamedTypeSymbol type)
        {
            if (type.TypeParameters.Length == 0)
            {
                return type.Name;
            }

            var name = new StringBuilder(type.Name).Append('<');
            for (int i = 0; i < type.TypeParameters.Length; i++)
            {
                name.Append(i == 0 ? string.Empty : ", ").Append(type.TypeParameters[i].Name);
            }

            return name.Append('>').ToString();
        }

        public static string Accessibility(Accessibility accessibility) => accessibility switch
        {
            Microsoft.CodeAnalysis.Accessibility.Public => "public",
            Microsoft.CodeAnalysis.Accessibility.Internal => "internal",
            Microsoft.CodeAnalysis.Accessibility.Protected => "protected",
            Microsoft.CodeAnalysis.Accessibility.ProtectedOrInternal => "protected internal",
            Microsoft.CodeAnalysis.Accessibility.ProtectedAndInternal => "private protected",
            _ => "private",
        };

        /// <summary>Whether code elsewhere in the assembly can name the type (no private or protected type on the way).</summary>
        public static bool IsVisibleInAssembly(INamedTypeSymbol type)
        {
            for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
            {
                if (current.DeclaredAccessibility is not (Microsoft.CodeAnalysis.Accessibility.Public or Microsoft.CodeAnalysis.Accessibility.Internal or Microsoft.CodeAnalysis.Accessibility.ProtectedOrInternal))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
