using System;
using System.Linq;
using Consistency.Generators.DomainEvents;
using Consistency.Generators.Idempotency;
using Consistency.Generators.Tests.DomainEvents;
using Consistency.Generators.Tests.Idempotency;
using Consistency.Generators.Tests.Infrastructure;
using Consistency.Testing;
using Consistency.Testing.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Consistency.Generators.Tests
{
    public class IncrementalityTests
    {
        // Everything that feeds generated code or diagnostics; the *Sites steps hold locations and move with the code.
        private static readonly string[] IdempotentSteps = { StepNames.IdempotentMethods, StepNames.JsonContexts, StepNames.IdempotentTypes, StepNames.IdempotentDiagnostics };
        private static readonly string[] DomainEventSteps = { StepNames.DomainEvents, StepNames.JsonContexts, StepNames.ResolvedDomainEvents, StepNames.DomainEventRegistry, StepNames.DomainEventDiagnostics, StepNames.DomainEventNames };
        private static readonly string[] AllIdempotentSteps = IdempotentSteps.Append(StepNames.IdempotentMethodSites).ToArray();
        private static readonly string[] AllDomainEventSteps = DomainEventSteps.Append(StepNames.DomainEventSites).ToArray();

        private static GeneratorTest Idempotent() => GeneratorHarness.Create(() => new IdempotentGenerator(), IdempotentSources.Shop, IdempotentSources.Shapes);

        private static GeneratorTest DomainEvents() => GeneratorHarness.Create(() => new DomainEventGenerator(), DomainEventSources.Orders);

        private static Compilation AddUnrelatedType(Compilation compilation)
            => compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Shop { public struct Unrelated { public int Value; } }", (CSharpParseOptions)compilation.SyntaxTrees.First().Options, "/0/Unrelated.cs"));

        private static Func<Compilation, Compilation> Replace(string oldText, string newText) => compilation =>
        {
            var tree = compilation.SyntaxTrees.Single(t => t.ToString().Contains(oldText, StringComparison.Ordinal));
            var text = tree.GetText();
            int start = text.ToString().IndexOf(oldText, StringComparison.Ordinal);
            return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(text.WithChanges(new TextChange(new TextSpan(start, oldText.Length), newText))));
        };

        private static IncrementalStepRunReason[] Reasons(GeneratorRunResult result, string step)
            => result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();

        [Fact]
        public void Idempotent_UnrelatedType_LeavesEveryStepCached()
        {
            var result = IncrementalChecks.AssertCachedAfter(Idempotent(), AddUnrelatedType, AllIdempotentSteps);

            IncrementalChecks.AssertNoCompilationObjectsInSteps(result, AllIdempotentSteps);
        }

        [Fact]
        public void Idempotent_EditInsideAMethodBody_LeavesEveryModelStepCached()
        {
            var result = IncrementalChecks.AssertCachedAfter(Idempotent(), Replace("return Runs * 10 + page;", "return (Runs * 10) + page + 0;"), IdempotentSteps);

            // Later methods moved: their sites changed, but nothing generated from them did.
            Assert.Contains(IncrementalStepRunReason.Modified, Reasons(result, StepNames.IdempotentMethodSites));
        }

        [Fact]
        public void Idempotent_StableNameEdit_ChangesOnlyThatTypesOutput()
        {
            var result = IncrementalChecks.AssertModifiedAfter(Idempotent(), Replace("\"orders.touch\"", "\"orders.touched\""), StepNames.IdempotentTypes);

            var reasons = Reasons(result, StepNames.IdempotentTypes);
            Assert.Equal(1, reasons.Count(r => r == IncrementalStepRunReason.Modified));
            Assert.All(reasons.Where(r => r != IncrementalStepRunReason.Modified), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));
            var outputs = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();
            Assert.Equal(1, outputs.Count(r => r == IncrementalStepRunReason.Modified));
            Assert.Contains("orders.touched", result.GeneratedSources.Single(s => s.HintName.StartsWith("Shop.", StringComparison.Ordinal)).SourceText.ToString(), StringComparison.Ordinal);
        }

        [Fact]
        public void Idempotent_ContextGainsAnUnrelatedType_WrappersStayUnchanged()
        {
            var result = IncrementalChecks.AssertModifiedAfter(Idempotent(), Replace("[JsonSerializable(typeof(int))]", "[JsonSerializable(typeof(int))]\n    [JsonSerializable(typeof(System.DateTime))]"), StepNames.JsonContexts);

            Assert.All(Reasons(result, StepNames.IdempotentTypes), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));
            Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
        }

        [Fact]
        public void DomainEvent_UnrelatedType_LeavesEveryStepCached()
        {
            var result = IncrementalChecks.AssertCachedAfter(DomainEvents(), AddUnrelatedType, AllDomainEventSteps);

            IncrementalChecks.AssertNoCompilationObjectsInSteps(result, AllDomainEventSteps);
        }

        [Fact]
        public void DomainEvent_EditThatMovesLaterEvents_LeavesEveryModelStepCached()
        {
            var result = IncrementalChecks.AssertCachedAfter(DomainEvents(), Replace("public string Carrier { get; init; } = \"\";", "public string Carrier { get; init; } = \"unknown carrier\";"), DomainEventSteps);

            Assert.Contains(IncrementalStepRunReason.Modified, Reasons(result, StepNames.DomainEventSites));
        }

        [Fact]
        public void DomainEvent_VersionEdit_ChangesThatEventAndTheRegistryOnly()
        {
            var result = IncrementalChecks.AssertModifiedAfter(DomainEvents(), Replace("\"orders.order-shipped\", 2", "\"orders.order-shipped\", 3"), StepNames.ResolvedDomainEvents);

            var reasons = Reasons(result, StepNames.ResolvedDomainEvents);
            Assert.Equal(1, reasons.Count(r => r == IncrementalStepRunReason.Modified));
            Assert.Equal(2, reasons.Count(r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
            Assert.Equal(new[] { IncrementalStepRunReason.Modified }, Reasons(result, StepNames.DomainEventRegistry));
        }

        [Fact]
        public void StepOutputs_HoldNoCompilationObjects_EvenWithDiagnostics()
        {
            var test = GeneratorHarness.Create(() => new IdempotentGenerator(), """
                namespace Broken
                {
                    public class NotPartial
                    {
                        [Consistency.Idempotent]
                        public void Run() { }
                    }
                }
                """);
            test.ExpectedDiagnostics.Add(new DiagnosticResult("CH0103", DiagnosticSeverity.Error).WithSpan(5, 10, 5, 32));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("CH0100", DiagnosticSeverity.Error).WithSpan(6, 21, 6, 24));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("CH0102", DiagnosticSeverity.Error).WithSpan(6, 21, 6, 24));
            test.ExpectedDiagnostics.Add(new DiagnosticResult("CH0104", DiagnosticSeverity.Error).WithSpan(6, 21, 6, 24));

            var run = test.Run();

            Assert.Empty(run.Result.GeneratedSources);
            IncrementalChecks.AssertNoCompilationObjectsInSteps(run.Result, AllIdempotentSteps.Where(s => s != StepNames.JsonContexts).ToArray());
        }
    }
}
