using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Consistency.Quality;

namespace Consistency.Benchmarks
{
    /// <summary>
    /// One command prints every cost figure of the analyzers and generators:
    /// <c>dotnet run -c Release --project benchmarks/Analyzers.Benchmarks</c> (or <c>scripts/benchmark.sh</c>).
    /// Options: <c>--quick</c> (scales 1x and 4x only, one repetition; the same warm-up, until the analyzers' speed
    /// settles, since a figure taken before that measures the runtime's optimization of them), <c>--no-build-run</c>
    /// (skip the dotnet build measurement), <c>--unit-lines N</c> (lines of the 1x compilation; default 12,500 so that
    /// 4x is 50,000), <c>--scales 1,4,16</c> (the scales of the in-process measurement; growth is shown against the
    /// first).
    /// <c>CONSISTENCY_BENCHMARK_BUILD_LOG=path</c> keeps the generated solution and writes the measured build log there.
    /// <c>--compare DIR DIR…</c> runs only the <see cref="PairedComparison"/> of builds of the analyzers (each directory
    /// holding a <c>Consistency.Analyzers.dll</c>), with <c>--scale N</c> (default 4), <c>--rounds N</c> (default 11),
    /// <c>--warm-ups N</c> (analyses per build before the rounds; default 8) and <c>--rules CH0001,CH0002</c> (only
    /// the analyzers of those rules); <c>scripts/compare.sh</c> builds the directories from git revisions.
    /// <c>--editor</c> runs only the <see cref="EditorBenchmark"/> (cost per edit of one document), with <c>--scale N</c>
    /// (default 4) or <c>--scales 1,4,16</c>, and <c>--edits N</c> (default 20).
    /// </summary>
    internal static class Program
    {
        public static async Task<int> Main(string[] args)
        {
            bool quick = args.Contains("--quick");
            bool buildRun = !args.Contains("--no-build-run");
            int unitLines = IntOption(args, "--unit-lines", 12_500);

            int compare = Array.IndexOf(args, "--compare");
            if (compare >= 0)
            {
                var directories = args.Skip(compare + 1).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
                string? rules = Option(args, "--rules");
                return PairedComparison.Run(
                    directories,
                    unitLines,
                    scale: IntOption(args, "--scale", 4),
                    rounds: IntOption(args, "--rounds", 11),
                    warmUps: IntOption(args, "--warm-ups", 8),
                    ruleFilter: rules is null ? Array.Empty<string>() : rules.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }

            if (args.Contains("--editor"))
            {
                int[] editorScales = Option(args, "--scales") is { } sizes
                    ? sizes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray()
                    : new[] { IntOption(args, "--scale", 4) };
                EditorBenchmark.Run(unitLines, editorScales, edits: IntOption(args, "--edits", 20));
                return 0;
            }

            Console.WriteLine("# Consistency.Tooling analyzer cost");
            Console.WriteLine();
            Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSArchitecture}");
            Console.WriteLine($"analyzers: {string.Join(", ", ProductComponents.CreateAnalyzers().Select(ProductComponents.Describe))}");
            Console.WriteLine($"generators: {(ProductComponents.GeneratorTypes.IsEmpty ? "none" : string.Join(", ", ProductComponents.GeneratorTypes.Select(t => t.Name)))}");
            Console.WriteLine($"service code: {ServiceCodeGenerator.LinesPerModule} lines per module");
            Console.WriteLine();

            int[] scales = Option(args, "--scales") is { } listed
                ? listed.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray()
                : quick ? new[] { 1, 4 } : new[] { 1, 4, 16 };
            await InProcessBenchmark.RunAsync(unitLines, scales, repetitions: quick ? 1 : 5).ConfigureAwait(false);
            EditorBenchmark.Run(unitLines, scales, edits: quick ? 5 : 20);
            await WholeProcessBenchmark.RunAsync(unitLines, scale: 4, rounds: quick ? 2 : 5).ConfigureAwait(false);
            EarlyBindingBenchmark.Run(unitLines, scale: 4, rounds: quick ? 4 : 8);
            GeneratorBenchmark.Run(types: 2_000, edits: quick ? 5 : 20);
            if (buildRun)
            {
                BuildBenchmark.Run(projects: 4, linesPerProject: unitLines);
            }

            return 0;
        }

        private static string? Option(string[] args, string name)
        {
            int index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
        }

        private static int IntOption(string[] args, string name, int defaultValue)
            => Option(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : defaultValue;
    }
}
