using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Consistency.Analyzers.Internals
{
    /// <summary>
    /// Initial sizes of the caches kept per compilation, from its number of syntax trees. A cache that starts at the
    /// default size doubles, rehashing every entry, a dozen times on a large project.
    /// </summary>
    internal static class CacheCapacity
    {
        private const int Minimum = 31;

        // Analyzers run on a few threads at once; the count of the machine's processors is not theirs to read.
        private const int ConcurrencyLevel = 4;
        private const int Maximum = 1 << 18;

        /// <summary>A capacity of <paramref name="entriesPerTree"/> entries for each syntax tree of the compilation.</summary>
        public static int PerTree(Compilation compilation, int entriesPerTree)
        {
            // Every per-compilation cache asks: the trees are an immutable array, whose count is read without a walk.
            int trees = 0;
            if (compilation.SyntaxTrees is IReadOnlyCollection<SyntaxTree> collection)
            {
                trees = collection.Count;
            }
            else
            {
                foreach (var _ in compilation.SyntaxTrees)
                {
                    trees++;
                }
            }

            return Math.Min(Math.Max(Minimum, trees * entriesPerTree), Maximum);
        }

        public static ConcurrentDictionary<TKey, TValue> Create<TKey, TValue>(int capacity, IEqualityComparer<TKey> comparer)
            where TKey : notnull
            => new(ConcurrencyLevel, capacity, comparer);
    }
}
