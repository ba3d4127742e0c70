using Consistency.Generators.Internals;

namespace Consistency.Generators.Json
{
    /// <summary>A type a user's <c>JsonSerializerContext</c> serialises, and the name of its <c>JsonTypeInfo</c> property.</summary>
    internal sealed record JsonSerializableEntry(string TypeKey, string PropertyName);

    /// <summary>One declaration of a user's <c>JsonSerializerContext</c> (<c>global::</c>-qualified name) with its entries.</summary>
    internal sealed record JsonContextModel(string ContextName, EquatableArray<JsonSerializableEntry> Entries);
}
