using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Consistency.Analyzers.Effects;
using Consistency.Analyzers.Flow;
using Consistency.Analyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Consistency.Analyzers.Rules
{
    /// <summary>
    /// CH0001: a database write and a publish (or an external call) in one flow, with no outbox between them.
    /// <para>
    /// Roots: every method, constructor and accessor is analysed with the flow it runs. A pair is reported in the
    /// method where the two effects meet — where they are reached through different calls (or directly) — and not in
    /// callers that reach both through one call, so one dual write gives one diagnostic however many callers it has.
    /// One diagnostic per method: the first pair in flow order.
    /// </para>
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class DualWriteAnalyzer : DiagnosticAnalyzer
    {
        private const string OutboxOrListenToYourself = "write both in one transaction (outbox) or publish first and persist in an idempotent consumer (listen to yourself)";
        private const string ExternalCallThroughOutbox = "record the call in the same transaction (outbox) and make it from a relay";

        private static readonly DiagnosticDescriptor Rule = new(
            RuleIdentifiers.DualWrite,
            title: "Database write and publish without an outbox",
            messageFormat: "'{0}' {1} and '{2}' {3}: {4}",
            RuleCategories.Consistency,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "A database write and a message publish (or an external call) in one flow cannot both succeed or both fail: if the process stops between them, or the second fails, the event is lost or announces a change that never happened. Commit the event with the write (transactional outbox) or publish first and persist in an idempotent consumer (listen to yourself).",
            helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.DualWrite));

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

#pragma warning disable RS1025, RS1026 // ConfigureDefaults enables concurrent execution and configures generated code; the meta-analyzer cannot see through it.
        public override void Initialize(AnalysisContext context)
#pragma warning restore RS1025, RS1026
        {
            context.ConfigureDefaults();
            context.RegisterCompilationStartAction(start =>
            {
                var engine = FlowEngine.GetOrCreate(start.Compilation, start.Options);
                if (engine.Catalogue.IsEmpty)
                {
                    return; // the compilation references no effect API, no marker and no configured method
                }

                start.RegisterOperationBlockAction(block => AnalyzeBlock(block, engine));
            });
        }

        private static void AnalyzeBlock(OperationBlockAnalysisContext context, FlowEngine engine)
        {
            if (context.OwningSymbol is not IMethodSymbol method || FlowEngine.FindBody(context.OperationBlocks, out var block) is not { } body || block is null)
            {
                return;
            }

            // The driver builds the graph of the block's root once and shares it with every analyzer that asks.
            var summary = engine.GetSummary(method, body, _ => context.GetControlFlowGraph(block), context.CancellationToken);
            if (summary.Occurrences.Length < 2 || !summary.Contains(EffectKind.DbWrite) || !summary.ContainsOutgoing())
            {
                return;
            }

            var finding = FindDualWrite(summary, body, engine, context.CancellationToken);
            if (finding is { } found)
            {
                context.ReportDiagnostic(Create(found, summary));
            }
        }

        /// <summary>Whether the write is in a catch clause of the try whose body ends with the publish (the innermost catch around the write).</summary>
        private static bool RecordsFailedPublish(SyntaxNode publish, SyntaxNode write)
        {
            // A lambda in the catch (a retry helper's) runs there too.
            for (var node = write.Parent; node is not null; node = node.Parent)
            {
                if (node is CatchClauseSyntax { Parent: TryStatementSyntax @try })
                {
                    var statements = @try.Block.Statements;
                    return statements.Count > 0 && EndsWithCall(statements[statements.Count - 1], publish);
                }
            }

            return false;
        }

        /// <summary>Whether the statement is the call, awaited, configured, converted or tested, kept in a variable or returned: nothing runs after it.</summary>
        private static bool EndsWithCall(StatementSyntax statement, SyntaxNode call)
        {
            var value = statement switch
            {
                ExpressionStatementSyntax expression => expression.Expression,
                ReturnStatementSyntax returned => returned.Expression,
                LocalDeclarationStatementSyntax { UsingKeyword.RawKind: 0, Declaration.Variables.Count: 1 } declaration => declaration.Declaration.Variables[0].Initializer?.Value,
                _ => null,
            };

            // Awaited, configured, converted or tested, and kept in a local or field: nothing of it runs after the call.
            while (value is not null)
            {
                var inner = value.WithoutAwaitOrConversions().WithoutConfigureAwait() switch
                {
                    IsPatternExpressionSyntax tested => tested.Expression,
                    AssignmentExpressionSyntax { Left: IdentifierNameSyntax } assignment when assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) => assignment.Right,
                    var unwrapped => unwrapped,
                };
                if (inner == value)
                {
                    break;
                }

                value = inner;
            }

            return value == call;
        }

        private static Finding? FindDualWrite(FlowSummary summary, IOperation body, FlowEngine engine, CancellationToken cancellationToken)
        {
            var occurrences = summary.Occurrences;
            RelayFacts? relay = null;
            Finding? best = null;
            for (int w = 0; w < occurrences.Length; w++)
            {
                var write = occurrences[w];
                if (!write.Effect.IsWrite || (write.Effect.Traits & EffectTraits.OutboxCommit) != 0)
                {
                    continue;
                }

                for (int p = 0; p < occurrences.Length; p++)
                {
                    var outgoing = occurrences[p];
                    if (!outgoing.Effect.IsOutgoing || (outgoing.Effect.Traits & EffectTraits.DeferredDispatch) != 0)
                    {
                        continue;
                    }

                    // Both inside one helper (one call, or the same helper called twice): that helper is where they
                    // meet, and where it is reported.
                    if (write.IsViaCall && outgoing.IsViaCall
                        && (write.CallSite == outgoing.CallSite || SymbolEqualityComparer.Default.Equals(write.Callee, outgoing.Callee)))
                    {
                        continue;
                    }

                    bool writeThenPublish = summary.MayPrecede(w, p);
                    bool publishThenWrite = summary.MayPrecede(p, w);
                    if (!writeThenPublish && !publishThenWrite)
                    {
                        continue; // mutually exclusive branches
                    }

                    // A write in the catch of a try that ends with the publish runs only when that publish failed: it
                    // records the failure (for a retry), it does not follow a publish. In a loop, the other order pairs
                    // one message's failure with the next message's publish.
                    if (publishThenWrite && RecordsFailedPublish(outgoing.CallSite, write.CallSite))
                    {
                        continue;
                    }

                    if (writeThenPublish && publishThenWrite)
                    {
                        // A loop runs them in both orders: describe them in the order of the source text.
                        writeThenPublish = IsBefore(write, outgoing);
                    }

                    if (IsPublishedThroughEnlistedTransaction(summary, p))
                    {
                        continue;
                    }

                    relay ??= new RelayFacts(body, engine, cancellationToken);
                    if (relay.IsRelay(write, outgoing))
                    {
                        continue;
                    }

                    Finding candidate;
                    if (writeThenPublish)
                    {
                        var kind = IsInsideTransaction(summary, w, p) ? FindingKind.PublishInsideTransaction : FindingKind.LostEvent;
                        candidate = new Finding(kind, write, outgoing, later: outgoing, earlier: write);
                    }
                    else
                    {
                        candidate = new Finding(FindingKind.PhantomEvent, write, outgoing, later: write, earlier: outgoing);
                    }

                    if (best is null || candidate.IsBefore(best.Value))
                    {
                        best = candidate;
                    }
                }
            }

            return best;
        }

        /// <summary>A publish to an enlistable store after a transaction that enlisted it (CAP): the message is written in that transaction.</summary>
        private static bool IsPublishedThroughEnlistedTransaction(FlowSummary summary, int publish)
        {
            var occurrences = summary.Occurrences;
            if ((occurrences[publish].Effect.Traits & EffectTraits.PublishesToEnlistableStore) == 0)
            {
                return false;
            }

            for (int t = 0; t < occurrences.Length; t++)
            {
                if ((occurrences[t].Effect.Traits & EffectTraits.EnlistsPublisher) != 0 && summary.MayPrecede(t, publish))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The write and the publish follow a transaction's begin, and a commit follows the publish.</summary>
        private static bool IsInsideTransaction(FlowSummary summary, int write, int publish)
        {
            var occurrences = summary.Occurrences;
            bool begun = false, committedLater = false;
            for (int t = 0; t < occurrences.Length; t++)
            {
                var kind = occurrences[t].Effect.Kind;
                if (kind == EffectKind.TransactionBegin && summary.MayPrecede(t, write) && summary.MayPrecede(t, publish))
                {
                    begun = true;
                }
                else if (kind == EffectKind.TransactionCommit && summary.MayPrecede(publish, t))
                {
                    committedLater = true;
                }
            }

            return begun && committedLater;
        }

        private static bool IsBefore(EffectOccurrence first, EffectOccurrence second)
        {
            int a = first.CallSite.SpanStart, b = second.CallSite.SpanStart;
            if (a == b)
            {
                a = first.EffectLocation.SourceSpan.Start;
                b = second.EffectLocation.SourceSpan.Start;
            }

            return a < b;
        }

        private static Diagnostic Create(Finding finding, FlowSummary summary)
        {
            var additional = new List<Location> { finding.Earlier.CallSiteLocation };
            if (finding.Later.IsViaCall)
            {
                additional.Add(finding.Later.EffectLocation);
            }

            if (finding.Earlier.IsViaCall)
            {
                additional.Add(finding.Earlier.EffectLocation);
            }

            string writeName = finding.Write.Effect.OperationName;
            string outgoingName = finding.Outgoing.Effect.OperationName;
            bool external = finding.Outgoing.Effect.Kind == EffectKind.ExternalCall;
            object[] arguments = finding.Kind switch
            {
                FindingKind.LostEvent => new object[]
                {
                    writeName, "writes the database", outgoingName,
                    external ? "calls an external service afterwards" : "publishes afterwards",
                    external
                        ? "if the process stops in between, the call is never made; " + ExternalCallThroughOutbox
                        : "if the process stops in between, the event is lost; " + OutboxOrListenToYourself,
                },
                FindingKind.PhantomEvent => new object[]
                {
                    outgoingName, external ? "calls an external service" : "publishes", writeName, "writes the database afterwards",
                    external
                        ? "if the write fails, the external call cannot be undone; " + ExternalCallThroughOutbox
                        : "if the write fails, the event announces a change that never happened; " + OutboxOrListenToYourself,
                },
                _ => new object[]
                {
                    outgoingName, external ? "calls an external service inside the transaction of" : "publishes inside the transaction of", writeName, "before it commits",
                    external
                        ? "if the commit fails, the external call cannot be undone; " + ExternalCallThroughOutbox
                        : "if the commit fails, the event announces a change that never happened; " + OutboxOrListenToYourself,
                },
            };

            return Diagnostic.Create(Rule, finding.Later.CallSiteLocation, additional, CreateProperties(finding, summary), arguments);
        }

        /// <summary>What the code fixes need and cannot cheaply recompute: which side is the write, and whether a read precedes it.</summary>
        private static ImmutableDictionary<string, string?> CreateProperties(Finding finding, FlowSummary summary)
        {
            var occurrences = summary.Occurrences;
            int write = occurrences.IndexOf(finding.Write);
            bool readBeforeWrite = false;
            for (int r = 0; r < occurrences.Length && !readBeforeWrite; r++)
            {
                readBeforeWrite = occurrences[r].Effect.Kind == EffectKind.DbRead && summary.MayPrecede(r, write);
            }

            var builder = ImmutableDictionary.CreateBuilder<string, string?>();
            builder.Add(DualWriteProperties.WriteSide, ReferenceEquals(finding.Write, finding.Later) ? DualWriteProperties.Later : DualWriteProperties.Earlier);
            builder.Add(DualWriteProperties.OutgoingKind, finding.Outgoing.Effect.Kind == EffectKind.ExternalCall ? DualWriteProperties.ExternalCall : DualWriteProperties.Publish);
            if (finding.Kind == FindingKind.PublishInsideTransaction)
            {
                builder.Add(DualWriteProperties.InsideTransaction, "true");
            }

            if (readBeforeWrite)
            {
                builder.Add(DualWriteProperties.ReadBeforeWrite, "true");
            }

            return builder.ToImmutable();
        }

        private enum FindingKind
        {
            /// <summary>Write, then publish: a crash in between loses the event.</summary>
            LostEvent,

            /// <summary>Publish, then write: a failed write leaves an event about nothing.</summary>
            PhantomEvent,

            /// <summary>Publish inside a transaction that commits later: a failed commit leaves an event about nothing.</summary>
            PublishInsideTransaction,
        }

        private readonly struct Finding
        {
            public Finding(FindingKind kind, EffectOccurrence write, EffectOccurrence outgoing, EffectOccurrence later, EffectOccurrence earlier)
            {
                Kind = kind;
                Write = write;
                Outgoing = outgoing;
                Later = later;
                Earlier = earlier;
            }

            public FindingKind Kind { get; }

            public EffectOccurrence Write { get; }

            public EffectOccurrence Outgoing { get; }

            public EffectOccurrence Later { get; }

            public EffectOccurrence Earlier { get; }

            /// <summary>Deterministic choice of one pair per method: the earliest later effect, then the earliest earlier one.</summary>
            public bool IsBefore(Finding other)
            {
                int later = Later.CallSite.SpanStart.CompareTo(other.Later.CallSite.SpanStart);
                if (later != 0)
                {
                    return later < 0;
                }

                return Earlier.CallSite.SpanStart < other.Earlier.CallSite.SpanStart;
            }
        }

        /// <summary>
        /// Recognises the outbox relay: the publish sends records read in bulk in this method, and the write marks or
        /// deletes those records (or commits the unit of work that tracked them).
        /// </summary>
        private sealed class RelayFacts
        {
            private readonly IOperation body;
            private readonly FlowEngine engine;
            private readonly CancellationToken cancellationToken;
            private ReadDerivedValues? values;
            private Dictionary<SyntaxNode, IOperation>? operations;

            public RelayFacts(IOperation body, FlowEngine engine, CancellationToken cancellationToken)
            {
                this.body = body;
                this.engine = engine;
                this.cancellationToken = cancellationToken;
            }

            public bool IsRelay(EffectOccurrence write, EffectOccurrence outgoing)
            {
                if (outgoing.Effect.Kind != EffectKind.Publish)
                {
                    return false;
                }

                values ??= ReadDerivedValues.Compute(body, engine, cancellationToken);
                if (values.IsEmpty || !UsesReadValues(outgoing.CallSite))
                {
                    return false;
                }

                return (write.Effect.Traits & EffectTraits.UnitOfWorkCommit) != 0 || UsesReadValues(write.CallSite);
            }

            private bool UsesReadValues(SyntaxNode callSite)
            {
                if (operations is null)
                {
                    operations = new Dictionary<SyntaxNode, IOperation>();
                    foreach (var operation in body.Descendants())
                    {
                        if (operation is IInvocationOperation or IObjectCreationOperation or IDelegateCreationOperation && !operations.ContainsKey(operation.Syntax))
                        {
                            operations[operation.Syntax] = operation;
                        }
                    }
                }

                if (!operations.TryGetValue(callSite, out var call))
                {
                    return false;
                }

                if (call is IInvocationOperation invocation)
                {
                    foreach (var argument in invocation.Arguments)
                    {
                        if (values!.References(argument))
                        {
                            return true;
                        }
                    }

                    return false;
                }

                return values!.References(call);
            }
        }
    }
}
