using System.Threading.Tasks;
using Consistency.Testing.Verifiers;

namespace Consistency.Testing.Tests
{
    /// <summary>The code fix verifier with <see cref="AnalyzerTest.SourceGenerators"/>: fixed code must also build with the generators.</summary>
    public class CodeFixWithGeneratorsTests
    {
        private const string Attribute = """

            namespace Samples
            {
                public sealed class GreetAttribute : System.Attribute { }
            }
            """;

        private const string Before = """
            namespace Samples
            {
                class C
                {
                    void Bad() { }
                    void Good() { }
                    void M() => [|Bad|]();
                }
            }
            """ + Attribute;

        private const string AfterPartial = """
            namespace Samples
            {
                [Greet]
                partial class C
                {
                    void Bad() { }
                    void Good() { }
                    void M() => Good();
                }
            }
            """ + Attribute;

        private const string AfterNotPartial = """
            namespace Samples
            {
                [Greet]
                class C
                {
                    void Bad() { }
                    void Good() { }
                    void M() => Good();
                }
            }
            """ + Attribute;

        [Fact]
        public Task FixMeetingTheGeneratorsPrecondition_Passes()
            => Run<GreetPartialFixer>(Before, AfterPartial, withGenerator: true);

        [Fact]
        public async Task FixThatMakesTheGeneratorReportAnError_Fails()
        {
            var error = await Assert.ThrowsAsync<VerificationException>(() => Run<GreetNotPartialFixer>(Before, AfterNotPartial, withGenerator: true));

            Assert.Contains("TSTG01", error.Message, System.StringComparison.Ordinal);
        }

        [Fact]
        public Task FixThatMakesTheGeneratorReportAnError_PassesWithoutGenerators()
            => Run<GreetNotPartialFixer>(Before, AfterNotPartial, withGenerator: false);

        [Fact]
        public async Task FixWhoseGeneratedCodeDoesNotCompile_Fails()
        {
            // C already has a Hello(): the generated one collides with it (CS0111 in the generated file).
            string before = Before.Replace("void Good() { }", "void Good() { }\n        public string Hello() => \"\";", System.StringComparison.Ordinal);
            string after = AfterPartial.Replace("void Good() { }", "void Good() { }\n        public string Hello() => \"\";", System.StringComparison.Ordinal);
            var error = await Assert.ThrowsAsync<VerificationException>(() => Run<GreetPartialFixer>(before, after, withGenerator: true));

            Assert.Contains("CS0111", error.Message, System.StringComparison.Ordinal);
        }

        [Fact]
        public async Task GeneratorErrorInTheInput_MustBeExpected()
        {
            const string source = """
                namespace Samples
                {
                    [Greet] class C { }
                }
                """ + Attribute;
            var unexpected = new CSharpAnalyzerVerifier<BadCallAnalyzer>.Test { TestCode = source, SourceGenerators = { typeof(StrictGreetGenerator) } };
            var error = await Assert.ThrowsAsync<VerificationException>(() => unexpected.RunAsync());
            Assert.Contains("TSTG01", error.Message, System.StringComparison.Ordinal);

            var expected = new CSharpAnalyzerVerifier<BadCallAnalyzer>.Test
            {
                TestCode = source.Replace("class C", "class {|#0:C|}", System.StringComparison.Ordinal),
                SourceGenerators = { new StrictGreetGenerator() },
                ExpectedDiagnostics = { new DiagnosticResult(StrictGreetGenerator.NotPartial).WithLocation(0) },

                // Generators run on generated code too, and the driver returns their diagnostics before any #pragma
                // applies: neither marking the file generated nor a #pragma changes what the harness sees.
                TestBehaviors = TestBehaviors.SkipGeneratedCodeCheck | TestBehaviors.SkipSuppressionCheck,
            };
            await expected.RunAsync();
        }

        private static Task Run<TFixer>(string before, string after, bool withGenerator)
            where TFixer : GreetFixerBase, new()
        {
            var test = new CSharpCodeFixVerifier<BadCallAnalyzer, TFixer>.Test { TestCode = before, FixedCode = after };
            if (withGenerator)
            {
                test.SourceGenerators.Add(new StrictGreetGenerator());
            }

            return test.RunAsync();
        }
    }
}
