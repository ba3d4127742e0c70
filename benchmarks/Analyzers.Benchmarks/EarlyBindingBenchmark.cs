using System;
using System.Collections.Generic;
using System.Linq;
using Consistency.Quality;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Consistency.Benchmarks
{
    /// <summary>
    /// What a method body bound by an analyzer before the compiler compiles it costs. CH0001 follows a call into the
    /// callee's body, and binds that body when no summary of it exists yet: in a build, that is when the analyzer driver
    /// reaches a caller before the compiler has compiled the callee (callers first in file order, or any order when the
    /// build is concurrent). The driver hands the analyzers the bodies the compiler has already bound; the compiler, for
    /// its part, binds every body itself whatever a semantic model has bound before. This measures that second half on
    /// the same code, single-threaded: the compiler alone; every method, constructor and operator body bound through the
    /// semantic model; the compiler again, on the compilation whose semantic models hold those bodies.
    /// </summary>
    internal static class EarlyBindingBenchmark
    {
        public static void Run(int unitLines, int scale, int rounds)
        {
            Console.WriteLine($"## Early binding ({scale}x): does the compiler reuse a body a semantic model bound first?");
            Console.WriteLine();

            var sources = ServiceCodeGenerator.Generate(ServiceCodeGenerator.ModulesFor(unitLines) * scale);
            var trees = QualityCompilation.ParseAll(sources);
            var alone = new List<double>();
            var binding = new List<double>();
            var after = new List<double>();
            int bodies = 0;
            for (int round = 0; round < rounds; round++)
            {
                var plain = Declared(trees);
                alone.Add(ThreadCpu(() => plain.GetDiagnostics()));

                var bound = Declared(trees);
                binding.Add(ThreadCpu(() => bodies = BindEveryBody(bound, trees)));
                after.Add(ThreadCpu(() => bound.GetDiagnostics()));
            }

            // The first rounds also compile the code paths just in time: the medians of the later half are printed.
            int first = rounds / 2, settled = rounds - first;
            double SettledMedian(List<double> values) => WholeProcessBenchmark.Median(values.GetRange(first, settled));
            double aloneMs = SettledMedian(alone), bindingMs = SettledMedian(binding), afterMs = SettledMedian(after);
            Console.WriteLine("| compiler alone (ms) | every method, constructor and operator body bound through the semantic model (ms) | compiler after that (ms) | compiler time saved by the earlier binding |");
            Console.WriteLine("|---|---|---|---|");
            Console.WriteLine($"| {aloneMs:F0} | {bindingMs:F0} ({bodies:N0} bodies) | {afterMs:F0} | {InProcessBenchmark.Percent(aloneMs - afterMs, aloneMs)} |");
            Console.WriteLine($"(thread CPU, single-threaded, medians of the last {settled} of {rounds} rounds, each on fresh compilations)");
            Console.WriteLine();
        }

        /// <summary>A fresh compilation with its declarations complete, so that both compiler figures count the same work.</summary>
        private static Compilation Declared(List<SyntaxTree> trees)
        {
            var compilation = QualityCompilation.Create("Bench", trees, concurrentBuild: false);
            _ = compilation.GetDeclarationDiagnostics();
            return compilation;
        }

        private static int BindEveryBody(Compilation compilation, List<SyntaxTree> trees)
        {
            int count = 0;
            foreach (var tree in trees)
            {
                var model = compilation.GetSemanticModel(tree);
                foreach (var declaration in tree.GetRoot().DescendantNodes().OfType<BaseMethodDeclarationSyntax>())
                {
                    if (model.GetOperation(declaration) is not null)
                    {
                        count++;
                    }
                }
            }

            return count;
        }

        private static double ThreadCpu(Action action)
        {
            InProcessBenchmark.Collect();
            var start = ThreadCpuTime.Now;
            action();
            return (ThreadCpuTime.Now - start).TotalMilliseconds;
        }
    }
}
