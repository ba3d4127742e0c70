using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Consistency.Analyzers.Flow
{
    /// <summary>
    /// For every interface or virtual method, the implementations and overrides declared in the compilation, so that a
    /// call through an interface (<c>IEventBus.PublishAsync</c>, <c>IOrderRepository.SaveAsync</c>) follows the bodies
    /// it can run. Built once per compilation, on first need, by one walk over the source types that records which
    /// types implement which interfaces and which methods override which; the implementations of one interface method
    /// are looked up when a call of it is first followed (most interface members, such as those of
    /// <c>IEquatable&lt;T&gt;</c> or <c>IDisposable</c>, are never asked for), and then cached. The same walk indexes the
    /// source types and their methods and properties by name, for the <see cref="SiteScreen"/>: asking the compilation
    /// for the symbols of a name walks its declarations once per name.
    /// </summary>
    internal sealed class ImplementationMap
    {
        private readonly List<INamedTypeSymbol> types;
        private readonly Dictionary<INamedTypeSymbol, List<int>> implementorsByInterface;
        private readonly Dictionary<IMethodSymbol, List<IMethodSymbol>> overrides;
        private readonly Dictionary<string, List<IMethodSymbol>> explicitByName;
        private readonly Dictionary<string, List<ISymbol>> membersByName;
        private readonly Dictionary<string, List<INamedTypeSymbol>> typesByName;
        private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>> implementations = new(SymbolEqualityComparer.Default);

        private ImplementationMap(
            List<INamedTypeSymbol> types,
            Dictionary<INamedTypeSymbol, List<int>> implementorsByInterface,
            Dictionary<IMethodSymbol, List<IMethodSymbol>> overrides,
            Dictionary<string, List<IMethodSymbol>> explicitByName,
            Dictionary<string, List<ISymbol>> membersByName,
            Dictionary<string, List<INamedTypeSymbol>> typesByName)
        {
            this.types = types;
            this.implementorsByInterface = implementorsByInterface;
            this.overrides = overrides;
            this.explicitByName = explicitByName;
            this.membersByName = membersByName;
            this.typesByName = typesByName;
        }

        public static ImplementationMap Build(Compilation compilation, CancellationToken cancellationToken)
        {
            var sourceTypes = new List<INamedTypeSymbol>();
            var byInterface = new Dictionary<INamedTypeSymbol, List<int>>(SymbolEqualityComparer.Default);
            var overrides = new Dictionary<IMethodSymbol, List<IMethodSymbol>>(SymbolEqualityComparer.Default);
            var explicitByName = new Dictionary<string, List<IMethodSymbol>>(System.StringComparer.Ordinal);
            var membersByName = new Dictionary<string, List<ISymbol>>(System.StringComparer.Ordinal);
            var typesByName = new Dictionary<string, List<INamedTypeSymbol>>(System.StringComparer.Ordinal);
            var namespaces = new Stack<INamespaceSymbol>();
            namespaces.Push(compilation.Assembly.GlobalNamespace);
            var pending = new Stack<INamedTypeSymbol>();
            while (namespaces.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var current = namespaces.Pop();
                foreach (var member in current.GetMembers())
                {
                    if (member is INamespaceSymbol childNamespace)
                    {
                        namespaces.Push(childNamespace);
                    }
                    else if (member is INamedTypeSymbol type)
                    {
                        pending.Push(type);
                    }
                }

                while (pending.Count > 0)
                {
                    var type = pending.Pop();
                    foreach (var nested in type.GetTypeMembers())
                    {
                        pending.Push(nested);
                    }

                    // One read of the members per type: each read builds a new array of them.
                    AddToIndex(typesByName, type.Name, type);
                    var members = type.GetMembers();
                    foreach (var member in members)
                    {
                        if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } or IPropertySymbol)
                        {
                            AddToIndex(membersByName, member.Name, member);
                        }

                        AddExplicit(member, explicitByName);
                    }

                    if (type.TypeKind is TypeKind.Class or TypeKind.Struct)
                    {
                        AddType(type, members, sourceTypes, byInterface, overrides);
                    }
                }
            }

            return new ImplementationMap(sourceTypes, byInterface, overrides, explicitByName, membersByName, typesByName);
        }

        /// <summary>The ordinary methods and the properties (indexers as <c>this[]</c>) of the source types that have this name.</summary>
        public IReadOnlyList<ISymbol> MembersNamed(string name)
            => membersByName.TryGetValue(name, out var found) ? found : (IReadOnlyList<ISymbol>)System.Array.Empty<ISymbol>();

        /// <summary>The source types of this simple name.</summary>
        public IReadOnlyList<INamedTypeSymbol> TypesNamed(string name)
            => typesByName.TryGetValue(name, out var found) ? found : (IReadOnlyList<INamedTypeSymbol>)System.Array.Empty<INamedTypeSymbol>();

        private static void AddToIndex<T>(Dictionary<string, List<T>> index, string name, T symbol)
        {
            if (!index.TryGetValue(name, out var list))
            {
                index[name] = list = new List<T>();
            }

            list.Add(symbol);
        }

        /// <summary>
        /// The explicit interface implementations (methods and accessors) whose interface member has this simple name:
        /// their own names are qualified (<c>IFoo.Add</c>), so a lookup by the name a call is written with misses them.
        /// </summary>
        public IReadOnlyList<IMethodSymbol> ExplicitImplementationsNamed(string name)
            => explicitByName.TryGetValue(name, out var found) ? found : (IReadOnlyList<IMethodSymbol>)System.Array.Empty<IMethodSymbol>();

        /// <summary>The source implementations of an interface member or overrides of a virtual method, in declaration-walk order.</summary>
        public ImmutableArray<IMethodSymbol> Get(IMethodSymbol method)
        {
            var key = method.OriginalDefinition;
            if (implementations.TryGetValue(key, out var known))
            {
                return known;
            }

            return implementations.GetOrAdd(key, Compute(key));
        }

        private ImmutableArray<IMethodSymbol> Compute(IMethodSymbol key)
        {
            if (key.ContainingType is not { TypeKind: TypeKind.Interface } @interface)
            {
                return overrides.TryGetValue(key, out var overriding) ? overriding.ToImmutableArray() : ImmutableArray<IMethodSymbol>.Empty;
            }

            if (key.IsStatic || !implementorsByInterface.TryGetValue(@interface.OriginalDefinition, out var implementors))
            {
                return ImmutableArray<IMethodSymbol>.Empty;
            }

            List<IMethodSymbol>? found = null;
            foreach (int index in implementors)
            {
                var type = types[index];
                foreach (var implemented in type.AllInterfaces)
                {
                    if (!SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, @interface))
                    {
                        continue;
                    }

                    // The member of this construction of the interface (IHandler<Order>.Handle for IHandler<T>.Handle).
                    foreach (var member in implemented.GetMembers(key.Name))
                    {
                        if (member is IMethodSymbol { IsStatic: false } interfaceMethod
                            && SymbolEqualityComparer.Default.Equals(interfaceMethod.OriginalDefinition, key)
                            && type.FindImplementationForInterfaceMember(interfaceMethod) is IMethodSymbol { IsAbstract: false } implementation
                            && !implementation.DeclaringSyntaxReferences.IsEmpty)
                        {
                            Add(found ??= new List<IMethodSymbol>(), implementation.OriginalDefinition);
                        }
                    }
                }
            }

            return found is null ? ImmutableArray<IMethodSymbol>.Empty : found.ToImmutableArray();
        }

        private static void AddType(INamedTypeSymbol type, ImmutableArray<ISymbol> members, List<INamedTypeSymbol> types, Dictionary<INamedTypeSymbol, List<int>> byInterface, Dictionary<IMethodSymbol, List<IMethodSymbol>> overrides)
        {
            int index = types.Count;
            types.Add(type);
            foreach (var member in members)
            {
                if (member is IMethodSymbol { IsOverride: true, IsAbstract: false } method)
                {
                    for (var overridden = method.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
                    {
                        var key = overridden.OriginalDefinition;
                        if (!overrides.TryGetValue(key, out var list))
                        {
                            overrides[key] = list = new List<IMethodSymbol>();
                        }

                        // No duplicate check: a method meets each method it overrides once, and a list such as the
                        // overrides of object.ToString holds every record and class of the compilation.
                        list.Add(method);
                    }
                }
            }

            foreach (var @interface in type.AllInterfaces)
            {
                var key = @interface.OriginalDefinition;
                if (!byInterface.TryGetValue(key, out var implementors))
                {
                    byInterface[key] = implementors = new List<int>();
                }

                // A type implementing two constructions of one generic interface is listed once.
                if (implementors.Count == 0 || implementors[implementors.Count - 1] != index)
                {
                    implementors.Add(index);
                }
            }
        }

        private static void AddExplicit(ISymbol member, Dictionary<string, List<IMethodSymbol>> explicitByName)
        {
            string? name = member switch
            {
                IMethodSymbol { MethodKind: MethodKind.ExplicitInterfaceImplementation } method when !method.ExplicitInterfaceImplementations.IsEmpty
                    => method.ExplicitInterfaceImplementations[0].Name,
                IPropertySymbol property when !property.ExplicitInterfaceImplementations.IsEmpty
                    => property.ExplicitInterfaceImplementations[0].IsIndexer ? WellKnownMemberNames.Indexer : property.ExplicitInterfaceImplementations[0].Name,
                _ => null,
            };
            if (name is null)
            {
                return;
            }

            if (member is IPropertySymbol implemented)
            {
                if (implemented.GetMethod is { } getter)
                {
                    AddToIndex(explicitByName, name, getter);
                }

                if (implemented.SetMethod is { } setter)
                {
                    AddToIndex(explicitByName, name, setter);
                }
            }
            else
            {
                AddToIndex(explicitByName, name, (IMethodSymbol)member);
            }
        }

        private static void Add(List<IMethodSymbol> list, IMethodSymbol implementation)
        {
            foreach (var existing in list)
            {
                if (SymbolEqualityComparer.Default.Equals(existing, implementation))
                {
                    return;
                }
            }

            list.Add(implementation);
        }
    }
}
