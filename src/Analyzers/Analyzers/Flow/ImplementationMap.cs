using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Consistency.Analyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Consistency.Analyzers.Flow
{
    /// <summary>
    /// For every interface or virtual method, the implementations and overrides declared in the compilation, so that a
    /// call through an interface (<c>IEventBus.PublishAsync</c>, <c>IOrderRepository.SaveAsync</c>) follows the bodies
    /// it can run; and for the <see cref="SiteScreen"/>, the source members and types of a name. Built once per
    /// compilation, on first need, from the syntax of the type declarations alone: their names, the simple names of
    /// their base types, and the names of the members they declare. No symbol is built for that: an editor makes a new
    /// compilation on every edit and analyses one document, and reading every type's interfaces and members made the
    /// compiler bind the base lists and member signatures of the whole project for each edit. The symbols of a name are
    /// resolved when that name is first asked for (most interface members, such as those of <c>IEquatable&lt;T&gt;</c>
    /// or <c>IDisposable</c>, and most names are never asked for), and then cached; the implementors of an interface are
    /// the types whose base lists lead to its name, checked against their interfaces, and an abstract or virtual
    /// implementation brings the overrides of the derived classes with it.
    /// </summary>
    internal sealed class ImplementationMap
    {
        private readonly Compilation compilation;
        private readonly List<TypeDeclaration> types;
        private readonly Dictionary<string, List<int>> typesByName;
        private readonly Dictionary<string, List<int>> typesByMemberName;
        private readonly Dictionary<string, List<SyntaxNode>> explicitByName;
        private readonly Dictionary<string, List<int>> typesByBaseName;
        private readonly List<int> namingAnAlias;
        private readonly List<int> namingAReferenceType;
        private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>> implementations = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<INamedTypeSymbol, List<INamedTypeSymbol>> implementors = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<string, IReadOnlyList<ISymbol>> resolvedMembers = new(System.StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, IReadOnlyList<IMethodSymbol>> resolvedExplicit = new(System.StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, IReadOnlyList<INamedTypeSymbol>> resolvedTypes = new(System.StringComparer.Ordinal);

        private ImplementationMap(Compilation compilation, Index index)
        {
            this.compilation = compilation;
            types = index.Types;
            typesByName = index.TypesByName;
            typesByMemberName = index.TypesByMemberName;
            explicitByName = index.ExplicitByName;
            typesByBaseName = index.TypesByBaseName;
            (namingAnAlias, namingAReferenceType) = index.UnseenBases();
        }

        public static ImplementationMap Build(Compilation compilation, CancellationToken cancellationToken)
        {
            var index = new Index();
            foreach (var tree in compilation.SyntaxTrees)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (tree.GetRoot(cancellationToken) is CompilationUnitSyntax unit)
                {
                    index.AddAliases(unit.Usings);
                    index.AddMembers(unit.Members);
                }
            }

            return new ImplementationMap(compilation, index);
        }

        /// <summary>The ordinary methods and the properties (indexers as <c>this[]</c>) of the source types that have this name.</summary>
        public IReadOnlyList<ISymbol> MembersNamed(string name)
            => resolvedMembers.TryGetValue(name, out var known) ? known : resolvedMembers.GetOrAdd(name, ReadMembersNamed(name));

        private IReadOnlyList<ISymbol> ReadMembersNamed(string name)
        {
            if (!typesByMemberName.TryGetValue(name, out var declaring))
            {
                return System.Array.Empty<ISymbol>();
            }

            var found = new List<ISymbol>();
            foreach (var type in DistinctTypes(declaring, classesAndStructsOnly: false))
            {
                foreach (var member in type.GetMembers(name))
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
            => resolvedTypes.TryGetValue(name, out var known) ? known : resolvedTypes.GetOrAdd(name, ReadTypesNamed(name));

        private IReadOnlyList<INamedTypeSymbol> ReadTypesNamed(string name)
            => typesByName.TryGetValue(name, out var declaring) ? DistinctTypes(declaring, classesAndStructsOnly: false) : System.Array.Empty<INamedTypeSymbol>();

        /// <summary>
        /// The explicit interface implementations (methods and accessors) whose interface member has this simple name:
        /// their own names are qualified (<c>IFoo.Add</c>), so a lookup by the name a call is written with misses them.
        /// </summary>
        public IReadOnlyList<IMethodSymbol> ExplicitImplementationsNamed(string name)
            => resolvedExplicit.TryGetValue(name, out var known) ? known : resolvedExplicit.GetOrAdd(name, ReadExplicitImplementationsNamed(name));

        private IReadOnlyList<IMethodSymbol> ReadExplicitImplementationsNamed(string name)
        {
            if (!explicitByName.TryGetValue(name, out var declarations))
            {
                return System.Array.Empty<IMethodSymbol>();
            }

            var found = new List<IMethodSymbol>();
            foreach (var declaration in declarations)
            {
                switch (DeclaredSymbol(declaration))
                {
                    case IMethodSymbol { MethodKind: MethodKind.ExplicitInterfaceImplementation } method:
                        found.Add(method);
                        break;

                    case IPropertySymbol { ExplicitInterfaceImplementations.IsEmpty: false } property:
                        if (property.GetMethod is { } getter)
                        {
                            found.Add(getter);
                        }

                        if (property.SetMethod is { } setter)
                        {
                            found.Add(setter);
                        }

                        break;
                }
            }

            return found;
        }

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

            if (key.IsStatic)
            {
                return ImmutableArray<IMethodSymbol>.Empty;
            }

            List<IMethodSymbol>? found = null;
            HashSet<IMethodSymbol>? seen = null;
            foreach (var type in ImplementorsOf(@interface.OriginalDefinition))
            {
                foreach (var implemented in type.AllInterfaces)
                {
                    if (!SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, @interface))
                    {
                        continue;
                    }

                    // The member of this construction of the interface (IHandler<Order>.Handle for IHandler<T>.Handle).
                    foreach (var member in implemented.GetMembers(key.Name))
                    {
                        if (member is not IMethodSymbol { IsStatic: false } interfaceMethod
                            || !SymbolEqualityComparer.Default.Equals(interfaceMethod.OriginalDefinition, key)
                            || type.FindImplementationForInterfaceMember(interfaceMethod) is not IMethodSymbol implementation)
                        {
                            continue;
                        }

                        if (!implementation.IsAbstract && !implementation.DeclaringSyntaxReferences.IsEmpty)
                        {
                            Add(ref found, ref seen, implementation.OriginalDefinition);
                        }

                        // An abstract or virtual implementation (of a base class here or of a reference) runs the
                        // overrides of the derived classes: the interface maps to the base's member, not to them.
                        if (implementation.IsAbstract || implementation.IsVirtual || implementation.IsOverride)
                        {
                            foreach (var @override in Get(implementation))
                            {
                                Add(ref found, ref seen, @override);
                            }
                        }
                    }
                }
            }

            return found is null ? ImmutableArray<IMethodSymbol>.Empty : found.ToImmutableArray();
        }

        /// <summary>The source classes and structs that implement the interface (a definition), in declaration order.</summary>
        private List<INamedTypeSymbol> ImplementorsOf(INamedTypeSymbol @interface)
            => implementors.TryGetValue(@interface, out var known) ? known : implementors.GetOrAdd(@interface, FindImplementors(@interface));

        /// <summary>
        /// The candidates are the types whose base lists name the interface, or a source type that is a candidate (a
        /// class that derives from an implementor, an interface that extends the interface), to any depth; and the types
        /// whose base lists name what may stand for it unseen: a using alias, or for an interface of a reference, a type
        /// of a reference (a framework base class may implement it). Each candidate is checked against its interfaces.
        /// </summary>
        private List<INamedTypeSymbol> FindImplementors(INamedTypeSymbol @interface)
        {
            var candidate = new bool[types.Count];
            var names = new HashSet<string>(System.StringComparer.Ordinal) { @interface.Name };
            var pending = new Queue<string>();
            pending.Enqueue(@interface.Name);

            void Mark(int index)
            {
                if (!candidate[index])
                {
                    candidate[index] = true;
                    if (names.Add(types[index].Name))
                    {
                        pending.Enqueue(types[index].Name);
                    }
                }
            }

            foreach (int index in namingAnAlias)
            {
                Mark(index);
            }

            if (!@interface.IsDeclaredIn(compilation.Assembly))
            {
                foreach (int index in namingAReferenceType)
                {
                    Mark(index);
                }
            }

            while (pending.Count > 0)
            {
                if (typesByBaseName.TryGetValue(pending.Dequeue(), out var derived))
                {
                    foreach (int index in derived)
                    {
                        Mark(index);
                    }
                }
            }

            var candidates = new List<int>();
            for (int i = 0; i < types.Count; i++)
            {
                if (candidate[i])
                {
                    candidates.Add(i);
                }
            }

            var found = DistinctTypes(candidates, classesAndStructsOnly: true);
            found.RemoveAll(type => !Implements(type, @interface));
            return found;
        }

        private static bool Implements(INamedTypeSymbol type, INamedTypeSymbol @interface)
        {
            foreach (var implemented in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, @interface))
                {
                    return true;
                }
            }

            return false;
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
            foreach (var type in DistinctTypes(declaring, classesAndStructsOnly: true))
            {
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

        /// <summary>
        /// The types of these declarations, each once (a partial type has a declaration per part), in declaration
        /// order; only the classes and structs (records included) when asked, told from the syntax before any symbol.
        /// </summary>
        private List<INamedTypeSymbol> DistinctTypes(List<int> declarations, bool classesAndStructsOnly)
        {
            var found = new List<INamedTypeSymbol>();
            var seen = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            foreach (int index in declarations)
            {
                if ((!classesAndStructsOnly || types[index].IsClassOrStruct) && TypeAt(index) is { } type && seen.Add(type))
                {
                    found.Add(type);
                }
            }

            return found;
        }

        private INamedTypeSymbol? TypeAt(int index)
        {
            var type = types[index];
            return type.Symbol ??= DeclaredSymbol(type.Declaration) as INamedTypeSymbol;
        }

        private ISymbol? DeclaredSymbol(SyntaxNode declaration)
        {
#pragma warning disable RS1030 // The declarations of a name are in any tree. The analyzer driver caches semantic models per tree (CachingSemanticModelProvider), and a declared symbol binds no body.
            return compilation.GetSemanticModel(declaration.SyntaxTree).GetDeclaredSymbol(declaration);
#pragma warning restore RS1030
        }

        /// <summary>Adds an implementation once: an interface implemented by many types has many, and each is met once per construction.</summary>
        private static void Add(ref List<IMethodSymbol>? found, ref HashSet<IMethodSymbol>? seen, IMethodSymbol implementation)
        {
            if ((seen ??= new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default)).Add(implementation))
            {
                (found ??= new List<IMethodSymbol>()).Add(implementation);
            }
        }

        /// <summary>One type declaration: a partial type has one per part. Its symbol is resolved when first needed.</summary>
        private sealed class TypeDeclaration
        {
            public TypeDeclaration(SyntaxNode declaration, string name, string[] baseNames, bool isClassOrStruct)
            {
                Declaration = declaration;
                Name = name;
                BaseNames = baseNames;
                IsClassOrStruct = isClassOrStruct;
            }

            public SyntaxNode Declaration { get; }

            public string Name { get; }

            /// <summary>The simple names of the base types its base list names (<c>IHandler</c> for <c>Ns.IHandler&lt;Order&gt;</c>).</summary>
            public string[] BaseNames { get; }

            public bool IsClassOrStruct { get; }

            /// <summary>Written by whichever thread resolves it first: every thread resolves the same symbol.</summary>
            public INamedTypeSymbol? Symbol { get; set; }
        }

        /// <summary>The walk of the declarations of every tree: namespaces, types and the members they declare, never a body.</summary>
        private sealed class Index
        {
            public List<TypeDeclaration> Types { get; } = new();

            public Dictionary<string, List<int>> TypesByName { get; } = new(System.StringComparer.Ordinal);

            public Dictionary<string, List<int>> TypesByMemberName { get; } = new(System.StringComparer.Ordinal);

            public Dictionary<string, List<SyntaxNode>> ExplicitByName { get; } = new(System.StringComparer.Ordinal);

            /// <summary>The types whose base lists name a type of this simple name.</summary>
            public Dictionary<string, List<int>> TypesByBaseName { get; } = new(System.StringComparer.Ordinal);

            public HashSet<string> Aliases { get; } = new(System.StringComparer.Ordinal);

            /// <summary>
            /// The types whose base lists name what the declarations do not show: a using alias (it may stand for any
            /// type), or a type of no source declaration (a reference's, whose own interfaces are not in any base list
            /// here).
            /// </summary>
            public (List<int> NamingAnAlias, List<int> NamingAReferenceType) UnseenBases()
            {
                var aliased = new List<int>();
                var referenced = new List<int>();
                for (int i = 0; i < Types.Count; i++)
                {
                    bool alias = false, reference = false;
                    foreach (var name in Types[i].BaseNames)
                    {
                        alias |= Aliases.Contains(name);
                        reference |= !TypesByName.ContainsKey(name);
                    }

                    if (alias)
                    {
                        aliased.Add(i);
                    }

                    if (reference)
                    {
                        referenced.Add(i);
                    }
                }

                return (aliased, referenced);
            }

            public void AddAliases(SyntaxList<UsingDirectiveSyntax> usings)
            {
                foreach (var directive in usings)
                {
                    if (directive.Alias is { } alias)
                    {
                        Aliases.Add(alias.Name.Identifier.ValueText);
                    }
                }
            }

            public void AddMembers(SyntaxList<MemberDeclarationSyntax> members)
            {
                foreach (var member in members)
                {
                    switch (member)
                    {
                        case BaseNamespaceDeclarationSyntax @namespace:
                            AddAliases(@namespace.Usings);
                            AddMembers(@namespace.Members);
                            break;

                        case BaseTypeDeclarationSyntax type:
                            AddType(type);
                            break;

                        case DelegateDeclarationSyntax @delegate:
                            AddTypeDeclaration(@delegate, @delegate.Identifier.ValueText, null, isClassOrStruct: false);
                            break;
                    }
                }
            }

            private void AddType(BaseTypeDeclarationSyntax type)
            {
                bool isClassOrStruct = type is ClassDeclarationSyntax or StructDeclarationSyntax
                    || type.IsKind(SyntaxKind.RecordDeclaration) || type.IsKind(SyntaxKind.RecordStructDeclaration);
                int index = AddTypeDeclaration(type, type.Identifier.ValueText, type.BaseList, isClassOrStruct);
                if (type is not TypeDeclarationSyntax withMembers)
                {
                    return; // an enum: its members are fields
                }

                foreach (var member in withMembers.Members)
                {
                    switch (member)
                    {
                        case MethodDeclarationSyntax method:
                            AddMember(index, method.Identifier.ValueText, method, method.ExplicitInterfaceSpecifier is not null);
                            break;

                        case PropertyDeclarationSyntax property:
                            AddMember(index, property.Identifier.ValueText, property, property.ExplicitInterfaceSpecifier is not null);
                            break;

                        case IndexerDeclarationSyntax indexer:
                            AddMember(index, WellKnownMemberNames.Indexer, indexer, indexer.ExplicitInterfaceSpecifier is not null);
                            break;

                        case EventDeclarationSyntax @event:
                            AddMember(index, @event.Identifier.ValueText, @event, @event.ExplicitInterfaceSpecifier is not null);
                            break;

                        case EventFieldDeclarationSyntax events:
                            foreach (var variable in events.Declaration.Variables)
                            {
                                AddMember(index, variable.Identifier.ValueText, events, isExplicit: false);
                            }

                            break;

                        case BaseTypeDeclarationSyntax nested:
                            AddType(nested);
                            break;

                        case DelegateDeclarationSyntax @delegate:
                            AddTypeDeclaration(@delegate, @delegate.Identifier.ValueText, null, isClassOrStruct: false);
                            break;
                    }
                }
            }

            private int AddTypeDeclaration(SyntaxNode declaration, string name, BaseListSyntax? baseList, bool isClassOrStruct)
            {
                string[] baseNames = System.Array.Empty<string>();
                if (baseList is { Types.Count: > 0 } list)
                {
                    baseNames = new string[list.Types.Count];
                    for (int i = 0; i < baseNames.Length; i++)
                    {
                        baseNames[i] = list.Types[i].Type.SimpleName() ?? string.Empty;
                    }
                }

                int index = Types.Count;
                Types.Add(new TypeDeclaration(declaration, name, baseNames, isClassOrStruct));
                AddToIndex(TypesByName, name, index);
                foreach (var baseName in baseNames)
                {
                    AddToIndex(TypesByBaseName, baseName, index);
                }

                return index;
            }

            /// <summary>
            /// A member's name: explicit implementations by the name of the member they implement; the others by their
            /// own, for the types that declare a method, property, indexer or event of a name.
            /// </summary>
            private void AddMember(int type, string name, SyntaxNode declaration, bool isExplicit)
            {
                if (isExplicit)
                {
                    AddToIndex(ExplicitByName, name, declaration);
                    return;
                }

                if (!TypesByMemberName.TryGetValue(name, out var declaring))
                {
                    TypesByMemberName[name] = declaring = new List<int>();
                }

                if (declaring.Count == 0 || declaring[declaring.Count - 1] != type)
                {
                    declaring.Add(type);
                }
            }

            private static void AddToIndex<T>(Dictionary<string, List<T>> index, string name, T item)
            {
                if (!index.TryGetValue(name, out var list))
                {
                    index[name] = list = new List<T>();
                }

                list.Add(item);
            }
        }
    }
}
