using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Consistency.Analyzers.Effects;
using Consistency.Analyzers.Flow;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Consistency.Analyzers.Handlers
{
    /// <summary>
    /// The walk shared by the rules about what a handler's writes do on a late or repeated message (CH0003, CH0004): for
    /// every handler, each low-level DynamoDB write of its flow (through helpers), and each write of the other stores
    /// (Dapper, ADO.NET, EF Core) for a rule that reads those, is shown to the rule, which says what is wrong with it or returns null; one diagnostic per
    /// (call in the handler, write), at the call, with the write as additional location when it sits in a helper. The
    /// message arguments are: handler name, handler description, write operation, rule's text.
    /// </summary>
    internal static class HandlerWriteScan
    {
        /// <summary>
        /// Registers the walk; costs nothing in compilations without handlers, or without DynamoDB when the rule reads no
        /// other store (<paramref name="describeOther"/> null; it is given the write's call, its effect and the effect catalogue).
        /// </summary>
        public static void Register(
            AnalysisContext context,
            DiagnosticDescriptor rule,
            Func<IInvocationOperation, DynamoDbWriteShape, DynamoDbWrites, EffectCatalogue, string?> describe,
            Func<IInvocationOperation, Effect, EffectCatalogue, string?>? describeOther = null)
        {
            context.RegisterCompilationStartAction(start =>
            {
                var writes = DynamoDbWrites.GetOrCreate(start.Compilation);
                if (writes.IsEmpty && describeOther is null)
                {
                    return; // no DynamoDB in this compilation, and no other store to read
                }

                var handlers = HandlerCatalogue.GetOrCreate(start.Compilation, start.Options);
                if (handlers.IsEmpty)
                {
                    return; // no broker framework, no marker, no configured handler
                }

                var engine = FlowEngine.GetOrCreate(start.Compilation, start.Options);
                var scan = new Scan(describe, describeOther, EffectInvocations.GetOrCreate(start.Compilation), writes, engine.Catalogue);
                start.RegisterOperationBlockAction(block => AnalyzeBlock(block, rule, scan, handlers, engine));
            });
        }

        private static void AnalyzeBlock(
            OperationBlockAnalysisContext context,
            DiagnosticDescriptor rule,
            Scan scan,
            HandlerCatalogue handlers,
            FlowEngine engine)
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
                if (occurrence.Effect.Kind != EffectKind.DbWrite || scan.Describe(occurrence, context.CancellationToken) is not { } what)
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

        /// <summary>
        /// What the rule says about each write, kept per call: every handler that reaches a helper asks about the same
        /// writes in it, and the answer depends on the call alone.
        /// </summary>
        private sealed class Scan
        {
            private readonly Func<IInvocationOperation, DynamoDbWriteShape, DynamoDbWrites, EffectCatalogue, string?> describe;
            private readonly Func<IInvocationOperation, Effect, EffectCatalogue, string?>? describeOther;
            private readonly EffectInvocations invocations;
            private readonly DynamoDbWrites writes;
            private readonly EffectCatalogue catalogue;
            private readonly ConcurrentDictionary<SyntaxNode, string?> described = new();

            public Scan(Func<IInvocationOperation, DynamoDbWriteShape, DynamoDbWrites, EffectCatalogue, string?> describe, Func<IInvocationOperation, Effect, EffectCatalogue, string?>? describeOther, EffectInvocations invocations, DynamoDbWrites writes, EffectCatalogue catalogue)
            {
                this.catalogue = catalogue;
                this.describe = describe;
                this.describeOther = describeOther;
                this.invocations = invocations;
                this.writes = writes;
            }

            public string? Describe(EffectOccurrence occurrence, CancellationToken cancellationToken)
            {
                bool dynamoDb = occurrence.Effect.Family == "DynamoDB";
                if (dynamoDb ? writes.IsEmpty : describeOther is null)
                {
                    return null;
                }

                var node = occurrence.EffectNode;
                if (described.TryGetValue(node, out var known))
                {
                    return known;
                }

                string? what = null;
                if (invocations.Find(occurrence, cancellationToken) is { } invocation)
                {
                    if (dynamoDb)
                    {
                        what = writes.TryGetShape(invocation.TargetMethod, out var shape) ? describe(invocation, shape, writes, catalogue) : null;
                    }
                    else
                    {
                        what = describeOther!(invocation, occurrence.Effect, catalogue);
                    }
                }

                return described.GetOrAdd(node, what);
            }
        }
    }
}
