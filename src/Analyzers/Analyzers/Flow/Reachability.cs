using System.Collections.Generic;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace Consistency.Analyzers.Flow
{
    /// <summary>
    /// Which blocks of a control flow graph can run after which, with the exception edges the graph leaves implicit:
    /// any block of a try region can continue in its catch handlers and its finally, and the end of a finally continues
    /// wherever the branches that went through it were going. Sites ordered without a graph (<see cref="StructuredOrder"/>)
    /// each count as a block of their own, and their order is kept as it was found: per site, the set of sites that may
    /// run before it.
    /// </summary>
    internal sealed class Reachability
    {
        private readonly Dictionary<int, bool[]>? reachableFrom;
        private readonly List<ulong>? predecessors;

        private Reachability(Dictionary<int, bool[]>? reachableFrom, List<ulong>? predecessors)
        {
            this.reachableFrom = reachableFrom;
            this.predecessors = predecessors;
        }

        /// <summary>
        /// The reachability of sites ordered without a graph: site <c>i</c> is placed as block <c>i</c>, and bit <c>j</c>
        /// of <paramref name="predecessors"/>[i] says that site <c>j</c> may run before it (site <c>i</c> itself: it repeats).
        /// </summary>
        public static Reachability FromOrder(List<ulong> predecessors) => new(null, predecessors);

        public static Reachability Compute(ControlFlowGraph graph, List<SummaryBuilder.PlacedSite> sites)
        {
            var successors = Successors(graph);
            var result = new Dictionary<int, bool[]>();
            var work = new Stack<int>();
            foreach (var site in sites)
            {
                if (result.ContainsKey(site.Block))
                {
                    continue;
                }

                // Blocks reachable through at least one edge: a block reaches itself only on a cycle.
                var seen = new bool[graph.Blocks.Length];
                foreach (var next in successors[site.Block])
                {
                    if (!seen[next])
                    {
                        seen[next] = true;
                        work.Push(next);
                    }
                }

                while (work.Count > 0)
                {
                    foreach (var next in successors[work.Pop()])
                    {
                        if (!seen[next])
                        {
                            seen[next] = true;
                            work.Push(next);
                        }
                    }
                }

                result[site.Block] = seen;
            }

            return new Reachability(result, null);
        }

        public bool MayPrecede(SummaryBuilder.PlacedSite first, SummaryBuilder.PlacedSite second)
            => predecessors is not null
                ? (predecessors[second.Block] & (1UL << first.Block)) != 0
                : (first.Block == second.Block && first.Index < second.Index) || reachableFrom![first.Block][second.Block];

        /// <summary>Whether the site's block is on a cycle (a loop body): its effects follow each other in both orders.</summary>
        public bool Repeats(SummaryBuilder.PlacedSite site)
            => predecessors is not null ? (predecessors[site.Block] & (1UL << site.Block)) != 0 : reachableFrom![site.Block][site.Block];

        private static List<int>[] Successors(ControlFlowGraph graph)
        {
            var blocks = graph.Blocks;
            var successors = new List<int>[blocks.Length];
            for (int i = 0; i < blocks.Length; i++)
            {
                successors[i] = new List<int>(2);
            }

            var finallyExits = new Dictionary<ControlFlowRegion, List<int>>();
            for (int i = 0; i < blocks.Length; i++)
            {
                AddBranch(blocks[i], blocks[i].FallThroughSuccessor, successors, finallyExits);
                AddBranch(blocks[i], blocks[i].ConditionalSuccessor, successors, finallyExits);
            }

            AddExceptionEdges(graph.Root, successors, finallyExits);
            return successors;
        }

        private static void AddBranch(BasicBlock source, ControlFlowBranch? branch, List<int>[] successors, Dictionary<ControlFlowRegion, List<int>> finallyExits)
        {
            if (branch is null)
            {
                return;
            }

            var finallyRegions = branch.FinallyRegions;
            int? destination = branch.Destination?.Ordinal;
            if (finallyRegions.IsEmpty)
            {
                if (destination is { } target)
                {
                    successors[source.Ordinal].Add(target);
                }

                return;
            }

            // Leaving a try through its finally: source -> finally 1 -> ... -> finally n -> destination.
            successors[source.Ordinal].Add(finallyRegions[0].FirstBlockOrdinal);
            for (int f = 0; f < finallyRegions.Length; f++)
            {
                int? next = f + 1 < finallyRegions.Length ? finallyRegions[f + 1].FirstBlockOrdinal : destination;
                if (next is { } continuation)
                {
                    if (!finallyExits.TryGetValue(finallyRegions[f], out var exits))
                    {
                        finallyExits[finallyRegions[f]] = exits = new List<int>();
                    }

                    exits.Add(continuation);
                }
            }
        }

        private static void AddExceptionEdges(ControlFlowRegion region, List<int>[] successors, Dictionary<ControlFlowRegion, List<int>> finallyExits)
        {
            if (region.Kind is ControlFlowRegionKind.TryAndCatch or ControlFlowRegionKind.TryAndFinally && region.NestedRegions.Length > 1)
            {
                var tryRegion = region.NestedRegions[0];
                for (int h = 1; h < region.NestedRegions.Length; h++)
                {
                    int handler = region.NestedRegions[h].FirstBlockOrdinal;
                    for (int b = tryRegion.FirstBlockOrdinal; b <= tryRegion.LastBlockOrdinal; b++)
                    {
                        successors[b].Add(handler);
                    }
                }
            }

            if (region.Kind == ControlFlowRegionKind.Finally && finallyExits.TryGetValue(region, out var exits))
            {
                successors[region.LastBlockOrdinal].AddRange(exits);
            }

            foreach (var nested in region.NestedRegions)
            {
                AddExceptionEdges(nested, successors, finallyExits);
            }
        }
    }
}
