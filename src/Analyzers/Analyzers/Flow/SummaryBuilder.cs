using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Consistency.Analyzers.Effects;
using Consistency.Analyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Consistency.Analyzers.Flow
{
    /// <summary>
    /// Builds the summary of one body in two passes.
    /// <para>
    /// 1. Over the operation tree (with its lambdas and local functions), find the <em>sites</em>: calls that are effects
    /// (catalogue, configuration, markers, conventions) and calls of methods whose own summary is not empty. The tree is
    /// used, not the graph, because the graph lowers object initializers and arguments that the catalogue's conditions
    /// read. A body without sites ends here: no graph is built.
    /// </para>
    /// <para>
    /// 2. Order the sites on the control flow graph, which gives every C# shape (switch expressions, patterns,
    /// <c>?.</c>, <c>??</c>, <c>goto</c>, <c>using</c>, <c>foreach</c>) its real branches; one site may precede another
    /// when the other's block is reachable from it, which makes exclusive branches and early returns unordered and loop
    /// bodies ordered both ways. The graph has no exception edges, so every block of a <c>try</c> is given edges to its
    /// catch and finally handlers, and a finally's end continues where the branches that entered it were going. Most
    /// bodies are ordered the same way by a walk of their statements (<see cref="StructuredOrder"/>) without building
    /// the graph; the graph is built for the others.
    /// </para>
    /// </summary>
    internal sealed class SummaryBuilder
    {
        private readonly FlowEngine engine;
        private readonly FlowStack stack;
        private readonly Dictionary<SyntaxNode, Site> sites = new();
        private readonly Dictionary<IMethodSymbol, FlowSummary?> localFunctions = new(SymbolEqualityComparer.Default);

        public SummaryBuilder(FlowEngine engine, FlowStack stack)
        {
            this.engine = engine;
            this.stack = stack;
        }

        public FlowSummary Build(IOperation body, Func<IOperation, ControlFlowGraph?>? getControlFlowGraph)
        {
            FindSites(body);
            if (sites.Count == 0)
            {
                return FlowSummary.Empty;
            }

            MarkOutboxCommits(body);

            if (sites.Count == 1)
            {
                foreach (var pair in sites)
                {
                    return Sequence(new List<PlacedSite> { new(pair.Value, 0, 0) }, reachability: null);
                }
            }

            // Most bodies are structured enough to be ordered by a walk of their statements, which costs far less than
            // building their graph.
            if (engine.OrdersWithoutGraph && StructuredOrder.Order(this, body) is { } structured)
            {
                engine.CountOrderedWithoutGraph();
                return Sequence(structured.Placed, structured.Reachability);
            }

            var graph = getControlFlowGraph?.Invoke(body) ?? CreateGraph(body);
            return graph is null ? Unordered() : SummarizeGraph(graph);
        }

        private ControlFlowGraph? CreateGraph(IOperation body)
        {
            var cancellationToken = stack.CancellationToken;
            return body switch
            {
                IMethodBodyOperation method => ControlFlowGraph.Create(method, cancellationToken),
                IConstructorBodyOperation constructor => ControlFlowGraph.Create(constructor, cancellationToken),
                IBlockOperation block when block.Parent is null => ControlFlowGraph.Create(block, cancellationToken),
                _ => null,
            };
        }

        // Pass 1 -------------------------------------------------------------------------------------------------

        /// <summary>
        /// Walks the tree in pre-order (<see cref="OperationWalk"/>) with a switch on <see cref="IOperation.Kind"/>
        /// instead of <c>Descendants()</c> and type patterns: this walk runs over every operation of every method of the
        /// compilation, and the interface type checks and the enumerator stack were a large share of it.
        /// </summary>
        private void FindSites(IOperation body) => OperationWalk.VisitAll(body, new SiteSink(this));

        /// <summary>Classifies every operation: a struct, so that this walk over every body calls it directly.</summary>
        private readonly struct SiteSink : IOperationSink
        {
            private readonly SummaryBuilder builder;

            public SiteSink(SummaryBuilder builder) => this.builder = builder;

            public void Visit(IOperation operation) => builder.Classify(operation);
        }

        private void Classify(IOperation operation)
        {
            var catalogue = engine.Catalogue;
            switch (operation.Kind)
            {
                case OperationKind.Invocation:
                    // A call by a name that nothing of the catalogue and no member of the compilation with a possible site
                    // bears adds no site: told from the screen's answer per name, without classifying or resolving it.
                    var invocation = (IInvocationOperation)operation;
                    if (invocation.TargetMethod is not { } target || target.MethodKind == MethodKind.LocalFunction
                        || !engine.MayBeOrReachEffect(target, stack.CancellationToken))
                    {
                        break;
                    }

                    if (catalogue.TryClassify(invocation, out var effect, out bool isCatalogued))
                    {
                        sites[invocation.Syntax] = Site.Direct(invocation.Syntax, effect);
                    }
                    else if (!isCatalogued)
                    {
                        // A catalogued call whose condition says "no effect" (an HTTP GET) is not followed any further.
                        AddCallSite(invocation.Syntax, target, invocation.IsVirtual, allowConvention: true);
                    }

                    break;

                case OperationKind.ObjectCreation:
                    var creation = (IObjectCreationOperation)operation;
                    if (catalogue.TryClassify(creation, out var creationEffect))
                    {
                        sites[creation.Syntax] = Site.Direct(creation.Syntax, creationEffect);
                    }
                    else if (creation.Constructor is { } constructor)
                    {
                        AddCallSite(creation.Syntax, constructor, isVirtual: false, allowConvention: false);
                    }

                    break;

                case OperationKind.DelegateCreation:
                    if (operation is IDelegateCreationOperation { Target: IMethodReferenceOperation reference } delegateCreation
                        && reference.Method.MethodKind != MethodKind.LocalFunction
                        && engine.MayBeOrReachEffect(reference.Method, stack.CancellationToken))
                    {
                        // A method group handed to a retry helper or Task.Run runs there: count it where it is passed.
                        if (catalogue.TryClassifyMethod(reference.Method, out var classification))
                        {
                            sites[delegateCreation.Syntax] = Site.Direct(delegateCreation.Syntax, classification.Effect);
                        }
                        else
                        {
                            AddCallSite(delegateCreation.Syntax, reference.Method, reference.IsVirtual, allowConvention: false);
                        }
                    }

                    break;

                case OperationKind.PropertyReference:
                    var property = (IPropertyReferenceOperation)operation;
                    if (engine.Screen.MayReachEffect(property.Property.Name, stack.CancellationToken) && AccessorOf(property) is { } accessor)
                    {
                        // A property of the compilation whose accessor has a body runs that body where it is used.
                        AddCallSite(property.Syntax, accessor, isVirtual: property.Instance is not null, allowConvention: false);
                    }

                    break;
            }
        }

        /// <summary>
        /// Whether the body names an outbox (a method, type, property or string literal): read only for bodies with a
        /// transactional batch, so that the walk over every body does not compare names. Walked as
        /// <see cref="FindSites"/> is, with a switch on the kind before any interface type test.
        /// </summary>
        private static bool MentionsOutbox(IOperation body)
        {
            var test = default(OutboxNameTest);
            return OperationWalk.AnyDescendant(body, ref test);
        }

        private readonly struct OutboxNameTest : IOperationTest
        {
            public bool Test(IOperation operation) => NamesOutbox(operation);
        }

        private static bool NamesOutbox(IOperation operation)
        {
            switch (operation.Kind)
            {
                case OperationKind.Invocation:
                    var method = ((IInvocationOperation)operation).TargetMethod;
                    return MentionsOutbox(method?.Name) || MentionsOutbox(method?.ContainingType?.Name);

                case OperationKind.ObjectCreation:
                case OperationKind.FieldReference:
                    return MentionsOutbox(operation.Type?.Name);

                case OperationKind.PropertyReference:
                    return MentionsOutbox(((IPropertyReferenceOperation)operation).Property.Name) || MentionsOutbox(operation.Type?.Name);

                case OperationKind.Literal:
                    return operation.ConstantValue is { HasValue: true, Value: string text } && MentionsOutbox(text);

                default:
                    return false;
            }
        }

        private static IMethodSymbol? AccessorOf(IPropertyReferenceOperation property)
        {
            // Only properties declared in source can have a body to follow; reading or writing decides the accessor.
            // (Locations are stored by the symbol; DeclaringSyntaxReferences would build an array per property read.)
            var locations = property.Property.Locations;
            if (locations.IsEmpty || !locations[0].IsInSource)
            {
                return null;
            }

            bool isWritten = property.Parent is { Kind: OperationKind.SimpleAssignment } assignment && ((ISimpleAssignmentOperation)assignment).Target == property;
            return isWritten ? property.Property.SetMethod : property.Property.GetMethod;
        }

        private void AddCallSite(SyntaxNode syntax, IMethodSymbol target, bool isVirtual, bool allowConvention)
        {
            // Most calls run one body or none: resolved without an array of callees.
            if (engine.TryResolvePlainCallee(target, isVirtual, out var single))
            {
                if (single is null)
                {
                    AddConventionSite(syntax, target, allowConvention);
                }
                else if (engine.GetSummary(single, stack) is { IsEmpty: false } summary)
                {
                    sites[syntax] = Site.Call(syntax, target, summary);
                }

                return;
            }

            var callees = engine.ResolveDispatchedCallees(target.OriginalDefinition, stack.CancellationToken);
            if (callees.IsEmpty)
            {
                AddConventionSite(syntax, target, allowConvention);
                return;
            }

            FlowSummary? combined = null;
            List<FlowSummary>? alternatives = null;
            foreach (var callee in callees)
            {
                var summary = engine.GetSummary(callee, stack);
                if (summary.IsEmpty)
                {
                    continue;
                }

                if (combined is null)
                {
                    combined = summary;
                }
                else
                {
                    alternatives ??= new List<FlowSummary> { combined };
                    alternatives.Add(summary);
                }
            }

            if (alternatives is not null)
            {
                combined = Alternatives(alternatives);
            }

            if (combined is not null)
            {
                sites[syntax] = Site.Call(syntax, target, combined);
            }
        }

        /// <summary>A call that runs no body of the compilation is an effect only by a wrapper convention.</summary>
        private void AddConventionSite(SyntaxNode syntax, IMethodSymbol target, bool allowConvention)
        {
            if (allowConvention && engine.Catalogue.TryClassifyByConvention(target, out var convention))
            {
                sites[syntax] = Site.Direct(syntax, convention);
            }
        }

        private void MarkOutboxCommits(IOperation body)
        {
            // A transactional batch in a body that builds an outbox record commits that record with the business write.
            List<SyntaxNode>? keys = null;
            foreach (var pair in sites)
            {
                if (pair.Value.Kind == SiteKind.Direct && pair.Value.Effect.IsWrite && (pair.Value.Effect.Traits & EffectTraits.AtomicBatch) != 0)
                {
                    (keys ??= new List<SyntaxNode>()).Add(pair.Key);
                }
            }

            if (keys is null || !MentionsOutbox(body))
            {
                return;
            }

            foreach (var key in keys)
            {
                var site = sites[key];
                sites[key] = Site.Direct(key, site.Effect.WithTraits(site.Effect.Traits | EffectTraits.OutboxCommit));
            }
        }

        private static bool MentionsOutbox(string? name) => name is not null && name.IndexOf("outbox", StringComparison.OrdinalIgnoreCase) >= 0;

        // Pass 2 -------------------------------------------------------------------------------------------------

        private FlowSummary SummarizeGraph(ControlFlowGraph graph)
        {
            var placed = new List<PlacedSite>();
            var blocks = graph.Blocks;
            for (int b = 0; b < blocks.Length; b++)
            {
                int index = 0;
                var block = blocks[b];
                foreach (var operation in block.Operations)
                {
                    Visit(operation, graph, b, ref index, placed);
                }

                if (block.BranchValue is { } branchValue)
                {
                    Visit(branchValue, graph, b, ref index, placed);
                }
            }

            if (placed.Count == 0)
            {
                return FlowSummary.Empty;
            }

            return Sequence(placed, Reachability.Compute(graph, placed));
        }

        private void Visit(IOperation operation, ControlFlowGraph graph, int block, ref int index, List<PlacedSite> placed)
        {
            stack.CancellationToken.ThrowIfCancellationRequested();
            foreach (var child in operation.ChildOperations)
            {
                Visit(child, graph, block, ref index, placed);
            }

            switch (operation)
            {
                case IFlowAnonymousFunctionOperation lambda when ContainsSite(lambda.Syntax):
                    var lambdaSummary = SummarizeGraph(graph.GetAnonymousFunctionControlFlowGraphInScope(lambda, stack.CancellationToken));
                    if (!lambdaSummary.IsEmpty)
                    {
                        placed.Add(new PlacedSite(Site.Inline(lambda.Syntax, lambdaSummary), block, index++));
                    }

                    break;

                case IInvocationOperation { TargetMethod.MethodKind: MethodKind.LocalFunction } call:
                    var localSummary = SummarizeLocalFunction(graph, call.TargetMethod);
                    if (localSummary is { IsEmpty: false })
                    {
                        placed.Add(new PlacedSite(Site.Inline(call.Syntax, localSummary), block, index++));
                    }

                    break;

                default:
                    if (SiteOf(operation) is { } site)
                    {
                        placed.Add(new PlacedSite(site, block, index++));
                    }

                    break;
            }
        }

        /// <summary>How many sites pass 1 found.</summary>
        internal int SiteCount => sites.Count;

        internal CancellationToken CancellationToken => stack.CancellationToken;

        /// <summary>The site pass 1 found at this operation, if any: the one lookup both orderings place sites by.</summary>
        internal Site? SiteOf(IOperation operation)
            => operation.Kind is OperationKind.Invocation or OperationKind.ObjectCreation or OperationKind.DelegateCreation or OperationKind.PropertyReference
                && sites.TryGetValue(operation.Syntax, out var site) ? site : null;

        private FlowSummary? SummarizeLocalFunction(ControlFlowGraph graph, IMethodSymbol localFunction)
        {
            var key = localFunction.OriginalDefinition;
            if (localFunctions.TryGetValue(key, out var known))
            {
                return known; // null while in progress: a recursive local function adds nothing more
            }

            bool hasSite = false;
            foreach (var reference in key.DeclaringSyntaxReferences)
            {
                hasSite |= ContainsSite(reference.GetSyntax(stack.CancellationToken));
            }

            if (!hasSite)
            {
                localFunctions[key] = FlowSummary.Empty;
                return FlowSummary.Empty;
            }

            localFunctions[key] = null;
            FlowSummary summary;
            try
            {
                summary = SummarizeGraph(graph.GetLocalFunctionControlFlowGraphInScope(key, stack.CancellationToken));
            }
            catch (ArgumentOutOfRangeException)
            {
                // The local function is declared in a graph we cannot see from here (error recovery in broken code).
                summary = FlowSummary.Empty;
            }

            localFunctions[key] = summary;
            return summary;
        }

        /// <summary>Whether a site lies inside the syntax (a lambda, a local function, a branch).</summary>
        internal bool ContainsSite(SyntaxNode syntax)
        {
            var span = syntax.Span;
            foreach (var key in sites.Keys)
            {
                if (key.SyntaxTree == syntax.SyntaxTree && span.Contains(key.Span))
                {
                    return true;
                }
            }

            return false;
        }

        // Combination ----------------------------------------------------------------------------------------------

        /// <summary>Sites in order; <paramref name="reachability"/> null means a single site.</summary>
        private FlowSummary Sequence(List<PlacedSite> placed, Reachability? reachability)
        {
            var occurrences = ImmutableArray.CreateBuilder<EffectOccurrence>();
            var ranges = new (int Start, int Count)[placed.Count];
            int maxPath = engine.MaxDepth + 1;
            for (int s = 0; s < placed.Count; s++)
            {
                int start = occurrences.Count;
                var site = placed[s].Site;
                if (site.Kind == SiteKind.Direct)
                {
                    if (occurrences.Count < FlowSummary.MaxOccurrences)
                    {
                        occurrences.Add(new EffectOccurrence(site.Effect, site.Syntax, callee: null, ImmutableArray<SyntaxNode>.Empty));
                    }
                }
                else
                {
                    foreach (var inner in site.Summary!.Occurrences)
                    {
                        if (occurrences.Count >= FlowSummary.MaxOccurrences)
                        {
                            break;
                        }

                        if (site.Kind == SiteKind.Inline)
                        {
                            occurrences.Add(inner);
                        }
                        else if (inner.InnerPath.Length < engine.MaxDepth)
                        {
                            // An effect is seen from a flow when at most MaxDepth calls lead to it: a per-effect bound,
                            // so the result does not depend on which summaries happened to be cached first.
                            occurrences.Add(inner.LiftThrough(site.Syntax, site.Callee!, maxPath));
                        }
                    }
                }

                ranges[s] = (start, occurrences.Count - start);
            }

            var precedes = new ulong[occurrences.Count];
            for (int s = 0; s < placed.Count; s++)
            {
                for (int t = 0; t < placed.Count; t++)
                {
                    bool ordered = s != t && reachability is not null && reachability.MayPrecede(placed[s], placed[t]);
                    bool repeats = s == t && reachability is not null && reachability.Repeats(placed[s]);
                    if (s != t && !ordered)
                    {
                        continue;
                    }

                    var (startS, countS) = ranges[s];
                    var (startT, countT) = ranges[t];
                    for (int i = 0; i < countS; i++)
                    {
                        for (int j = 0; j < countT; j++)
                        {
                            bool before = s != t
                                || repeats && i != j
                                || placed[s].Site.Summary is { } inner && inner.MayPrecede(i, j);
                            if (before)
                            {
                                precedes[startS + i] |= 1UL << (startT + j);
                            }
                        }
                    }
                }
            }

            return new FlowSummary(occurrences.ToImmutable(), precedes);
        }

        /// <summary>Alternative bodies of one call (implementations of an interface method): never ordered with each other.</summary>
        private static FlowSummary Alternatives(List<FlowSummary> summaries)
        {
            var occurrences = ImmutableArray.CreateBuilder<EffectOccurrence>();
            var offsets = new List<(FlowSummary Summary, int Start, int Count)>();
            foreach (var summary in summaries)
            {
                int start = occurrences.Count;
                foreach (var occurrence in summary.Occurrences)
                {
                    if (occurrences.Count >= FlowSummary.MaxOccurrences)
                    {
                        break;
                    }

                    occurrences.Add(occurrence);
                }

                offsets.Add((summary, start, occurrences.Count - start));
            }

            var precedes = new ulong[occurrences.Count];
            foreach (var (summary, start, count) in offsets)
            {
                for (int i = 0; i < count; i++)
                {
                    for (int j = 0; j < count; j++)
                    {
                        if (summary.MayPrecede(i, j))
                        {
                            precedes[start + i] |= 1UL << (start + j);
                        }
                    }
                }
            }

            return new FlowSummary(occurrences.ToImmutable(), precedes);
        }

        /// <summary>Without a graph (should not happen for a real body) the effects are kept, unordered.</summary>
        private FlowSummary Unordered()
        {
            var placed = new List<PlacedSite>();
            foreach (var pair in sites)
            {
                placed.Add(new PlacedSite(pair.Value, placed.Count, 0));
            }

            return Sequence(placed, reachability: null);
        }

        internal enum SiteKind
        {
            /// <summary>The call is itself an effect.</summary>
            Direct,

            /// <summary>A call of a method of the compilation whose summary has effects.</summary>
            Call,

            /// <summary>A lambda or local function of the body: its effects are part of this body's text.</summary>
            Inline,
        }

        internal sealed class Site
        {
            private Site(SiteKind kind, SyntaxNode syntax, Effect effect, FlowSummary? summary, IMethodSymbol? callee)
            {
                Kind = kind;
                Syntax = syntax;
                Effect = effect;
                Summary = summary;
                Callee = callee;
            }

            public SiteKind Kind { get; }

            public SyntaxNode Syntax { get; }

            public Effect Effect { get; }

            public FlowSummary? Summary { get; }

            /// <summary>The called method (its definition) of a <see cref="SiteKind.Call"/> site.</summary>
            public IMethodSymbol? Callee { get; }

            public static Site Direct(SyntaxNode syntax, Effect effect) => new(SiteKind.Direct, syntax, effect, null, null);

            public static Site Call(SyntaxNode syntax, IMethodSymbol callee, FlowSummary summary) => new(SiteKind.Call, syntax, default, summary, callee.OriginalDefinition);

            public static Site Inline(SyntaxNode syntax, FlowSummary summary) => new(SiteKind.Inline, syntax, default, summary, null);
        }

        internal readonly struct PlacedSite
        {
            public PlacedSite(Site site, int block, int index)
            {
                Site = site;
                Block = block;
                Index = index;
            }

            public Site Site { get; }

            public int Block { get; }

            public int Index { get; }
        }
    }
}
