using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using VerifyBad = Consistency.Testing.Verifiers.CSharpAnalyzerVerifier<Consistency.Testing.Tests.BadCallAnalyzer>;

namespace Consistency.Testing.Tests
{
    public class AnalyzerVerificationTests
    {
        private const string Code = """
            class C
            {
                void Bad() { }
                void Good() { }
                void M()
                {
                    [|Bad|]();
                    Good();
                }
            }
            """;

        [Fact]
        public Task CorrectMarkup_Passes() => VerifyBad.VerifyAnalyzerAsync(Code);

        [Fact]
        public Task CorrectExplicitExpectation_Passes()
            => VerifyBad.VerifyAnalyzerAsync(
                Code.Replace("[|Bad|]", "Bad", System.StringComparison.Ordinal),
                VerifyBad.Diagnostic().WithSpan(7, 9, 7, 12).WithArguments("Bad"));

        [Fact]
        public async Task MissingDiagnostic_Fails()
        {
            var error = await Assert.ThrowsAsync<VerificationException>(
                () => VerifyBad.VerifyAnalyzerAsync("class C { void Good() { } void M() { [|Good|](); } }"));

            Assert.Contains("Expected 1 diagnostic(s), but found 0", error.Message, System.StringComparison.Ordinal);
        }

        [Fact]
        public async Task UnexpectedDiagnostic_Fails()
        {
            var error = await Assert.ThrowsAsync<VerificationException>(
                () => VerifyBad.VerifyAnalyzerAsync(Code.Replace("[|Bad|]", "Bad", System.StringComparison.Ordinal)));

            Assert.Contains("Expected 0 diagnostic(s), but found 1", error.Message, System.StringComparison.Ordinal);
            Assert.Contains("^^^ TST0001: Call to 'Bad' is bad", error.Message, System.StringComparison.Ordinal);
        }

        [Fact]
        public async Task WrongSpan_Fails()
        {
            var error = await Assert.ThrowsAsync<VerificationException>(
                () => VerifyBad.VerifyAnalyzerAsync(
                    Code.Replace("[|Bad|]", "Bad", System.StringComparison.Ordinal),
                    VerifyBad.Diagnostic().WithSpan(7, 9, 7, 14)));

            Assert.Contains("primary location", error.Message, System.StringComparison.Ordinal);
        }

        [Fact]
        public async Task WrongMessage_Fails()
        {
            var error = await Assert.ThrowsAsync<VerificationException>(
                () => VerifyBad.VerifyAnalyzerAsync(
                    Code.Replace("[|Bad|]", "{|#0:Bad|}", System.StringComparison.Ordinal),
                    VerifyBad.Diagnostic().WithLocation(0).WithArguments("Good")));

            Assert.Contains("expected message \"Call to 'Good' is bad\"", error.Message, System.StringComparison.Ordinal);
        }

        [Fact]
        public async Task WrongSeverity_Fails()
        {
            var error = await Assert.ThrowsAsync<VerificationException>(
                () => VerifyBad.VerifyAnalyzerAsync(
                    Code.Replace("[|Bad|]", "{|#0:Bad|}", System.StringComparison.Ordinal),
                    VerifyBad.Diagnostic().WithLocation(0).WithSeverity(DiagnosticSeverity.Error)));

            Assert.Contains("expected severity Error", error.Message, System.StringComparison.Ordinal);
        }

        [Fact]
        public async Task WrongId_Fails()
        {
            var test = new VerifyBad.Test { TestCode = Code.Replace("[|Bad|]", "{|TST0002:Bad|}", System.StringComparison.Ordinal) };

            var error = await Assert.ThrowsAsync<VerificationException>(() => test.RunAsync());

            Assert.Contains("TST0002", error.Message, System.StringComparison.Ordinal);
        }

        [Fact]
        public Task AdditionalLocations_AreCompared_WhenExpected()
            => new Verifiers.CSharpAnalyzerVerifier<BadCallWithDeclarationAnalyzer>.Test
            {
                TestCode = """
                    class C
                    {
                        void {|#1:Bad|}() { }
                        void M() => {|#0:Bad()|};
                    }
                    """,
                ExpectedDiagnostics = { new DiagnosticResult(BadCallAnalyzer.Rule).WithLocation(0).WithLocation(1) },
            }.RunAsync();

        [Fact]
        public async Task MissingAdditionalLocation_Fails()
        {
            var test = new Verifiers.CSharpAnalyzerVerifier<BadCallWithDeclarationAnalyzer>.Test
            {
                TestCode = """
                    class C
                    {
                        void Bad() { }
                        void M() => {|#0:Bad()|};
                    }
                    """,
                ExpectedDiagnostics = { new DiagnosticResult(BadCallAnalyzer.Rule).WithLocation(0) },
            };

            var error = await Assert.ThrowsAsync<VerificationException>(() => test.RunAsync());

            Assert.Contains("expected 0 additional location(s), actual 1", error.Message, System.StringComparison.Ordinal);
        }

        [Fact]
        public Task MarkupDiagnostic_IgnoresAdditionalLocations()
            => Verifiers.CSharpAnalyzerVerifier<BadCallWithDeclarationAnalyzer>.VerifyAnalyzerAsync("""
                class C
                {
                    void Bad() { }
                    void M() => [|Bad()|];
                }
                """);

        [Fact]
        public async Task UnexpectedCompilerError_Fails()
        {
            var error = await Assert.ThrowsAsync<VerificationException>(
                () => VerifyBad.VerifyAnalyzerAsync("class C { void M() { int x = \"text\"; } }"));

            Assert.Contains("CS0029", error.Message, System.StringComparison.Ordinal);
        }

        [Fact]
        public Task ExpectedCompilerError_Passes()
            => VerifyBad.VerifyAnalyzerAsync("class C { void M() { int x = {|CS0029:\"text\"|}; } }");

        [Fact]
        public async Task ThrowingAnalyzer_Fails()
        {
            var error = await Assert.ThrowsAsync<VerificationException>(
                () => Verifiers.CSharpAnalyzerVerifier<ThrowingAnalyzer>.VerifyAnalyzerAsync("class C { void M() => M(); }"));

            Assert.Contains("AD0001", error.Message, System.StringComparison.Ordinal);
            Assert.Contains("boom in analyzer", error.Message, System.StringComparison.Ordinal);
        }

        [Fact]
        public async Task AnalyzerReportingInGeneratedCode_FailsTheGeneratedCodePass()
        {
            var error = await Assert.ThrowsAsync<VerificationException>(
                () => Verifiers.CSharpAnalyzerVerifier<ReportsInGeneratedCodeAnalyzer>.VerifyAnalyzerAsync("class C { void Bad() { } void M() => [|Bad|](); }"));

            Assert.Contains("[generated code]", error.Message, System.StringComparison.Ordinal);
        }

        [Fact]
        public Task EditorConfigSeverity_IsApplied()
            => new VerifyBad.Test
            {
                TestCode = "class C { void Bad() { } void M() => {|#0:Bad|}(); }",
                TestState =
                {
                    AnalyzerConfigFiles = { new TestFile("/.editorconfig", "root = true\n\n[*.cs]\ndotnet_diagnostic.TST0001.severity = error\n") },
                },
                ExpectedDiagnostics = { VerifyBad.Diagnostic().WithLocation(0).WithSeverity(DiagnosticSeverity.Error) },
            }.RunAsync();

        [Fact]
        public Task EditorConfigNone_SilencesTheRule()
            => new VerifyBad.Test
            {
                TestCode = "class C { void Bad() { } void M() => Bad(); }",
                TestState =
                {
                    AnalyzerConfigFiles = { new TestFile("/.editorconfig", "root = true\n\n[*.cs]\ndotnet_diagnostic.TST0001.severity = none\n") },
                },
            }.RunAsync();

        [Fact]
        public Task DisabledDiagnostics_AreNotReported()
            => new VerifyBad.Test
            {
                TestCode = "class C { void Bad() { } void M() => Bad(); }",
                DisabledDiagnostics = { "TST0001" },
            }.RunAsync();

        [Fact]
        public Task DiagnosticsInSeveralFilesAndProjects_AreAllVerified()
        {
            var test = new VerifyBad.Test
            {
                TestState =
                {
                    Sources =
                    {
                        "public class A { public void Bad() { } }",
                        "class B { void M(A a) => a.[|Bad|](); }",
                    },
                },
            };
            var other = test.TestState.AddProject("Other");
            other.Sources.Add("class D { void M(A a) => a.[|Bad|](); }");
            other.AdditionalProjectReferences.Add("TestProject");
            return test.RunAsync();
        }

        [Fact]
        public async Task DiagnosticExpectedInWrongFile_Fails()
        {
            var test = new VerifyBad.Test
            {
                TestState = { Sources = { "public class A { public void Bad() { } }", "class B { void M(A a) => a.Bad(); }" } },
                ExpectedDiagnostics = { VerifyBad.Diagnostic().WithSpan("/0/Test0.cs", 1, 27, 1, 30) },
            };

            var error = await Assert.ThrowsAsync<VerificationException>(() => test.RunAsync());

            Assert.Contains("expected in /0/Test0.cs, actual in /0/Test1.cs", error.Message, System.StringComparison.Ordinal);
        }

        [Fact]
        public void StandIns_AllCompile()
        {
            foreach (var name in References.StandInLibrary.AllNames)
            {
                var reference = References.StandInLibrary.Get(name);
                Assert.EndsWith(name + ".dll", reference.Display, System.StringComparison.Ordinal);
            }
        }

        [Fact]
        public Task RealDynamoDbSdk_IsReferenced()
            => VerifyBad.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Amazon.DynamoDBv2;
                using Amazon.DynamoDBv2.Model;

                class C
                {
                    Task M(IAmazonDynamoDB db) => db.PutItemAsync(new PutItemRequest { TableName = "t" });
                }
                """);
    }
}
