using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Consistency.Analyzers.Effects;
using Consistency.Analyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Consistency.Analyzers.Flow
{
    /// <summary>
    /// The interprocedural flow engine, one per compilation and shared by every rule: computes on demand, and caches,
    /// the <see cref="FlowSummary"/> of each method (its effects and their order), following calls into the bodies of
    /// the same compilation (helpers, other classes, interface and virtual calls resolved to their implementations,
    /// local functions, lambdas passed as arguments) to a bounded depth, cutting cycles. Thread-safe: analyzers run
    /// concurrently, and a summary computed twice is computed the same way.
    /// </summary>
    internal sealed class FlowEngine
    {
        /// <summary>At most this many implementations of one interface or virtual method are followed.</summary>
        public const int MaxImplementations = 8;

        private static readonly ConditionalWeakTable<Compilation, FlowEngine> Cache = new();

        // Sized for about one summary per member of the compilation: every method, accessor and called constructor has one.
        private readonly ConcurrentDictionary<IMethodSymbol, FlowSummary> summaries;
        private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>> dispatchedCallees = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, bool> hasDeclarationWithBody;
        private readonly IAssemblySymbol assembly;
        private readonly object implementationLock = new();
        private ImplementationMap? implementationMap;
        private int orderedWithoutGraph;

        private FlowEngine(Compilation compilation, EffectCatalogue catalogue, bool ordersWithoutGraph, bool screensBodies)
        {
            Compilation = compilation;
            assembly = compilation.Assembly;
            summaries = CacheCapacity.Create<IMethodSymbol, FlowSummary>(CacheCapacity.PerTree(compilation, 24), SymbolEqualityComparer.Default);
            hasDeclarationWithBody = CacheCapacity.Create<IMethodSymbol, bool>(CacheCapacity.PerTree(compilation, 8), SymbolEqualityComparer.Default);
            Catalogue = catalogue;
            OrdersWithoutGraph = ordersWithoutGraph;
            Screen = new SiteScreen(this, screensBodies, CacheCapacity.PerTree(compilation, 16));
        }

        public Compilation Compilation { get; }

        public EffectCatalogue Catalogue { get; }

        public int MaxDepth => Catalogue.Options.MaxFlowDepth;

        /// <summary>Whether bodies are ordered by a walk of their statements where it can (always, but for the test that compares it with the graph).</summary>
        public bool OrdersWithoutGraph { get; }

        /// <summary>Proves bodies of called methods free of sites before they are bound.</summary>
        public SiteScreen Screen { get; }

        /// <summary>How many bodies were ordered without a graph.</summary>
        public int OrderedWithoutGraph => Volatile.Read(ref orderedWithoutGraph);

        /// <summary>The engine of a compilation, created once and shared by every analyzer that asks.</summary>
        public static FlowEngine GetOrCreate(Compilation compilation, AnalyzerOptions? options)
            => Cache.GetValue(compilation, c => new FlowEngine(c, EffectCatalogue.GetOrCreate(c, options), ordersWithoutGraph: true, screensBodies: true));

        /// <summary>An engine of its own (not shared through the cache), to compare the ways of ordering a body, or summaries with and without the screen.</summary>
        internal static FlowEngine CreateUncached(Compilation compilation, AnalyzerOptions? options, bool ordersWithoutGraph = true, bool screensBodies = true)
            => new(compilation, EffectCatalogue.GetOrCreate(compilation, options), ordersWithoutGraph, screensBodies);

        /// <summary>
        /// False when no call of the method can be or reach an effect, told by its name (<see cref="SiteScreen.MayReachEffect"/>):
        /// what every walk that classifies calls can ask before classifying or resolving one.
        /// </summary>
        public bool MayBeOrReachEffect(IMethodSymbol method, CancellationToken cancellationToken)
            => method.MethodKind is not (MethodKind.Ordinary or MethodKind.ReducedExtension) || Screen.MayReachEffect(method.Name, cancellationToken);

        internal void CountOrderedWithoutGraph() => Interlocked.Increment(ref orderedWithoutGraph);

        /// <summary>
        /// The body among an operation block's roots: the method, constructor or accessor body (null for field
        /// initializers, attributes, parameter defaults).
        /// </summary>
        public static IOperation? FindBody(ImmutableArray<IOperation> operationBlocks) => FindBody(operationBlocks, out _);

        /// <summary>The body, and the operation block it was found from (the driver caches control flow graphs by block).</summary>
        public static IOperation? FindBody(ImmutableArray<IOperation> operationBlocks, out IOperation? block)
        {
            foreach (var candidate in operationBlocks)
            {
                var root = candidate.Root();

                if (root is IMethodBodyOperation or IConstructorBodyOperation or IBlockOperation)
                {
                    block = candidate;
                    return root;
                }
            }

            block = null;
            return null;
        }

        /// <summary>
        /// The summary of a method whose body the caller already has (an analyzer's operation block), optionally with the
        /// driver's cached control flow graph.
        /// </summary>
        public FlowSummary GetSummary(IMethodSymbol method, IOperation body, Func<IOperation, ControlFlowGraph?>? getControlFlowGraph, CancellationToken cancellationToken)
        {
            var key = method.OriginalDefinition;
            if (summaries.TryGetValue(key, out var cached))
            {
                return cached;
            }

            // A body the screen already proved free of sites (while following a name into every member so named) has
            // nothing to walk.
            if (Screen.IsKnownFree(key))
            {
                return summaries.GetOrAdd(key, FlowSummary.Empty);
            }

            var stack = new FlowStack(cancellationToken);
            stack.TryPush(key);
            var summary = new SummaryBuilder(this, stack).Build(body, getControlFlowGraph);
            stack.Pop();
            return summaries.GetOrAdd(key, summary);
        }

        /// <summary>The summary of any method of the compilation (empty for methods without a body here).</summary>
        public FlowSummary GetSummary(IMethodSymbol method, CancellationToken cancellationToken)
            => GetSummary(method, new FlowStack(cancellationToken));

        /// <summary>
        /// The bodies a call can run in this compilation: the target when it has a body here, and for a virtual or
        /// interface call the implementations and overrides declared here (at most <see cref="MaxImplementations"/>).
        /// Called for every invocation of every body: most targets are framework methods with nothing to follow, and
        /// most of the others are plain calls with one body, so neither allocates more than the answer.
        /// </summary>
        public ImmutableArray<IMethodSymbol> ResolveCallees(IMethodSymbol target, bool isVirtualCall, CancellationToken cancellationToken)
            => TryResolvePlainCallee(target, isVirtualCall, out var single)
                ? (single is null ? ImmutableArray<IMethodSymbol>.Empty : ImmutableArray.Create(single))
                : ResolveDispatchedCallees(target.OriginalDefinition, cancellationToken);

        /// <summary>
        /// The bodies a call dispatched to overrides or implementations (one <see cref="TryResolvePlainCallee"/> turned
        /// down) can run: the definition's own when it has one here, then the implementations and overrides declared
        /// here, at most <see cref="MaxImplementations"/>.
        /// </summary>
        public ImmutableArray<IMethodSymbol> ResolveDispatchedCallees(IMethodSymbol definition, CancellationToken cancellationToken)
        {
            // Asked at every interface or virtual call: the answer depends on the definition alone.
            if (dispatchedCallees.TryGetValue(definition, out var known))
            {
                return known;
            }

            return dispatchedCallees.GetOrAdd(definition, ComputeDispatchedCallees(definition, cancellationToken));
        }

        private ImmutableArray<IMethodSymbol> ComputeDispatchedCallees(IMethodSymbol definition, CancellationToken cancellationToken)
        {
            ImmutableArray<IMethodSymbol>.Builder? builder = null;
            if (HasBody(definition))
            {
                builder = ImmutableArray.CreateBuilder<IMethodSymbol>();
                builder.Add(definition);
            }

            foreach (var implementation in GetImplementationMap(cancellationToken).Get(definition))
            {
                if (builder is not null && builder.Count >= MaxImplementations)
                {
                    break;
                }

                if (HasBody(implementation) && (builder is null || !Contains(builder, implementation)))
                {
                    builder ??= ImmutableArray.CreateBuilder<IMethodSymbol>();
                    builder.Add(implementation);
                }
            }

            return builder is null ? ImmutableArray<IMethodSymbol>.Empty : builder.ToImmutable();
        }

        /// <summary>
        /// Whether the call runs the target's own body or nothing of this compilation (a plain call: not dispatched to
        /// overrides or implementations), and then that body when it is here: what <see cref="ResolveCallees"/> answers
        /// for most calls, without building an array for it.
        /// </summary>
        public bool TryResolvePlainCallee(IMethodSymbol target, bool isVirtualCall, out IMethodSymbol? callee)
        {
            var definition = target.OriginalDefinition;
            if (isVirtualCall && (definition.IsVirtual || definition.IsAbstract || definition.IsOverride || definition.ContainingType?.TypeKind == TypeKind.Interface))
            {
                callee = null;
                return false;
            }

            callee = HasBody(definition) ? definition : null;
            return true;
        }

        private static bool Contains(ImmutableArray<IMethodSymbol>.Builder methods, IMethodSymbol method)
        {
            foreach (var existing in methods)
            {
                if (SymbolEqualityComparer.Default.Equals(existing, method))
                {
                    return true;
                }
            }

            return false;
        }

        internal FlowSummary GetSummary(IMethodSymbol method, FlowStack stack)
        {
            var key = method.OriginalDefinition;
            if (summaries.TryGetValue(key, out var cached))
            {
                return cached;
            }

            // Binding a body costs more than anything else done with it: first try to prove from its syntax that it has no site.
            if (!Screen.MayHaveSites(key, stack.CancellationToken))
            {
                return summaries.GetOrAdd(key, FlowSummary.Empty);
            }

            if (stack.Depth > MaxDepth)
            {
                stack.CutByDepth();
                return FlowSummary.Empty;
            }

            if (!stack.TryPush(key))
            {
                // A recursive call: its effects are counted where the cycle started.
                return FlowSummary.Empty;
            }

            FlowSummary summary;
            try
            {
                var body = FindBody(key, stack.CancellationToken);
                summary = body is null ? FlowSummary.Empty : new SummaryBuilder(this, stack).Build(body, null);
            }
            catch
            {
                stack.Pop();
                throw;
            }

            if (stack.Pop())
            {
                summary = summaries.GetOrAdd(key, summary);
            }

            return summary;
        }

        internal bool HasBody(IMethodSymbol method)
        {
            // Metadata methods (most calls), and source methods of another compilation that a project reference exposes,
            // belong to another assembly.
            if (method.IsAbstract || method.IsExtern || !method.IsDeclaredIn(assembly))
            {
                return false;
            }

            if (method.Locations.IsEmpty)
            {
                return false;
            }

            if (method.IsPartialDefinition)
            {
                return method.PartialImplementationPart is not null;
            }

            // Implicitly declared members (default constructors, record members) have no declaration with a body, and
            // neither have auto-property accessors: a member declared in source otherwise always has one. Reading the
            // declarations builds an array, so it is asked only of implicit members and of accessors (an accessor asked
            // whether it is implicitly declared finds its syntax), and the answer is kept: every read of a property and
            // every creation of a type asks again, and an auto-property then costs no summary, no screen and no lookup.
            if (method.MethodKind is MethodKind.PropertyGet or MethodKind.PropertySet || method.IsImplicitlyDeclared)
            {
                return hasDeclarationWithBody.TryGetValue(method, out bool known) ? known : hasDeclarationWithBody.GetOrAdd(method, HasDeclarationWithBody(method));
            }

            return true;
        }

        private bool HasDeclarationWithBody(IMethodSymbol method)
        {
            foreach (var _ in BodyDeclarations(method, CancellationToken.None))
            {
                return true;
            }

            return false;
        }

        private IOperation? FindBody(IMethodSymbol method, CancellationToken cancellationToken)
        {
            foreach (var syntax in BodyDeclarations(method, cancellationToken))
            {
#pragma warning disable RS1030 // Following a call needs the callee's body. The analyzer driver caches semantic models per tree (CachingSemanticModelProvider), so this does not rebind the tree.
                var model = Compilation.GetSemanticModel(syntax.SyntaxTree);
#pragma warning restore RS1030
                var operation = model.GetOperation(syntax, cancellationToken);
                if (operation is IMethodBodyOperation or IConstructorBodyOperation || (operation is IBlockOperation && operation.Parent is null))
                {
                    return operation;
                }
            }

            return null;
        }

        /// <summary>
        /// The declarations of a method in this compilation that have a body of their own (a partial method's
        /// implementation part; not auto-accessors, positional record properties or a primary constructor's type): what
        /// is bound to follow a call, and what the <see cref="SiteScreen"/> reads instead.
        /// </summary>
        internal IEnumerable<SyntaxNode> BodyDeclarations(IMethodSymbol method, CancellationToken cancellationToken)
        {
            // A member of this compilation's assembly is declared in its trees; the source members of another
            // compilation (a project reference) are not ours to read.
            var withBody = method.PartialImplementationPart ?? method;
            if (!withBody.IsDeclaredIn(assembly))
            {
                yield break;
            }

            foreach (var reference in withBody.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax(cancellationToken);
                if (!HasNoBody(syntax))
                {
                    yield return syntax;
                }
            }
        }

        /// <summary>
        /// Declarations that the semantic model gives no body for (auto-property accessors, positional record properties,
        /// implicit and synthesized members declared by a type declaration): recognised from the syntax, so that following
        /// the many calls of such members creates no semantic model and binds nothing.
        /// </summary>
        private static bool HasNoBody(SyntaxNode syntax)
            => syntax is AccessorDeclarationSyntax { Body: null, ExpressionBody: null } or ParameterSyntax or BaseTypeDeclarationSyntax;

        internal ImplementationMap GetImplementationMap(CancellationToken cancellationToken)
        {
            var map = Volatile.Read(ref implementationMap);
            if (map is not null)
            {
                return map;
            }

            lock (implementationLock)
            {
                implementationMap ??= ImplementationMap.Build(Compilation, cancellationToken);
                return implementationMap;
            }
        }
    }

    /// <summary>
    /// The methods being summarised on the current thread: bounds the depth and cuts cycles. A summary computed under
    /// a cut (a recursive call, or the depth bound) is incomplete for everything above the cut, so it is not cached
    /// until the computation returns to the method where the cut happened.
    /// </summary>
    internal sealed class FlowStack
    {
        private readonly List<IMethodSymbol> active = new();
        private int cutAt = int.MaxValue;

        public FlowStack(CancellationToken cancellationToken)
        {
            CancellationToken = cancellationToken;
        }

        public CancellationToken CancellationToken { get; }

        public int Depth => active.Count;

        public bool TryPush(IMethodSymbol method)
        {
            for (int i = 0; i < active.Count; i++)
            {
                if (SymbolEqualityComparer.Default.Equals(active[i], method))
                {
                    cutAt = Math.Min(cutAt, i);
                    return false;
                }
            }

            active.Add(method);
            return true;
        }

        /// <summary>Records that the depth bound stopped the walk: nothing on the stack but its root is complete.</summary>
        public void CutByDepth() => cutAt = 0;

        /// <summary>Pops the top method and tells whether its summary is complete (may be cached).</summary>
        public bool Pop()
        {
            int index = active.Count - 1;
            active.RemoveAt(index);
            if (cutAt < index)
            {
                return false;
            }

            if (cutAt == index)
            {
                cutAt = int.MaxValue;
            }

            return true;
        }
    }
}
