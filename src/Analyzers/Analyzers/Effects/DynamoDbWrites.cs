using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Consistency.Analyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Consistency.Analyzers.Effects
{
    /// <summary>
    /// The DynamoDB write APIs of <see cref="WellKnownDynamoDbWrites"/> resolved in one compilation (cached per
    /// compilation, shared by the rules), and what a call's request says about its condition. Requests are read from
    /// the call (an object creation, or a local's initializer plus assignments to the local in the same body); what
    /// cannot be read is reported as unknown, never guessed.
    /// </summary>
    internal sealed class DynamoDbWrites
    {
        private static readonly ConditionalWeakTable<Compilation, DynamoDbWrites> Cache = new();

        private readonly Dictionary<IMethodSymbol, DynamoDbWriteShape> shapes = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<ITypeSymbol, bool> versioned = new(SymbolEqualityComparer.Default);

        // By the write's call: the rules about a handler's writes (CH0002, CH0003) read the same requests.
        private readonly ConcurrentDictionary<SyntaxNode, WriteRequest> requests = new();

        private DynamoDbWrites(Compilation compilation)
        {
            foreach (var (typeName, shape, methods) in WellKnownDynamoDbWrites.Methods)
            {
                if (compilation.GetBestTypeByMetadataName(typeName) is not { } type)
                {
                    continue;
                }

                foreach (var name in methods)
                {
                    foreach (var member in type.GetMembers(name))
                    {
                        if (member is IMethodSymbol method)
                        {
                            shapes[method.OriginalDefinition] = shape;
                        }
                    }
                }
            }

            PutItemRequest = compilation.GetBestTypeByMetadataName(WellKnownDynamoDbWrites.PutItemRequest);
            UpdateItemRequest = compilation.GetBestTypeByMetadataName(WellKnownDynamoDbWrites.UpdateItemRequest);
            TransactPut = compilation.GetBestTypeByMetadataName(WellKnownDynamoDbWrites.TransactPutAction);
            TransactUpdate = compilation.GetBestTypeByMetadataName(WellKnownDynamoDbWrites.TransactUpdateAction);
            VersionAttribute = compilation.GetBestTypeByMetadataName(WellKnownDynamoDbWrites.VersionAttribute);
        }

        /// <summary>True when the compilation references none of the write APIs.</summary>
        public bool IsEmpty => shapes.Count == 0;

        public INamedTypeSymbol? PutItemRequest { get; }

        public INamedTypeSymbol? UpdateItemRequest { get; }

        public INamedTypeSymbol? TransactPut { get; }

        public INamedTypeSymbol? TransactUpdate { get; }

        public INamedTypeSymbol? VersionAttribute { get; }

        public static DynamoDbWrites GetOrCreate(Compilation compilation) => Cache.GetValue(compilation, c => new DynamoDbWrites(c));

        /// <summary>What the request of a write call says (<see cref="WriteRequest.Read"/>), read once per call for every rule that asks.</summary>
        public WriteRequest ReadRequest(IInvocationOperation invocation)
            => requests.TryGetValue(invocation.Syntax, out var known) ? known : requests.GetOrAdd(invocation.Syntax, WriteRequest.Read(invocation));

        /// <summary>The shape of a catalogued write method (any overload).</summary>
        public bool TryGetShape(IMethodSymbol method, out DynamoDbWriteShape shape)
            => shapes.TryGetValue((method.ReducedFrom ?? method).OriginalDefinition, out shape);

        /// <summary>The parameter of an object persistence <c>Save</c> that takes the saved object (<c>T value</c>, or <c>object value</c> with a type).</summary>
        public static bool IsSavedObject(IParameterSymbol parameter)
            => parameter.OriginalDefinition.Type is ITypeParameterSymbol || parameter.Type.SpecialType == SpecialType.System_Object;

        /// <summary>
        /// The request object of a call: the argument of the given type, when it is created in the call or in a local's
        /// initializer (<paramref name="local"/> is then the local, whose later assignments count too).
        /// <paramref name="passed"/> is true when the call has an argument of that type at all (even one that cannot be read).
        /// </summary>
        public static IObjectCreationOperation? FindRequest(IInvocationOperation invocation, INamedTypeSymbol? type, out ILocalSymbol? local, out bool passed)
        {
            local = null;
            passed = false;
            if (type is null)
            {
                return null;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is not { } parameter || argument.Value is null
                    || !SymbolEqualityComparer.Default.Equals(parameter.Type.OriginalDefinition, type))
                {
                    continue;
                }

                var value = EffectArguments.Unwrap(argument.Value);
                if (argument.IsImplicit || value is IDefaultValueOperation || value.ConstantValue is { HasValue: true, Value: null })
                {
                    continue; // an optional config left out, or null: no request
                }

                passed = true;
                if (value is ILocalReferenceOperation reference)
                {
                    local = reference.Local;
                }

                return EffectArguments.FindCreation(value);
            }

            return null;
        }

        /// <summary>The value given to a member of a request: in its initializer, or assigned to the local that holds it in the same body.</summary>
        public static IOperation? MemberValue(IObjectCreationOperation creation, string member, ILocalSymbol? local)
        {
            if (EffectArguments.InitializedValue(creation, member) is { } initialized)
            {
                return initialized;
            }

            return local is null ? null : EffectArguments.AssignedValue(creation, local, member);
        }

        /// <summary>Object creations of a type inside a value (following locals to their initializers): the actions of a transaction.</summary>
        public static void CollectCreations(IOperation value, INamedTypeSymbol type, List<IObjectCreationOperation> found, int depth = 0)
        {
            if (depth > 3)
            {
                return;
            }

            value = EffectArguments.Unwrap(value);
            if (value is ILocalReferenceOperation local)
            {
                if (EffectArguments.LocalInitializer(local) is { } initializer)
                {
                    CollectCreations(initializer, type, found, depth + 1);
                }

                return;
            }

            if (value is IObjectCreationOperation self && SymbolEqualityComparer.Default.Equals(self.Type?.OriginalDefinition, type))
            {
                found.Add(self);
            }

            foreach (var operation in value.Descendants())
            {
                if (operation is IObjectCreationOperation creation && SymbolEqualityComparer.Default.Equals(creation.Type?.OriginalDefinition, type))
                {
                    found.Add(creation);
                }
                else if (operation is ILocalReferenceOperation nested && EffectArguments.LocalInitializer(nested) is { } initializer)
                {
                    CollectCreations(initializer, type, found, depth + 1);
                }
            }
        }

        /// <summary>
        /// The attribute names of an item written as a dictionary (<c>["pk"] = …</c> or <c>{ "pk", … }</c>), in source
        /// order; empty when the item is not a dictionary built here.
        /// </summary>
        public static List<string> ItemAttributeNames(IOperation item)
        {
            var names = new List<string>();
            var value = EffectArguments.FindCreation(EffectArguments.Unwrap(item));
            if (value?.Initializer is not { } initializer)
            {
                return names;
            }

            foreach (var entry in initializer.Initializers)
            {
                switch (entry)
                {
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true } indexer }
                        when indexer.Arguments.Length == 1 && indexer.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string key }:
                        names.Add(key);
                        break;
                    case IInvocationOperation { Arguments.Length: 2 } add when add.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string key }:
                        names.Add(key);
                        break;
                }
            }

            return names;
        }

        /// <summary>
        /// A condition that makes a repeated create or an out-of-order update harmless: <c>attribute_not_exists</c>, or a
        /// comparison (<c>#v &lt; :v</c>, <c>version = :expected</c>).
        /// </summary>
        public static bool IsIdempotentCondition(string text)
        {
            if (text.IndexOf("attribute_not_exists", System.StringComparison.OrdinalIgnoreCase) >= 0 || text.IndexOf('<') >= 0 || text.IndexOf('>') >= 0)
            {
                return true;
            }

            return text.IndexOf('=') >= 0 && IsVersionLike(text);
        }

        /// <summary>Text that names a version, sequence, revision or timestamp attribute (or its usual placeholder <c>#v</c>).</summary>
        public static bool IsVersionLike(string text)
        {
            foreach (var word in WellKnownDynamoDbWrites.VersionWords)
            {
                if (text.IndexOf(word, System.StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }

            return text.IndexOf("#v", System.StringComparison.Ordinal) >= 0;
        }

        /// <summary>Whether the type (or a base type) has a property marked <c>[DynamoDBVersion]</c>.</summary>
        public bool HasVersionProperty(ITypeSymbol type)
        {
            if (VersionAttribute is null)
            {
                return false;
            }

            // Asked for every save of an entity type: its members and its base types' are read once.
            return versioned.TryGetValue(type, out bool known) ? known : versioned.GetOrAdd(type, FindVersionProperty(type));
        }

        private bool FindVersionProperty(ITypeSymbol type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    if (member is not IPropertySymbol property)
                    {
                        continue;
                    }

                    foreach (var attribute in property.GetAttributes())
                    {
                        for (var attributeType = attribute.AttributeClass; attributeType is not null; attributeType = attributeType.BaseType)
                        {
                            if (SymbolEqualityComparer.Default.Equals(attributeType, VersionAttribute))
                            {
                                return true;
                            }
                        }
                    }
                }
            }

            return false;
        }
    }
}
