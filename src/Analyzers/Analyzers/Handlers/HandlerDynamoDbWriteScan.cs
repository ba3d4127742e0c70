using System;
using System.Collections.Generic;
using Consistency.Analyzers.Effects;
using Consistency.Analyzers.Flow;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Consistency.Analyzers.Handlers
{
    /// <summary>
    /// The walk shared by the rules about a handler's DynamoDB writes (CH0003, CH0004): for every handler, each low-level
    /// DynamoDB write of its flow (through helpers) is shown to the rule, which says what is wrong with it or returns
    /// null; one diagnostic per (call in the handler, write), at the call, with the write as additional location when it
    /// sits in a helper. The message arguments are: handler name, handler description, write operation, rule's text.
    /// </summary>
    internal static class HandlerDynamoDbWriteScan
    {
        /// <summary>Registers the walk; costs nothing in compilations without DynamoDB or without handlers.</summary>
        public static void Register(AnalysisContext context, DiagnosticDescriptor rule, Func<IInvocationOperation, DynamoDbWriteShape, DynamoDbWrites, string?> describe)
        {
            context.RegisterCompilationStartAction(start =>
            {
                var writes = DynamoDbWrites.GetOrCreate(start.Compilation);
                if (writes.IsEmpty)
                {
                    return; // no DynamoDB in this compilation
                }

                var handlers = HandlerCatalogue.GetOrCreate(start.Compilation, start.Options);
                if (handlers.IsEmpty)
                {
                    return; // no broker framework, no marker, no configured handler
                }

                var engine = FlowEngine.GetOrCreate(start.Compilation, start.Options);
                start.RegisterOperationBlockAction(block => AnalyzeBlock(block, rule, describe, handlers, engine, writes));
            });
        }

        private static void AnalyzeBlock(
            OperationBlockAnalysisContext context,
            DiagnosticDescriptor rule,
            Func<IInvocationOperation, DynamoDbWriteShape, DynamoDbWrites, string?> describe,
            HandlerCatalogue handlers,
            FlowEngine engine,
            DynamoDbWrites writes)
        {
            if (context.OwningSymbol is not IMethodSymbol method
                || !handlers.TryGetHandler(method, out var handler)
                || FlowEngine.FindBody(context.OperationBlocks, out var block) is not { } body || block is null)
            {
                return;
            }

            var summary = engine.GetSummary(method, body, _ => context.GetControlFlowGraph(block), context.CancellationToken);
            HashSet<(Location, Location)>? reported = null;
            foreach (var occurrence in summary.Occurrences)
            {
                if (occurrence.Effect.Kind != EffectKind.DbWrite || occurrence.Effect.Family != "DynamoDB"
                    || EffectInvocations.Find(engine.Compilation, occurrence, context.CancellationToken) is not { } invocation
                    || !writes.TryGetShape(invocation.TargetMethod, out var shape)
                    || describe(invocation, shape, writes) is not { } what)
                {
                    continue;
                }

                reported ??= new HashSet<(Location, Location)>();
                if (!reported.Add((occurrence.CallSiteLocation, occurrence.EffectLocation)))
                {
                    continue;
                }

                var additional = occurrence.IsViaCall ? new[] { occurrence.EffectLocation } : Array.Empty<Location>();
                context.ReportDiagnostic(Diagnostic.Create(rule, occurrence.CallSiteLocation, additional, method.Name, handler.Description, occurrence.Effect.OperationName, what));
            }
        }
    }
}
