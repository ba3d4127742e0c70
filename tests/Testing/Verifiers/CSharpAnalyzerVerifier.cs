using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Consistency.Testing.Verifiers
{
    /// <summary>The analyzer verifier, named and shaped like Microsoft.CodeAnalysis.CSharp.Testing's.</summary>
    public static class CSharpAnalyzerVerifier<TAnalyzer>
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        /// <summary>The analyzer's only diagnostic (fails when it supports several).</summary>
        public static DiagnosticResult Diagnostic()
        {
            var descriptors = new TAnalyzer().SupportedDiagnostics;
            if (descriptors.Length != 1)
            {
                throw new VerificationException($"{typeof(TAnalyzer).Name} supports {descriptors.Length} diagnostics; name one: Diagnostic(\"ID\").");
            }

            return new DiagnosticResult(descriptors[0]);
        }

        public static DiagnosticResult Diagnostic(string id)
            => new(new TAnalyzer().SupportedDiagnostics.FirstOrDefault(d => d.Id == id)
                ?? throw new VerificationException($"{typeof(TAnalyzer).Name} does not support {id}."));

        public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => new(descriptor);

        public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected)
        {
            var test = new Test { TestCode = source };
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        public class Test : AnalyzerTest
        {
            protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => new[] { new TAnalyzer() };
        }
    }
}
