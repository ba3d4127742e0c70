using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Consistency.Testing;
using Consistency.Testing.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Consistency.Generators.Tests.Infrastructure
{
    /// <summary>Builds generator tests as a user's build would run them: our generators next to System.Text.Json's.</summary>
    internal static class GeneratorHarness
    {
        public static string BaselineDirectory => TestPaths.FromRoot("tests", "Generators.Tests", "Baselines");

        public static MetadataReference RuntimeReference { get; } = MetadataReference.CreateFromFile(typeof(Consistency.Runtime.Idempotency.IdempotencyHandler).Assembly.Location);

        public static GeneratorTest Create(IIncrementalGenerator generator, params string[] sources)
            => Create(() => generator, sources);

        public static GeneratorTest Create(Func<IIncrementalGenerator> generator, params string[] sources)
        {
            var test = new GeneratorTest(generator);
            test.AdditionalReferences.Add(RuntimeReference);
            test.AdditionalGenerators.Add(SdkGenerators.SystemTextJson());
            foreach (var source in sources)
            {
                test.Sources.Add(source);
            }

            return test;
        }

        /// <summary>Compiles the user's code with everything generated, warnings as errors, and loads it.</summary>
        public static Assembly EmitAndLoad(GeneratorRun run)
        {
            // Every warning fails, except missing XML comments on the test's own user code (generated members must have them).
            var userTrees = run.InputCompilation.SyntaxTrees.ToHashSet();
            var problems = run.OutputCompilation.GetDiagnostics()
                .Where(d => d.Severity >= DiagnosticSeverity.Warning && !(d.Id == "CS1591" && d.Location.SourceTree is { } tree && userTrees.Contains(tree)))
                .ToList();
            using var image = new MemoryStream();
            var emitted = problems.Count == 0 ? run.OutputCompilation.Emit(image) : null;
            if (emitted is not { Success: true })
            {
                var generated = string.Join(Environment.NewLine, run.OutputCompilation.SyntaxTrees.Skip(run.InputCompilation.SyntaxTrees.Length).Select(t => "--- " + t.FilePath + Environment.NewLine + t));
                throw new VerificationException("The user's code with the generated code does not compile with warnings as errors:" + Environment.NewLine
                    + string.Join(Environment.NewLine, problems.Concat(emitted?.Diagnostics ?? Enumerable.Empty<Diagnostic>())) + Environment.NewLine + generated);
            }

            return Assembly.Load(image.ToArray());
        }

        public static Compilation AddSource(Compilation compilation, string source)
            => compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(source, (CSharpParseOptions)compilation.SyntaxTrees.First().Options, "/0/Added.cs"));

        public static async Task<object?> InvokeAsync(object target, string method, params object?[] arguments)
        {
            var task = (Task)target.GetType().GetMethod(method, BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)!.Invoke(target, arguments)!;
            await task.ConfigureAwait(false);
            return task.GetType().GetProperty("Result")?.GetValue(task);
        }

        public static object? InvokeValueTask(object target, string method, params object?[] arguments)
            => target.GetType().GetMethod(method)!.Invoke(target, arguments);
    }
}
