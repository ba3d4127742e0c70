using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using Consistency.Quality;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Consistency.Benchmarks
{
    /// <summary>
    /// The generators' cost per edit in a project of many types: one full run, then edits of one file at a time (a
    /// method body far from any attribute, and a member of an attributed type), each re-run on the driver that kept
    /// the previous state, as an IDE does on every keystroke.
    /// </summary>
    internal static class GeneratorBenchmark
    {
        private const int TypesPerFile = 20;

        public static void Run(int types, int edits)
        {
            Console.WriteLine($"## Generator: cost per edit in a {types:N0}-type project");
            Console.WriteLine();
            var generators = ProductComponents.CreateGenerators();
            if (generators.IsEmpty)
            {
                Console.WriteLine("no generator in Consistency.Generators yet: nothing to measure.");
                Console.WriteLine();
                return;
            }

            var files = Enumerable.Range(0, types / TypesPerFile).Select(f => ("Types/File" + f + ".cs", FileText(f, edit: 0))).ToList();
            var trees = files.Select(f => QualityCompilation.Parse(f.Item1, f.Item2)).ToList();
            var compilation = QualityCompilation.Create("GeneratorBench", trees);
            compilation.GetDiagnostics(); // bind once so that the edits measure the generator, not the first binding

            GeneratorDriver driver = CSharpGeneratorDriver.Create(generators, parseOptions: QualityCompilation.ParseOptions);
            var stopwatch = Stopwatch.StartNew();
            driver = driver.RunGenerators(compilation);
            double firstMs = stopwatch.Elapsed.TotalMilliseconds;
            int generated = driver.GetRunResult().GeneratedTrees.Length;

            var perEdit = new List<double>();
            for (int e = 1; e <= edits; e++)
            {
                int file = (e * 7) % files.Count;
                var oldTree = compilation.SyntaxTrees.First(t => t.FilePath == files[file].Item1);
                var newTree = QualityCompilation.Parse(files[file].Item1, FileText(file, e));
                compilation = compilation.ReplaceSyntaxTree(oldTree, newTree);
                stopwatch.Restart();
                driver = driver.RunGenerators(compilation);
                perEdit.Add(stopwatch.Elapsed.TotalMilliseconds);
            }

            var timing = driver.GetTimingInfo();
            perEdit.Sort();
            Console.WriteLine($"| generators | files | generated files | first run (ms) | per edit, median (ms) | per edit, max (ms) |");
            Console.WriteLine("|---|---|---|---|---|---|");
            Console.WriteLine($"| {string.Join(", ", timing.GeneratorTimes.Select(t => t.Generator.GetGeneratorType().Name))} | {files.Count} | {generated} | {firstMs:F0} | {perEdit[perEdit.Count / 2]:F1} | {perEdit[perEdit.Count - 1]:F1} |");
            Console.WriteLine();
        }

        /// <summary>Twenty types: plain classes, domain events and handlers with idempotent methods; <paramref name="edit"/> changes one method body.</summary>
        private static string FileText(int file, int edit)
        {
            var builder = new StringBuilder();
            builder.AppendLine("using System; using System.Threading; using System.Threading.Tasks; using Consistency;");
            builder.Append("namespace Bench.F").Append(file).AppendLine(" {");
            for (int i = 0; i < TypesPerFile; i++)
            {
                string name = "T" + file.ToString(CultureInfo.InvariantCulture) + "_" + i.ToString(CultureInfo.InvariantCulture);
                switch (i % 5)
                {
                    case 0:
                        builder.Append("[DomainEvent(\"bench.").Append(name.ToLowerInvariant()).Append("\")] public sealed partial record ").Append(name)
                            .AppendLine("Happened([property: AggregateKey] string Id, decimal Amount, DateTime At);");
                        break;
                    case 1:
                        builder.Append("public sealed partial class ").Append(name).AppendLine("Handler {")
                            .AppendLine("  [Idempotent] public Task<string> HandleAsync([IdempotencyKey] string id, CancellationToken cancellationToken) => Task.FromResult(id + \"" + edit + "\");")
                            .AppendLine("}");
                        break;
                    default:
                        builder.Append("public sealed class ").Append(name).AppendLine(" {")
                            .AppendLine("  public int Value { get; set; }")
                            .Append("  public int Compute(int x) { int y = x * ").Append(i + edit).AppendLine("; for (int k = 0; k < 3; k++) { y += k; } return y + Value; }")
                            .AppendLine("}");
                        break;
                }
            }

            builder.AppendLine("}");
            return builder.ToString();
        }
    }
}
