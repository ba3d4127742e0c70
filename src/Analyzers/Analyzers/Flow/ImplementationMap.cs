using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Consistency.Analyzers.Flow
{
    /// <summary>
    /// For every interface or virtual method, the implementations and overrides declared in the compilation, so that a
    /// call through an interface (<c>IEventBus.PublishAsync</c>, <c>IOrderRepository.SaveAsync</c>) follows the bodies
    /// it can run. Built once per compilation, on first need, by one walk over the source types.
    /// </summary>
    internal sealed class ImplementationMap
    {
        private readonly Dictionary<IMethodSymbol, List<IMethodSymbol>> implementations;

        private ImplementationMap(Dictionary<IMethodSymbol, List<IMethodSymbol>> implementations)
        {
            this.implementations = implementations;
        }

        public static ImplementationMap Build(Compilation compilation, CancellationToken cancellationToken)
        {
            var map = new Dictionary<IMethodSymbol, List<IMethodSymbol>>(SymbolEqualityComparer.Default);
            var namespaces = new Stack<INamespaceSymbol>();
            namespaces.Push(compilation.Assembly.GlobalNamespace);
            var types = new Stack<INamedTypeSymbol>();
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
                        types.Push(type);
                    }
                }

                while (types.Count > 0)
                {
                    var type = types.Pop();
                    foreach (var nested in type.GetTypeMembers())
                    {
                        types.Push(nested);
                    }

                    if (type.TypeKind is TypeKind.Class or TypeKind.Struct)
                    {
                        AddType(type, map);
                    }
                }
            }

            return new ImplementationMap(map);
        }

        /// <summary>The source implementations of an interface member or overrides of a virtual method (never null).</summary>
        public IReadOnlyList<IMethodSymbol> Get(IMethodSymbol method)
            => implementations.TryGetValue(method.OriginalDefinition, out var list) ? list : (IReadOnlyList<IMethodSymbol>)ImmutableArray<IMethodSymbol>.Empty;

        private static void AddType(INamedTypeSymbol type, Dictionary<IMethodSymbol, List<IMethodSymbol>> map)
        {
            foreach (var member in type.GetMembers())
            {
                if (member is IMethodSymbol { IsOverride: true, IsAbstract: false } method)
                {
                    for (var overridden = method.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
                    {
                        Add(map, overridden.OriginalDefinition, method);
                    }
                }
            }

            foreach (var @interface in type.AllInterfaces)
            {
                foreach (var member in @interface.GetMembers())
                {
                    if (member is IMethodSymbol { IsStatic: false } interfaceMethod
                        && type.FindImplementationForInterfaceMember(interfaceMethod) is IMethodSymbol { IsAbstract: false } implementation
                        && !implementation.DeclaringSyntaxReferences.IsEmpty)
                    {
                        Add(map, interfaceMethod.OriginalDefinition, implementation.OriginalDefinition);
                    }
                }
            }
        }

        private static void Add(Dictionary<IMethodSymbol, List<IMethodSymbol>> map, IMethodSymbol key, IMethodSymbol implementation)
        {
            if (!map.TryGetValue(key, out var list))
            {
                map[key] = list = new List<IMethodSymbol>();
            }

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
