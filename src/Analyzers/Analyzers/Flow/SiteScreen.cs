using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Consistency.Analyzers.Effects;
using Consistency.Analyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Consistency.Analyzers.Flow
{
    /// <summary>
    /// Proves from a method's syntax, without binding it, that its body has no site: no name in it can reach an effect.
    /// Following a call into a method of the compilation otherwise binds that body (and runs its nullable analysis),
    /// which costs more than everything else the flow engine does with it, while most called helpers (mappers,
    /// formatters, key builders) turn out to have no effect at all.
    /// <para>
    /// Sound, not precise: a name can reach an effect when a catalogue row, a configured method or a marked method of a
    /// reference has it (<see cref="EffectCatalogue.MayBeEffectName"/>), or when a method, property, indexer or
    /// constructor of the compilation of that name is an effect or has a body that may have a site. Whatever the body
    /// runs without naming it is checked too: the <c>Add</c> of a collection initializer, indexers, the methods of a
    /// query expression, an interpolated string's handler, the constructor a <c>new</c> calls and the base constructor
    /// a constructor calls. A body that cannot be proven free of sites is bound as before, so the answer changes what
    /// is bound, never a summary.
    /// </para>
    /// </summary>
    internal sealed class SiteScreen
    {
        /// <summary>Names followed deeper than this are assumed to reach an effect.</summary>
        private const int MaxDepth = 6;

        private static readonly string[] QueryMethodNames =
        {
            "Select", "SelectMany", "Where", "Join", "GroupJoin", "GroupBy", "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending", "Cast",
        };

        private static readonly string[] InterpolationHandlerNames = { "AppendLiteral", "AppendFormatted" };

        private readonly FlowEngine engine;
        private readonly bool enabled;

        private readonly ConcurrentDictionary<IMethodSymbol, BodyState> methods;
        private readonly ConcurrentDictionary<string, bool> names;
        private readonly ConcurrentDictionary<string, bool> createdTypes = new(System.StringComparer.Ordinal);

        public SiteScreen(FlowEngine engine, bool enabled, int capacity)
        {
            this.engine = engine;
            this.enabled = enabled;
            methods = CacheCapacity.Create<IMethodSymbol, BodyState>(capacity, SymbolEqualityComparer.Default);
            names = CacheCapacity.Create<string, bool>(capacity, System.StringComparer.Ordinal);
        }

        // Whether the current query's "may" rests on an assumption (one query runs on one thread, start to end).
        [ThreadStatic]
        private static bool assumed;

        // The names this thread is working out, outermost first: at most one per level of the depth bound.
        [ThreadStatic]
        private static List<string>? answering;

        private int proven;
        private int answered;

        private enum BodyState
        {
            InProgress,
            May,
            Free,
        }

        /// <summary>How many bodies were proven to have no site (their binding skipped).</summary>
        public int Proven => Volatile.Read(ref proven);

        /// <summary>How many answers were worked out, for names and for bodies, rather than read from what earlier queries kept.</summary>
        public int Answered => Volatile.Read(ref answered);

        /// <summary>Whether the body of <paramref name="method"/> (a method of the compilation with a body) may have a site.</summary>
        public bool MayHaveSites(IMethodSymbol method, CancellationToken cancellationToken)
        {
            if (!enabled)
            {
                return true;
            }

            assumed = false;
            bool may = MayHaveSites(method, 0, cancellationToken);
            if (!may)
            {
                Interlocked.Increment(ref proven);
            }

            return may;
        }

        /// <summary>
        /// Whether a call by this name (a method, a method group, a property or an indexer) may be or reach an effect: false
        /// means no catalogue row, configuration, marker or convention names it and every member of the compilation so
        /// named has a body proven free of sites (or none), so the call adds no site wherever it is. Always true when the
        /// screen is off.
        /// </summary>
        public bool MayReachEffect(string name, CancellationToken cancellationToken)
        {
            if (!enabled)
            {
                return true;
            }

            if (names.TryGetValue(name, out bool known))
            {
                return known;
            }

            assumed = false;
            return NameMayReachEffect(name, 0, cancellationToken);
        }

        /// <summary>Whether an earlier query proved the body of <paramref name="method"/> (a definition) free of sites; asks nothing new (and nothing was proven when the screen is off).</summary>
        public bool IsKnownFree(IMethodSymbol method)
            => methods.TryGetValue(method, out var state) && state == BodyState.Free;

        private bool MayHaveSites(IMethodSymbol method, int depth, CancellationToken cancellationToken)
        {
            var key = method.OriginalDefinition;
            if (methods.TryGetValue(key, out var state) || depth > MaxDepth || !methods.TryAdd(key, BodyState.InProgress))
            {
                if (state == BodyState.Free)
                {
                    return false;
                }

                // A cycle, another thread computing the same body, or the depth bound: assume it may, and remember that
                // this answer rests on an assumption.
                assumed |= state != BodyState.May;
                return true;
            }

            bool may;
            Interlocked.Increment(ref answered);
            try
            {
                may = ComputeMayHaveSites(key, depth, cancellationToken);
            }
            catch
            {
                methods.TryRemove(key, out _);
                throw;
            }

            // An assumption only ever makes an answer "may", and a "may" ends the query: a "free" is always final, a "may"
            // is kept only when no assumption led to it (otherwise the order in which bodies were asked would decide).
            if (may && assumed)
            {
                methods.TryRemove(key, out _);
            }
            else
            {
                methods[key] = may ? BodyState.May : BodyState.Free;
            }

            return may;
        }

        private bool ComputeMayHaveSites(IMethodSymbol method, int depth, CancellationToken cancellationToken)
        {
            bool hasInitializer = false;
            foreach (var declaration in engine.BodyDeclarations(method, cancellationToken))
            {
                if (MayHaveSites(declaration, method, depth, cancellationToken))
                {
                    return true;
                }

                hasInitializer |= declaration is ConstructorDeclarationSyntax { Initializer: not null };
            }

            // A constructor without an initializer still runs its base type's constructor.
            return method.MethodKind == MethodKind.Constructor && !method.IsStatic && !hasInitializer
                && method.ContainingType?.BaseType is { } baseType && ConstructorsMayHaveSites(baseType, depth, cancellationToken);
        }

        private bool MayHaveSites(SyntaxNode declaration, IMethodSymbol method, int depth, CancellationToken cancellationToken)
        {
            var test = new NodeTest(this, declaration, method, depth, cancellationToken);
            return SyntaxWalk.AnyDescendant(declaration, ref test);
        }

        /// <summary>One screened body's nodes, with the names it declares (read once, when a receiver needs them).</summary>
        private struct NodeTest : ISyntaxNodeTest
        {
            private readonly SiteScreen screen;
            private readonly SyntaxNode declaration;
            private readonly IMethodSymbol method;
            private readonly int depth;
            private readonly CancellationToken cancellationToken;
            private HashSet<string>? declared;

            public NodeTest(SiteScreen screen, SyntaxNode declaration, IMethodSymbol method, int depth, CancellationToken cancellationToken)
            {
                this.screen = screen;
                this.declaration = declaration;
                this.method = method;
                this.depth = depth;
                this.cancellationToken = cancellationToken;
                declared = null;
            }

            public bool Test(SyntaxNode node) => screen.NodeMayHaveSites(node, declaration, method, ref declared, depth, cancellationToken);
        }

        private bool NodeMayHaveSites(SyntaxNode node, SyntaxNode declaration, IMethodSymbol method, ref HashSet<string>? declared, int depth, CancellationToken cancellationToken)
        {
            // A switch on the kind: this runs for every node of every screened body, and most nodes are none of these.
            switch ((SyntaxKind)node.RawKind)
            {
                case SyntaxKind.IdentifierName:
                case SyntaxKind.GenericName:
                    return SimpleNameMayReachEffect((SimpleNameSyntax)node, declaration, method, ref declared, depth, cancellationToken);

                case SyntaxKind.ObjectCreationExpression:
                    return TypeNameMayCreateEffect(((ObjectCreationExpressionSyntax)node).Type.SimpleName(), depth, cancellationToken);

                case SyntaxKind.ImplicitObjectCreationExpression:
                    return ImplicitCreationMayHaveSites((ImplicitObjectCreationExpressionSyntax)node, declaration, method, depth, cancellationToken);

                case SyntaxKind.CollectionInitializerExpression:
                    return NameMayReachEffect("Add", depth, cancellationToken);

                case SyntaxKind.ElementAccessExpression:
                case SyntaxKind.ElementBindingExpression:
                case SyntaxKind.ImplicitElementAccess:
                    return NameMayReachEffect(WellKnownMemberNames.Indexer, depth, cancellationToken);

                case SyntaxKind.QueryExpression:
                    return AnyNameMayReachEffect(QueryMethodNames, depth, cancellationToken);

                case SyntaxKind.InterpolatedStringExpression:
                    return AnyNameMayReachEffect(InterpolationHandlerNames, depth, cancellationToken);

                case SyntaxKind.BaseConstructorInitializer:
                case SyntaxKind.ThisConstructorInitializer:
                    return InitializerMayHaveSites((ConstructorInitializerSyntax)node, method, depth, cancellationToken);

                default:
                    cancellationToken.ThrowIfCancellationRequested();
                    return false;
            }
        }

        /// <summary>
        /// A name in the body. A method called on a field of a type the compilation does not declare (<c>_items.Add(x)</c>
        /// on a <c>List&lt;T&gt;</c>) runs no body of the compilation unless it is virtual or an extension: only
        /// catalogue names and extension methods of that name count then, not every method of the compilation so named.
        /// </summary>
        private bool SimpleNameMayReachEffect(SimpleNameSyntax name, SyntaxNode declaration, IMethodSymbol method, ref HashSet<string>? declared, int depth, CancellationToken cancellationToken)
        {
            // When nothing of this name can reach an effect, its receiver need not be read (the answer is kept per name).
            string text = name.Identifier.ValueText;
            if (!NameMayReachEffect(text, depth, cancellationToken))
            {
                return false;
            }

            if (name.Parent is MemberAccessExpressionSyntax access && access.Name == name
                && access.Parent is InvocationExpressionSyntax invocation && invocation.Expression == access
                && FieldType(access.Expression, declaration, method, ref declared) is { } receiver
                && CallsNoBodyOfTheCompilation(receiver, text))
            {
                return engine.Catalogue.MayBeEffectName(text) || ExtensionsMayReachEffect(text, depth, cancellationToken);
            }

            return true;
        }

        /// <summary>
        /// The type of a receiver that names a field or property of the method's type (<c>_items</c>, <c>this.items</c>),
        /// when no local, parameter or range variable of the declaration shadows it; null otherwise.
        /// </summary>
        private static ITypeSymbol? FieldType(ExpressionSyntax receiver, SyntaxNode declaration, IMethodSymbol method, ref HashSet<string>? declared)
        {
            bool mayBeShadowed;
            string name;
            switch (receiver)
            {
                case IdentifierNameSyntax identifier:
                    name = identifier.Identifier.ValueText;
                    mayBeShadowed = true;
                    break;

                case MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax member }:
                    name = member.Identifier.ValueText;
                    mayBeShadowed = false;
                    break;

                default:
                    return null;
            }

            ITypeSymbol? type = null;
            bool found = false;
            for (var current = method.ContainingType; current is not null && !found; current = current.BaseType)
            {
                foreach (var member in current.GetMembers(name))
                {
                    // The nearest member of the name hides the others: a field or property gives the receiver's type.
                    type = member switch
                    {
                        IFieldSymbol field => field.Type,
                        IPropertySymbol property => property.Type, // its accessor is a name of its own, checked where it is read
                        _ => null,
                    };
                    found = true;
                    break;
                }
            }

            // Locals, parameters and range variables are looked for only when a field of that name exists (most receivers are locals).
            if (type is not null && mayBeShadowed && (declared ??= DeclaredNames(declaration)).Contains(name))
            {
                return null;
            }

            return type;
        }

        /// <summary>Every name a declaration introduces: parameters, locals, pattern and query variables, local functions.</summary>
        private static HashSet<string> DeclaredNames(SyntaxNode declaration)
        {
            var names = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var node in declaration.DescendantNodesAndSelf())
            {
                var token = node switch
                {
                    ParameterSyntax parameter => parameter.Identifier,
                    VariableDeclaratorSyntax variable => variable.Identifier,
                    SingleVariableDesignationSyntax designation => designation.Identifier,
                    ForEachStatementSyntax forEach => forEach.Identifier,
                    CatchDeclarationSyntax @catch => @catch.Identifier,
                    FromClauseSyntax from => from.Identifier,
                    LetClauseSyntax let => let.Identifier,
                    JoinClauseSyntax join => join.Identifier,
                    JoinIntoClauseSyntax into => into.Identifier,
                    QueryContinuationSyntax continuation => continuation.Identifier,
                    LocalFunctionStatementSyntax function => function.Identifier,
                    _ => default,
                };
                if (token.ValueText.Length > 0)
                {
                    names.Add(token.ValueText);
                }
            }

            return names;
        }

        /// <summary>
        /// Whether calling a method of this name on the type can only run a method declared outside the compilation: the
        /// type and its bases are not the compilation's, and no method so named is virtual (an override or an
        /// implementation here could run).
        /// </summary>
        private static bool CallsNoBodyOfTheCompilation(ITypeSymbol receiver, string name)
        {
            if (receiver is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } type)
            {
                return false;
            }

            for (var current = type; current is not null; current = current.BaseType)
            {
                if (IsInSource(current))
                {
                    return false;
                }

                foreach (var member in current.GetMembers(name))
                {
                    if (member.IsVirtual || member.IsAbstract || member.IsOverride)
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private static bool IsInSource(ISymbol symbol)
        {
            var locations = symbol.Locations;
            return !locations.IsEmpty && locations[0].IsInSource;
        }

        private bool ExtensionsMayReachEffect(string name, int depth, CancellationToken cancellationToken)
        {
            foreach (var symbol in engine.GetImplementationMap(cancellationToken).MembersNamed(name))
            {
                if (symbol is IMethodSymbol { IsExtensionMethod: true } extension
                    && (engine.Catalogue.TryClassifyMethod(extension, out _) || BodyMayHaveSites(extension, depth, cancellationToken)))
                {
                    return true;
                }
            }

            return false;
        }

        private bool AnyNameMayReachEffect(string[] candidates, int depth, CancellationToken cancellationToken)
        {
            foreach (var name in candidates)
            {
                if (NameMayReachEffect(name, depth, cancellationToken))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether something called by this name (a method, a property or an indexer) may be or reach an effect.</summary>
        private bool NameMayReachEffect(string name, int depth, CancellationToken cancellationToken)
        {
            if (names.TryGetValue(name, out bool known))
            {
                return known;
            }

            // Met again while its members are being screened (a member that calls another member of its name, or
            // List<T>.Add in a class's own Add): one of those members is in progress, which makes it "may" on an
            // assumption, as working its members out again would, one level deeper each time, until the depth bound.
            if (IsAnsweredHere(name))
            {
                assumed = true;
                return true;
            }

            Interlocked.Increment(ref answered);
            bool may;
            var stack = answering ??= new List<string>();
            stack.Add(name);
            try
            {
                may = engine.Catalogue.MayBeEffectName(name) || MembersMayReachEffect(name, depth, cancellationToken);
            }
            finally
            {
                stack.RemoveAt(stack.Count - 1);
            }

            if (!may || !assumed)
            {
                names.TryAdd(name, may);
            }

            return may;
        }

        private static bool IsAnsweredHere(string name)
        {
            var stack = answering;
            if (stack is null)
            {
                return false;
            }

            for (int i = 0; i < stack.Count; i++)
            {
                if (string.Equals(stack[i], name, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        private bool MembersMayReachEffect(string name, int depth, CancellationToken cancellationToken)
        {
            var index = engine.GetImplementationMap(cancellationToken);
            foreach (var implementation in index.ExplicitImplementationsNamed(name))
            {
                if (BodyMayHaveSites(implementation, depth, cancellationToken))
                {
                    return true;
                }
            }

            foreach (var symbol in index.MembersNamed(name))
            {
                switch (symbol)
                {
                    case IMethodSymbol member when engine.Catalogue.TryClassifyMethod(member, out _) || BodyMayHaveSites(member, depth, cancellationToken):
                        return true;

                    case IPropertySymbol property when BodyMayHaveSites(property.GetMethod, depth, cancellationToken) || BodyMayHaveSites(property.SetMethod, depth, cancellationToken):
                        return true;
                }
            }

            return false;
        }

        private bool BodyMayHaveSites(IMethodSymbol? method, int depth, CancellationToken cancellationToken)
            => method is not null && engine.HasBody(method) && MayHaveSites(method, depth + 1, cancellationToken);

        private bool TypeNameMayCreateEffect(string? typeName, int depth, CancellationToken cancellationToken)
        {
            if (typeName is null)
            {
                return true;
            }

            if (createdTypes.TryGetValue(typeName, out bool known))
            {
                return known;
            }

            bool may = engine.Catalogue.MayBeCreationEffect(typeName);
            if (!may)
            {
                foreach (var type in engine.GetImplementationMap(cancellationToken).TypesNamed(typeName))
                {
                    if (ConstructorsMayHaveSites(type, depth, cancellationToken))
                    {
                        may = true;
                        break;
                    }
                }
            }

            if (!may || !assumed)
            {
                createdTypes.TryAdd(typeName, may);
            }

            return may;
        }

        private bool ConstructorsMayHaveSites(INamedTypeSymbol type, int depth, CancellationToken cancellationToken)
        {
            if (engine.Catalogue.IsCreationEffect(type))
            {
                return true;
            }

            foreach (var constructor in type.InstanceConstructors)
            {
                if (BodyMayHaveSites(constructor, depth, cancellationToken))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A target-typed <c>new()</c>: its type is read from the declaration it initialises or the method it is
        /// returned from; anywhere else it could create anything.
        /// </summary>
        private bool ImplicitCreationMayHaveSites(ImplicitObjectCreationExpressionSyntax creation, SyntaxNode declaration, IMethodSymbol method, int depth, CancellationToken cancellationToken)
        {
            // (new(…)) and c ? new(…) : throw … take the type their own target gives them.
            SyntaxNode target = creation;
            while (target.Parent is ParenthesizedExpressionSyntax || target.Parent is ConditionalExpressionSyntax conditional && IsThrow(target == conditional.WhenTrue ? conditional.WhenFalse : target == conditional.WhenFalse ? conditional.WhenTrue : null))
            {
                target = target.Parent;
            }

            switch (target.Parent)
            {
                case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Type: { IsVar: false } type } } }:
                    return TypeNameMayCreateEffect(type.SimpleName(), depth, cancellationToken);

                case ArrowExpressionClauseSyntax arrow when arrow.Parent == declaration || arrow == declaration:
                case ReturnStatementSyntax @return when IsReturnOf(@return, declaration):
                    return method.IsAsync || method.ReturnType is not INamedTypeSymbol returned || ConstructorsMayHaveSites(returned, depth, cancellationToken);

                default:
                    return true;
            }
        }

        private static bool IsThrow(ExpressionSyntax? expression) => expression?.WithoutParentheses() is ThrowExpressionSyntax;

        /// <summary>Whether the return statement returns from the method itself (not from a lambda or local function in it).</summary>
        private static bool IsReturnOf(ReturnStatementSyntax statement, SyntaxNode declaration)
        {
            for (var node = statement.Parent; node is not null; node = node.Parent)
            {
                if (node == declaration)
                {
                    return true;
                }

                if (node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
                {
                    return false;
                }
            }

            return false;
        }

        private bool InitializerMayHaveSites(ConstructorInitializerSyntax initializer, IMethodSymbol constructor, int depth, CancellationToken cancellationToken)
        {
            var type = initializer.IsKind(SyntaxKind.ThisConstructorInitializer) ? constructor.ContainingType : constructor.ContainingType?.BaseType;
            return type is null || ConstructorsMayHaveSites(type, depth, cancellationToken);
        }
    }
}
