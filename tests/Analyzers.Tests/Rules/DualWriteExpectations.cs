using Consistency.Testing;
using VerifyCS = Consistency.Testing.Verifiers.CSharpAnalyzerVerifier<Consistency.Analyzers.Rules.DualWriteAnalyzer>;

namespace Consistency.Analyzers.Tests.Rules
{
    /// <summary>The three messages of CH0001, by the operations they name. Locations: #0 the later effect, #1 the earlier one.</summary>
    internal static class DualWriteExpectations
    {
        private const string OutboxOrListen = "write both in one transaction (outbox) or publish first and persist in an idempotent consumer (listen to yourself)";
        private const string ExternalOutbox = "record the call in the same transaction (outbox) and make it from a relay";

        /// <summary>Adds the expected effect sites inside helpers (#2, #3…) after the two locations in the root.</summary>
        private static DiagnosticResult WithHelpers(DiagnosticResult result, int[] helperLocations)
        {
            foreach (var location in helperLocations)
            {
                result = result.WithLocation(location);
            }

            return result;
        }

        /// <summary>Write, then publish: the event can be lost.</summary>
        public static DiagnosticResult Lost(string write, string publish, params int[] helperLocations)
            => WithHelpers(VerifyCS.Diagnostic().WithLocation(0).WithLocation(1), helperLocations)
                .WithArguments(write, "writes the database", publish, "publishes afterwards", "if the process stops in between, the event is lost; " + OutboxOrListen);

        /// <summary>Write, then an external call: the call can be lost.</summary>
        public static DiagnosticResult LostCall(string write, string call, params int[] helperLocations)
            => WithHelpers(VerifyCS.Diagnostic().WithLocation(0).WithLocation(1), helperLocations)
                .WithArguments(write, "writes the database", call, "calls an external service afterwards", "if the process stops in between, the call is never made; " + ExternalOutbox);

        /// <summary>Publish, then write: the event can be a phantom.</summary>
        public static DiagnosticResult Phantom(string publish, string write, params int[] helperLocations)
            => WithHelpers(VerifyCS.Diagnostic().WithLocation(0).WithLocation(1), helperLocations)
                .WithArguments(publish, "publishes", write, "writes the database afterwards", "if the write fails, the event announces a change that never happened; " + OutboxOrListen);

        /// <summary>External call, then write.</summary>
        public static DiagnosticResult PhantomCall(string call, string write, params int[] helperLocations)
            => WithHelpers(VerifyCS.Diagnostic().WithLocation(0).WithLocation(1), helperLocations)
                .WithArguments(call, "calls an external service", write, "writes the database afterwards", "if the write fails, the external call cannot be undone; " + ExternalOutbox);

        /// <summary>Publish inside a transaction that commits later.</summary>
        public static DiagnosticResult InsideTransaction(string publish, string write, params int[] helperLocations)
            => WithHelpers(VerifyCS.Diagnostic().WithLocation(0).WithLocation(1), helperLocations)
                .WithArguments(publish, "publishes inside the transaction of", write, "before it commits", "if the commit fails, the event announces a change that never happened; " + OutboxOrListen);
    }
}
