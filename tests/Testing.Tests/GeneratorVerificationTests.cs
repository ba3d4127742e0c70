using System.IO;
using System.Linq;
using Consistency.Testing.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Consistency.Testing.Tests
{
    public class GeneratorVerificationTests
    {
        private const string Source = """
            namespace Samples
            {
                [System.AttributeUsage(System.AttributeTargets.Class)]
                public sealed class GreetAttribute : System.Attribute { }

                [Greet]
                public partial class Greeter { }

                public class Unrelated { }
            }
            """;

        private static string BaselineDirectory => TestPaths.FromRoot("tests", "Testing.Tests", "Baselines");

        private static GeneratorTest CreateTest(IIncrementalGenerator generator)
        {
            var test = new GeneratorTest(() => generator);
            test.Sources.Add(Source);
            return test;
        }

        private static Compilation UnrelatedEdit(Compilation compilation)
            => compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
                "namespace Samples { public struct Added { } }",
                (CSharpParseOptions)compilation.SyntaxTrees.First().Options));

        private static Compilation RelevantEdit(Compilation compilation)
            => compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
                "namespace Samples { [Greet] public partial class Second { } }",
                (CSharpParseOptions)compilation.SyntaxTrees.First().Options));

        [Fact]
        public void GoodGenerator_OutputCompilesAndMatchesBaseline()
        {
            var run = CreateTest(new GreetGenerator()).Run();

            GeneratorTest.VerifyBaselines(run, BaselineDirectory, nameof(GoodGenerator_OutputCompilesAndMatchesBaseline));
        }

        [Fact]
        public void BaselineMismatch_Fails()
        {
            var directory = Directory.CreateTempSubdirectory("baselines").FullName;
            File.WriteAllText(Path.Combine(directory, "T.Greeter.g.cs.txt"), "something else\n");
            var run = CreateTest(new GreetGenerator()).Run();

            var error = Assert.Throws<VerificationException>(() => GeneratorTest.VerifyBaselines(run, directory, "T", update: false));

            Assert.Contains("differs from", error.Message, System.StringComparison.Ordinal);
        }

        [Fact]
        public void MissingBaseline_Fails()
        {
            var directory = Directory.CreateTempSubdirectory("baselines").FullName;
            var run = CreateTest(new GreetGenerator()).Run();

            var error = Assert.Throws<VerificationException>(() => GeneratorTest.VerifyBaselines(run, directory, "T", update: false));

            Assert.Contains("No baseline", error.Message, System.StringComparison.Ordinal);
        }

        [Fact]
        public void GoodGenerator_IsCachedAfterUnrelatedEdit()
        {
            var result = IncrementalChecks.AssertCachedAfter(CreateTest(new GreetGenerator()), UnrelatedEdit, GreetGenerator.ModelStep);

            IncrementalChecks.AssertNoCompilationObjectsInSteps(result, GreetGenerator.ModelStep);
        }

        [Fact]
        public void GoodGenerator_SeesRelevantEdit()
            => IncrementalChecks.AssertModifiedAfter(CreateTest(new GreetGenerator()), RelevantEdit, GreetGenerator.ModelStep);

        [Fact]
        public void ModelHoldingSymbol_FailsTheModelCheck()
        {
            var test = CreateTest(new SymbolModelGenerator());
            var result = test.Run().Result;

            var error = Assert.Throws<VerificationException>(() => IncrementalChecks.AssertNoCompilationObjectsInSteps(result, SymbolModelGenerator.ModelStep));

            Assert.Contains("Symbol", error.Message, System.StringComparison.Ordinal);
        }

        [Fact]
        public void NonIncrementalGenerator_FailsTheCachingCheck()
        {
            var error = Assert.Throws<VerificationException>(
                () => IncrementalChecks.AssertCachedAfter(CreateTest(new CompilationBoundGenerator()), UnrelatedEdit, CompilationBoundGenerator.ModelStep));

            Assert.Contains("not incremental", error.Message, System.StringComparison.Ordinal);
        }

        [Fact]
        public void GeneratedCodeThatDoesNotCompile_Fails()
        {
            var error = Assert.Throws<VerificationException>(() => CreateTest(new BrokenOutputGenerator()).Run());

            Assert.Contains("CS0029", error.Message, System.StringComparison.Ordinal);
        }

        [Fact]
        public void UnknownStepName_Fails()
            => Assert.Throws<VerificationException>(
                () => IncrementalChecks.AssertCachedAfter(CreateTest(new GreetGenerator()), UnrelatedEdit, "NoSuchStep"));
    }
}
