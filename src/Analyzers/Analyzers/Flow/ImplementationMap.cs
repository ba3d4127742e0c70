using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Consistency.Analyzers.Flow
{
    /// <summary>
    /// For every interface or virtual method, the implementations and overrides declared in the compilation, so that a
    /// call through an interface (<c>IEventBus.PublishAsync</c>, <c>IOrderRepository.SaveAsync</c>) follows the bodies
    /// it can run. Built once per compilation, on first need, by one walk over the source types that records which
    /// types implement which interfaces and which member names each type declares (from its declarations, without
    /// building its members); the implementations of one interface method, the overrides of one virtual method and the
    /// members of one name are looked up when they are first asked for (most interface members, such as those of
    /// <c>IEquatable&lt;T&gt;</c> or <c>IDisposable</c>, and most names are never asked for), and then cached. The same
    /// walk indexes the source types by name and the explicit interface implementations by the name of the member they
    /// implement, for the <see cref="SiteScreen"/>: asking the compilation for the symbols of a name walks its
    /// declarations once per name.
    /// </summary>
    internal sealed class ImplementationMap
    {
        private readonly List<INamedTypeSymbol> types;
        private readonly Dictionary<INamedTypeSymbol, List<int>> implementorsByInterface;
        private readonly Dictionary<string, List<int>> typesByMemberName;
        private readonly Dictionary<string, List<IMethodSymbol>> explicitByName;
        private readonly Dictionary<string, List<INamedTypeSymbol>> typesByName;
        private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>> implementations = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<string, IReadOnlyList<ISymbol>> membersByName = new(System.StringComparer.Ordinal);

        private ImplementationMap(
            List<INamedTypeSymbol> types,
            Dictionary<INamedTypeSymbol, List<int>> implementorsByInterface,
            Dictionary<string, List<int>> typesByMemberName,
            Dictionary<string, List<IMethodSymbol>> explicitByName,
            Dictionary<string, List<INamedTypeSymbol>> typesByName)
        {
            this.types = types;
            this.implementorsByInterface = implementorsByInterface;
            this.typesByMemberName = typesByMemberName;
            this.explicitByName = explicitByName;
            this.typesByName = typesByName;
        }

        public static ImplementationMap Build(Compilation compilation, CancellationToken cancellationToken)
        {
            var sourceTypes = new List<INamedTypeSymbol>();
            var byInterface = new Dictionary<INamedTypeSymbol, List<int>>(SymbolEqualityComparer.Default);
            var typesByMemberName = new Dictionary<string, List<int>>(System.StringComparer.Ordinal);
            var explicitByName = new Dictionary<string, List<IMethodSymbol>>(System.StringComparer.Ordinal);
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

                    int index = sourceTypes.Count;
                    sourceTypes.Add(type);
                    AddToIndex(typesByName, type.Name, type);

                    // The names come from the declarations: reading them builds no member.
                    foreach (var name in type.MemberNames)
                    {
                        AddToIndex(typesByMemberName, name, index);
                    }

                    var interfaces = type.AllInterfaces;
                    if (interfaces.IsEmpty)
                    {
                        continue;
                    }

                    if (type.TypeKind is TypeKind.Class or TypeKind.Struct)
                    {
                        AddImplementor(index, interfaces, byInterface);
                    }

                    // Explicit implementations are not among the member names: their members are read only when the
                    // declarations have one.
                    if (DeclaresExplicitImplementation(type, cancellationToken))
                    {
                        foreach (var member in type.GetMembers())
                        {
                            AddExplicit(member, explicitByName);
                        }
                    }
                }
            }

            return new ImplementationMap(sourceTypes, byInterface, typesByMemberName, explicitByName, typesByName);
        }

        /// <summary>The ordinary methods and the properties (indexers as <c>this[]</c>) of the source types that have this name.</summary>
        public IReadOnlyList<ISymbol> MembersNamed(string name)
            => membersByName.TryGetValue(name, out var known) ? known : membersByName.GetOrAdd(name, ReadMembersNamed(name));

        private IReadOnlyList<ISymbol> ReadMembersNamed(string name)
        {
            if (!typesByMemberName.TryGetValue(name, out var declaring))
            {
                return System.Array.Empty<ISymbol>();
            }

            var found = new List<ISymbol>();
            foreach (int index in declaring)
            {
                foreach (var member in types[index].GetMembers(name))
                {
                    if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } or IPropertySymbol)
                    {
                        found.Add(member);
                    }
                }
            }

            return found;
        }

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
                return Overrides(key);
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

        /// <summary>
        /// The methods of the source classes and structs that override the virtual method, directly or through another
        /// override. They share its name, or for an accessor the name of its property or event.
        /// </summary>
        private ImmutableArray<IMethodSymbol> Overrides(IMethodSymbol key)
        {
            string name = key.AssociatedSymbol is { } associated && key.MethodKind is not MethodKind.Ordinary ? associated.Name : key.Name;
            if (!typesByMemberName.TryGetValue(name, out var declaring))
            {
                return ImmutableArray<IMethodSymbol>.Empty;
            }

            ImmutableArray<IMethodSymbol>.Builder? found = null;
            foreach (int index in declaring)
            {
                var type = types[index];
                if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
                {
                    continue;
                }

                foreach (var member in type.GetMembers(name))
                {
                    switch (member)
                    {
                        case IMethodSymbol method:
                            AddIfOverrides(method, key, ref found);
                            break;

                        case IPropertySymbol property:
                            AddIfOverrides(property.GetMethod, key, ref found);
                            AddIfOverrides(property.SetMethod, key, ref found);
                            break;

                        case IEventSymbol @event:
                            AddIfOverrides(@event.AddMethod, key, ref found);
                            AddIfOverrides(@event.RemoveMethod, key, ref found);
                            break;
                    }
                }
            }

            return found is null ? ImmutableArray<IMethodSymbol>.Empty : found.ToImmutable();
        }

        private static void AddIfOverrides(IMethodSymbol? method, IMethodSymbol key, ref ImmutableArray<IMethodSymbol>.Builder? found)
        {
            if (method is not { IsOverride: true, IsAbstract: false })
            {
                return;
            }

            for (var overridden = method.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
            {
                if (SymbolEqualityComparer.Default.Equals(overridden.OriginalDefinition, key))
                {
                    (found ??= ImmutableArray.CreateBuilder<IMethodSymbol>()).Add(method);
                    return;
                }
            }
        }

        private static void AddImplementor(int index, ImmutableArray<INamedTypeSymbol> interfaces, Dictionary<INamedTypeSymbol, List<int>> byInterface)
        {
            foreach (var @interface in interfaces)
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

        /// <summary>Whether a declaration of the type has a member with an explicit interface specifier (<c>void IFoo.Add()</c>).</summary>
        private static bool DeclaresExplicitImplementation(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax declaration)
                {
                    continue;
                }

                foreach (var member in declaration.Members)
                {
                    if (member is MethodDeclarationSyntax { ExplicitInterfaceSpecifier: not null } or BasePropertyDeclarationSyntax { ExplicitInterfaceSpecifier: not null }
                        or OperatorDeclarationSyntax { ExplicitInterfaceSpecifier: not null }
                        or ConversionOperatorDeclarationSyntax { ExplicitInterfaceSpecifier: not null })
                    {
                        return true;
                    }
                }
            }

            return false;
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
