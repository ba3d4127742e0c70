using System.Threading;
using System.Threading.Tasks;
using Consistency.Testing;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using static Consistency.Analyzers.Tests.Rules.NonIdempotentHandlerTestSources;

namespace Consistency.Analyzers.Tests.Rules
{
    /// <summary>Runs a handler rule (and its fix) over sources built with <see cref="NonIdempotentHandlerTestSources"/>.</summary>
    internal static class HandlerRuleVerifier<TAnalyzer, TFixer>
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TFixer : CodeFixProvider, new()
    {
        public static DiagnosticResult Diagnostic() => Consistency.Testing.Verifiers.CSharpAnalyzerVerifier<TAnalyzer>.Diagnostic();

        public static Task VerifyAsync(string source, params DiagnosticResult[] expected) => VerifyAsync(source, editorConfig: null, expected);

        public static Task VerifyAsync(string source, string? editorConfig, params DiagnosticResult[] expected)
        {
            var test = new Consistency.Testing.Verifiers.CSharpAnalyzerVerifier<TAnalyzer>.Test { TestCode = source, ReferenceAssemblies = References };
            if (editorConfig is not null)
            {
                test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\n" + editorConfig + "\n"));
            }

            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        /// <summary>Fixes one by one and with Fix All; <paramref name="fixedSource"/> equal to the input means no fix is offered.</summary>
        public static Task VerifyFixAsync(string source, DiagnosticResult[] expected, string fixedSource, string? batchFixedSource = null)
        {
            var test = new Consistency.Testing.Verifiers.CSharpCodeFixVerifier<TAnalyzer, TFixer>.Test
            {
                TestCode = source,
                FixedCode = fixedSource,
                ReferenceAssemblies = References,
            };
            if (batchFixedSource is not null)
            {
                test.BatchFixedCode = batchFixedSource;
            }

            test.ExpectedDiagnostics.AddRange(expected);
            if (fixedSource == source)
            {
                test.FixedState.ExpectedDiagnostics.AddRange(expected); // nothing fixed: everything remains
            }

            return test.RunAsync(CancellationToken.None);
        }
    }
}
