using System.Threading.Tasks;
using Consistency.Testing.Verifiers;

namespace Consistency.Testing.Tests
{
    public class CodeFixVerificationTests
    {
        private const string Before = """
            class C
            {
                void Bad() { }
                void Good() { }
                void M()
                {
                    // keep this comment
                    [|Bad|]();
                    [|Bad|]();
                }
            }
            """;

        private const string After = """
            class C
            {
                void Bad() { }
                void Good() { }
                void M()
                {
                    // keep this comment
                    Good();
                    Good();
                }
            }
            """;

        [Fact]
        public Task CorrectFix_PassesOneByOneAndFixAll()
            => CSharpCodeFixVerifier<BadCallAnalyzer, RenameToGoodFixer>.VerifyCodeFixAsync(Before, After);

        [Fact]
        public async Task WrongFixedCode_Fails()
        {
            var error = await Assert.ThrowsAsync<VerificationException>(
                () => CSharpCodeFixVerifier<BadCallAnalyzer, RenameToGoodFixer>.VerifyCodeFixAsync(Before, After.Replace("// keep this comment", "// another comment", System.StringComparison.Ordinal)));

            Assert.Contains("differs from the expected text", error.Message, System.StringComparison.Ordinal);
        }

        [Fact]
        public async Task FixThatBreaksCompilation_Fails()
        {
            var error = await Assert.ThrowsAsync<VerificationException>(
                () => CSharpCodeFixVerifier<BadCallAnalyzer, BreaksCompilationFixer>.VerifyCodeFixAsync(
                    "class C { void Bad() { } void M() { [|Bad|](); } }",
                    "class C { void Bad() { } void M() { {|CS0103:Missing|}(); } }"));

            Assert.Contains("introduced compiler error(s)", error.Message, System.StringComparison.Ordinal);
            Assert.Contains("CS0103", error.Message, System.StringComparison.Ordinal);
        }

        [Fact]
        public async Task FixThatBuildsAnInvalidTree_Fails()
        {
            var error = await Assert.ThrowsAsync<VerificationException>(
                () => CSharpCodeFixVerifier<BadCallAnalyzer, InvalidTreeFixer>.VerifyCodeFixAsync(
                    "class C { void Bad() { } void Good() { } void M() { [|Bad|](); } }",
                    "class C { void Bad() { } void Good() { } void M() { Good(); Good(); } }"));

            Assert.Contains("differs from the tree its text parses to", error.Message, System.StringComparison.Ordinal);
        }

        [Fact]
        public async Task FixThatGrowsAStatementList_Passes()
        {
            // The fixer's block holds a list it grew by one element; its text parses to the same structure.
            await CSharpCodeFixVerifier<BadCallAnalyzer, InsertStatementFixer>.VerifyCodeFixAsync(
                "class C { void Bad() { } void Good() { } void M() { [|Bad|](); } }",
                "class C { void Bad() { } void Good() { } void M() { Good(); Good(); } }");
        }

        [Fact]
        public async Task FixAllWithPerLocationEquivalenceKeys_FailsTheFixAllPass()
        {
            var error = await Assert.ThrowsAsync<VerificationException>(
                () => CSharpCodeFixVerifier<BadCallAnalyzer, PerLocationKeyFixer>.VerifyCodeFixAsync(Before, After));

            Assert.Contains("Fix All in Document", error.Message, System.StringComparison.Ordinal);
        }

        [Fact]
        public async Task FixedCodeWithUnexpectedRemainingDiagnostic_Fails()
        {
            // The "fixed" code still calls Bad: the fixed state is analysed like any code and must declare it.
            var error = await Assert.ThrowsAsync<VerificationException>(
                () => CSharpCodeFixVerifier<BadCallAnalyzer, RenameToGoodFixer>.VerifyCodeFixAsync(
                    Before,
                    After.Replace("Good();\n        Good();", "Good();\n        Bad();", System.StringComparison.Ordinal)));

            Assert.Contains("[fixed state]", error.Message, System.StringComparison.Ordinal);
        }

        [Fact]
        public Task FixAcrossDocumentsAndProjects_IsVerifiedInEveryScope()
        {
            var test = new CSharpCodeFixVerifier<BadCallAnalyzer, RenameToGoodFixer>.Test
            {
                TestState =
                {
                    Sources =
                    {
                        "public class A { public void Bad() { } public void Good() { } }",
                        "class B { void M(A a) { a.[|Bad|](); a.[|Bad|](); } }",
                        "class E { void M(A a) => a.[|Bad|](); }",
                    },
                },
                FixedState =
                {
                    Sources =
                    {
                        "public class A { public void Bad() { } public void Good() { } }",
                        "class B { void M(A a) { a.Good(); a.Good(); } }",
                        "class E { void M(A a) => a.Good(); }",
                    },
                },
            };
            var other = test.TestState.AddProject("Other");
            other.Sources.Add("class D { void M(A a) => a.[|Bad|](); }");
            other.AdditionalProjectReferences.Add("TestProject");
            var otherFixed = test.FixedState.AddProject("Other");
            otherFixed.Sources.Add("class D { void M(A a) => a.Good(); }");
            otherFixed.AdditionalProjectReferences.Add("TestProject");
            return test.RunAsync();
        }

        [Fact]
        public async Task FixOfferedWhereNoneIsExpected_Fails()
        {
            // Fixed code equal to the input means "no fix is offered here".
            var error = await Assert.ThrowsAsync<VerificationException>(
                () => CSharpCodeFixVerifier<BadCallAnalyzer, RenameToGoodFixer>.VerifyCodeFixAsync(Before, Before));

            Assert.Contains("no fix should be offered", error.Message, System.StringComparison.Ordinal);
        }

        [Fact]
        public async Task UnknownEquivalenceKey_AppliesNothing_AndFails()
        {
            var test = new CSharpCodeFixVerifier<BadCallAnalyzer, RenameToGoodFixer>.Test
            {
                TestCode = Before,
                FixedCode = After,
                CodeActionEquivalenceKey = "No.Such.Key",
            };

            var error = await Assert.ThrowsAsync<VerificationException>(() => test.RunAsync());

            Assert.Contains("differs from the expected text", error.Message, System.StringComparison.Ordinal);
        }
    }
}
