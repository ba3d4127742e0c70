using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Consistency.Testing.Generators
{
    /// <summary>Checks that a generator is incremental for real.</summary>
    public static class IncrementalChecks
    {
        /// <summary>
        /// Runs the generator, applies <paramref name="edit"/> and runs it again on the same driver: every output of
        /// the named steps, and every generated output, must be Cached or Unchanged.
        /// </summary>
        public static GeneratorRunResult AssertCachedAfter(GeneratorTest test, Func<Compilation, Compilation> edit, params string[] stepNames)
        {
            var (second, _) = RunTwice(test, edit);
            var failures = new StringBuilder();
            foreach (var name in stepNames)
            {
                foreach (var step in Steps(second, name))
                {
                    foreach (var (value, reason) in step.Outputs)
                    {
                        if (reason is not IncrementalStepRunReason.Cached and not IncrementalStepRunReason.Unchanged)
                        {
                            failures.AppendLine(FormattableString.Invariant($"step '{name}' output {value} was {reason} after an unrelated edit"));
                        }
                    }
                }
            }

            foreach (var (name, steps) in second.TrackedOutputSteps)
            {
                foreach (var step in steps)
                {
                    foreach (var (value, reason) in step.Outputs)
                    {
                        if (reason is not IncrementalStepRunReason.Cached and not IncrementalStepRunReason.Unchanged)
                        {
                            failures.AppendLine(FormattableString.Invariant($"output step '{name}' ({value}) was {reason} after an unrelated edit"));
                        }
                    }
                }
            }

            if (failures.Length > 0)
            {
                throw new VerificationException("The generator is not incremental:" + Environment.NewLine + failures);
            }

            return second;
        }

        /// <summary>
        /// Runs the generator, applies <paramref name="edit"/> and runs again: the named step must have at least one
        /// output that is New or Modified (the edit was seen), and outputs not affected stay Cached/Unchanged.
        /// </summary>
        public static GeneratorRunResult AssertModifiedAfter(GeneratorTest test, Func<Compilation, Compilation> edit, string stepName)
        {
            var (second, _) = RunTwice(test, edit);
            var reasons = Steps(second, stepName).SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
            if (!reasons.Any(r => r is IncrementalStepRunReason.New or IncrementalStepRunReason.Modified))
            {
                throw new VerificationException($"Step '{stepName}' did not change after a relevant edit: {string.Join(", ", reasons)}.");
            }

            return second;
        }

        /// <summary>
        /// Fails when an output of a named step is, or holds, a symbol, syntax node, syntax tree, semantic model,
        /// compilation or location: such values defeat caching and keep compilations alive.
        /// </summary>
        public static void AssertNoCompilationObjectsInSteps(GeneratorRunResult result, params string[] stepNames)
        {
            var failures = new List<string>();
            foreach (var name in stepNames)
            {
                foreach (var step in Steps(result, name))
                {
                    foreach (var (value, _) in step.Outputs)
                    {
                        Visit(value, $"{name}", 0, failures, new HashSet<object>(ReferenceEqualityComparer.Instance));
                    }
                }
            }

            if (failures.Count > 0)
            {
                throw new VerificationException("Generator step outputs hold compilation objects:" + Environment.NewLine + string.Join(Environment.NewLine, failures.Distinct()));
            }
        }

        private static (GeneratorRunResult Second, GeneratorRunResult First) RunTwice(GeneratorTest test, Func<Compilation, Compilation> edit)
        {
            var compilation = test.CreateCompilation();
            var driver = test.CreateDriver().RunGenerators(compilation);
            var first = driver.GetRunResult().Results[0];
            driver = driver.RunGenerators(edit(compilation));
            var second = driver.GetRunResult().Results[0];
            if (second.Exception is not null)
            {
                throw new VerificationException("The generator threw: " + second.Exception, second.Exception);
            }

            return (second, first);
        }

        private static IEnumerable<IncrementalGeneratorRunStep> Steps(GeneratorRunResult result, string name)
        {
            if (!result.TrackedSteps.TryGetValue(name, out var steps))
            {
                throw new VerificationException($"The generator has no tracked step named '{name}'. Tracked: {string.Join(", ", result.TrackedSteps.Keys)}.");
            }

            return steps;
        }

        private static void Visit(object? value, string path, int depth, List<string> failures, HashSet<object> seen)
        {
            if (value is null || depth > 8 || value is string || value.GetType().IsPrimitive || value is Enum || value is decimal)
            {
                return;
            }

            if (value is ISymbol or SyntaxNode or SyntaxTree or SemanticModel or Compilation or Location || value is SyntaxToken or SyntaxNodeOrToken)
            {
                failures.Add($"{path}: {value.GetType().FullName}");
                return;
            }

            if (!value.GetType().IsValueType && !seen.Add(value))
            {
                return;
            }

            if (value is IEnumerable sequence)
            {
                int index = 0;
                foreach (var item in sequence)
                {
                    Visit(item, FormattableString.Invariant($"{path}[{index++}]"), depth + 1, failures, seen);
                }

                return;
            }

            const BindingFlags Flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
            foreach (var field in value.GetType().GetFields(Flags))
            {
                Visit(field.GetValue(value), path + "." + field.Name, depth + 1, failures, seen);
            }
        }
    }
}
