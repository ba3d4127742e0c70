using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Consistency.Analyzers.Flow;
using Consistency.Analyzers.Handlers;
using Consistency.Analyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Consistency.Analyzers.Rules
{
    /// <summary>
    /// CH0002: a message handler (RULES.md §1.2) whose flow does something new each time the broker delivers the same
    /// message again — a publish, an external call, an insert under a generated key, a relative update — with no
    /// idempotency guard (§1.3) in front of it.
    /// <para>
    /// Roots: the handler methods of <see cref="HandlerCatalogue"/>. The flow engine gives the effects of the handler
    /// and of the helpers it calls; <see cref="RedeliveryHazards"/> says which are unsafe; an effect is guarded by
    /// <c>[Idempotent]</c> on the handler or on a method of its call path, or by an inbox check that dominates it at
    /// some level of that path (<see cref="IdempotencyGuards"/>). One diagnostic per handler, on its name: the first
    /// unguarded effect in source order.
    /// </para>
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NonIdempotentHandlerAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new(
            RuleIdentifiers.NonIdempotentHandler,
            title: "Message handler is not idempotent",
            messageFormat: "'{0}' is a {1}, called again when the message is redelivered, and '{2}' {3} each time: mark the handler [Idempotent] with a key from the message or check the inbox before the effect",
            RuleCategories.Consistency,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Brokers deliver at least once: a message is redelivered after a timeout, a crash or a failed acknowledgement. A handler that publishes, calls another service, inserts under a generated key or applies a relative update does it once per delivery. Guard it: [Idempotent] with a key from the message, an inbox check that returns early for processed messages, a conditional write, a FIFO deduplication id from the message.",
            helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.NonIdempotentHandler));

        /// <summary>Diagnostic property: the <see cref="HandlerKind"/> name, for the code fix.</summary>
        internal const string HandlerKindProperty = "HandlerKind";

        /// <summary>Diagnostic property: the name of the parameter that carries the message, when there is one.</summary>
        internal const string EventParameterProperty = "EventParameter";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

#pragma warning disable RS1025, RS1026 // ConfigureDefaults enables concurrent execution and configures generated code; the meta-analyzer cannot see through it.
        public override void Initialize(AnalysisContext context)
#pragma warning restore RS1025, RS1026
        {
            context.ConfigureDefaults();
            context.RegisterCompilationStartAction(start =>
            {
                var handlers = HandlerCatalogue.GetOrCreate(start.Compilation, start.Options);
                if (handlers.IsEmpty)
                {
                    return; // no broker framework, no marker, no configured handler
                }

                var engine = FlowEngine.GetOrCreate(start.Compilation, start.Options);
                if (engine.Catalogue.IsEmpty)
                {
                    return; // nothing a handler could do twice
                }

                var guards = new IdempotencyGuards(start.Compilation, engine);
                var hazards = new RedeliveryHazards(start.Compilation);
                start.RegisterOperationBlockAction(block => AnalyzeBlock(block, handlers, engine, guards, hazards));
            });
        }

        private static void AnalyzeBlock(OperationBlockAnalysisContext context, HandlerCatalogue handlers, FlowEngine engine, IdempotencyGuards guards, RedeliveryHazards hazards)
        {
            if (context.OwningSymbol is not IMethodSymbol method
                || !handlers.TryGetHandler(method, out var handler)
                || guards.IsIdempotent(method)
                || FlowEngine.FindBody(context.OperationBlocks, out var block) is not { } body || block is null)
            {
                return;
            }

            var summary = engine.GetSummary(method, body, _ => context.GetControlFlowGraph(block), context.CancellationToken);
            if (summary.IsEmpty)
            {
                return;
            }

            EffectOccurrence? first = null;
            string? hazard = null;
            foreach (var occurrence in summary.Occurrences)
            {
                if (first is not null && !IsBefore(occurrence, first))
                {
                    continue;
                }

                if (hazards.Describe(occurrence, context.CancellationToken) is { } description
                    && !IsGuarded(occurrence, description, guards, hazards, context.CancellationToken))
                {
                    first = occurrence;
                    hazard = description;
                }
            }

            if (first is null || hazard is null)
            {
                return;
            }

            var additional = new List<Location> { first.EffectLocation };
            if (first.IsViaCall)
            {
                additional.Add(first.CallSiteLocation);
            }

            var location = method.Locations.IsEmpty ? first.CallSiteLocation : method.Locations[0];
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(HandlerKindProperty, handler.Kind.ToString())
                .Add(EventParameterProperty, handler.EventParameter?.Name);
            context.ReportDiagnostic(Diagnostic.Create(Rule, location, additional, properties, method.Name, handler.Description, first.Effect.OperationName, hazard));
        }

        /// <summary>
        /// Guarded at some level of its path: the call in the handler, then each call inside the helpers down to the
        /// effect; or inside a helper marked [Idempotent]. An insert is also guarded by a call on its way that lets its
        /// duplicate go (the effect itself is read where it is described).
        /// </summary>
        private static bool IsGuarded(EffectOccurrence occurrence, string description, IdempotencyGuards guards, RedeliveryHazards hazards, CancellationToken cancellationToken)
        {
            if (guards.IsGuarded(occurrence.CallSite, cancellationToken)
                || (occurrence.IsViaCall && hazards.LetsDuplicateGoAround(occurrence.CallSite, description, cancellationToken)))
            {
                return true;
            }

            var path = occurrence.InnerPath;
            for (int i = 0; i < path.Length; i++)
            {
                if (guards.IsGuardedInHelper(path[i], cancellationToken)
                    || (i < path.Length - 1 && hazards.LetsDuplicateGoAround(path[i], description, cancellationToken)))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsBefore(EffectOccurrence candidate, EffectOccurrence current)
        {
            int a = candidate.CallSite.SpanStart, b = current.CallSite.SpanStart;
            if (a == b)
            {
                a = candidate.EffectLocation.SourceSpan.Start;
                b = current.EffectLocation.SourceSpan.Start;
            }

            return a < b;
        }
    }
}
