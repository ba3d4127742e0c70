using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Consistency.Generators.Internals;
using Microsoft.CodeAnalysis;

namespace Consistency.Generators.Json
{
    /// <summary>
    /// Finds the user's source-generated JSON contexts. A generator cannot see what the System.Text.Json generator
    /// emits, so generated code refers to contexts the user declares (<c>[JsonSerializable(typeof(T))] partial class
    /// X : JsonSerializerContext</c>), which that generator completes in the same build.
    /// </summary>
    internal static class JsonContextParser
    {
        public const string JsonSerializableAttribute = "System.Text.Json.Serialization.JsonSerializableAttribute";
        private const string JsonSerializerContext = "System.Text.Json.Serialization.JsonSerializerContext";

        public static JsonContextModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not INamedTypeSymbol type || !DerivesFromContext(type) || !SymbolNames.IsVisibleInAssembly(type) || type.IsGenericType)
            {
                return null;
            }

            var entries = new List<JsonSerializableEntry>(context.Attributes.Length);
            foreach (var attribute in context.Attributes)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not ITypeSymbol serialised)
                {
                    continue;
                }

                string? propertyName = null;
                foreach (var named in attribute.NamedArguments)
                {
                    if (named.Key == "TypeInfoPropertyName" && named.Value.Value is string explicitName && explicitName.Length > 0)
                    {
                        propertyName = explicitName;
                    }
                }

                entries.Add(new JsonSerializableEntry(SymbolNames.TypeKey(serialised), propertyName ?? SymbolNames.DefaultTypeInfoPropertyName(serialised)));
            }

            return new JsonContextModel(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), new EquatableArray<JsonSerializableEntry>(entries.ToArray()));
        }

        /// <summary>The expression of the <c>JsonTypeInfo</c> of <paramref name="typeKey"/>, from the first context (by name) that has it.</summary>
        public static string? FindTypeInfo(ImmutableArray<JsonContextModel?> contexts, string typeKey)
        {
            string? best = null;
            string? bestContext = null;
            foreach (var context in contexts)
            {
                if (context is null || (bestContext is not null && string.CompareOrdinal(context.ContextName, bestContext) >= 0))
                {
                    continue;
                }

                foreach (var entry in context.Entries)
                {
                    if (entry.TypeKey == typeKey)
                    {
                        best = context.ContextName + ".Default." + entry.PropertyName;
                        bestContext = context.ContextName;
                        break;
                    }
                }
            }

            return best;
        }

        private static bool DerivesFromContext(INamedTypeSymbol type)
        {
            for (var current = type.BaseType; current is not null; current = current.BaseType)
            {
                if (current.ToDisplayString() == JsonSerializerContext)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
