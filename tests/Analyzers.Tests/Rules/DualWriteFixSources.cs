using System;
using System.Collections.Generic;
using System.Linq;

namespace Consistency.Analyzers.Tests.Rules
{
    /// <summary>The sources of <see cref="DualWriteTestSources"/> with the usings a code fix adds, where the IDE puts them.</summary>
    internal static class DualWriteFixSources
    {
        /// <summary><see cref="DualWriteTestSources.Service"/> with <paramref name="usings"/> added in sorted order (System first).</summary>
        public static string FixedService(string members, params string[] usings)
            => WithUsings(DualWriteTestSources.Service(members), usings);

        /// <summary>Any source with the extra usings inserted among the usual ones.</summary>
        public static string WithUsings(string source, params string[] usings)
        {
            var lines = source.Split('\n').ToList();
            var existing = lines.TakeWhile(l => l.StartsWith("using ", StringComparison.Ordinal)).ToList();
            var all = existing.Concat(usings.Select(u => "using " + u + ";")).Distinct().ToList();
            all.Sort(CompareUsings);
            return string.Join("\n", all.Concat(lines.Skip(existing.Count)));
        }

        private static int CompareUsings(string a, string b)
        {
            static bool IsSystem(string u) => u == "using System;" || u.StartsWith("using System.", StringComparison.Ordinal);
            int system = IsSystem(b).CompareTo(IsSystem(a));
            return system != 0 ? system : string.Compare(a.TrimEnd(';'), b.TrimEnd(';'), StringComparison.OrdinalIgnoreCase);
        }
    }
}
