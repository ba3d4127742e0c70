using System;
using System.Globalization;
using Microsoft.CodeAnalysis;

namespace Consistency.Generators.Diagnostics
{
    /// <summary>
    /// What the generator reports when its attributes are misused (CH01xx). The generator checks these while it
    /// builds its models anyway, so reporting them costs nothing extra; each has a page under docs/rules.
    /// </summary>
    internal static class GeneratorDiagnostics
    {
        // The same category and help-link shape as the analyzers (see Consistency.Analyzers.RuleIdentifiers).
        private const string Category = "Usage";
        private const string HelpUriFormat = "https://github.com/consistency-tooling/consistency-tooling/blob/main/docs/rules/{0}.md";

        public static readonly DiagnosticDescriptor NonPartialType = Create(
            "CH0100",
            "The type of an [Idempotent] method must be partial",
            "'{0}' must be declared partial (with every containing type) so that the idempotent wrapper of '{1}' can be generated into it",
            DiagnosticSeverity.Error,
            "The generator adds the idempotent wrapper to the type that declares the method. That is only possible when the type and each type containing it are declared partial.");

        public static readonly DiagnosticDescriptor UnsupportedSignature = Create(
            "CH0101",
            "[Idempotent] method signature is not supported",
            "The idempotent wrapper of '{0}' cannot be generated: {1}",
            DiagnosticSeverity.Error,
            "An [Idempotent] method must be a non-generic, non-abstract method that returns void, a value, Task, Task<T>, ValueTask or ValueTask<T>, whose parameters are passed by value.");

        public static readonly DiagnosticDescriptor NoIdempotencyKey = Create(
            "CH0102",
            "[Idempotent] method has no idempotency key",
            "'{0}' has no [IdempotencyKey] parameter or member and no payload parameter to hash, so every call would share one key",
            DiagnosticSeverity.Error,
            "The idempotency key comes from the [IdempotencyKey] parameters and members of the parameters, or else from a hash of the payload parameters (all parameters but the CancellationToken, the ILambdaContext and the OutboxUnitOfWork).");

        public static readonly DiagnosticDescriptor MissingStableName = Create(
            "CH0103",
            "[Idempotent] method has no stable name",
            "[Idempotent] on '{0}' needs a stable name, e.g. [Idempotent(\"{1}\")]: keys namespaced by the method name would be forgotten when the method is renamed",
            DiagnosticSeverity.Error,
            "The stable name namespaces the idempotency keys in the store. Deriving it from the method or type name would silently lose every record (and run duplicates again) after a rename.");

        public static readonly DiagnosticDescriptor NoIdempotencyHandler = Create(
            "CH0104",
            "[Idempotent] method has no IdempotencyHandler to call",
            "'{0}' declares no {1}field or property of type Consistency.Runtime.Idempotency.IdempotencyHandler for the idempotent wrapper of '{2}' to call",
            DiagnosticSeverity.Error,
            "The wrapper runs the method through an IdempotencyHandler (from the Consistency.Runtime package) found in a field or property of the type or its base types. A static method needs a static member.");

        public static readonly DiagnosticDescriptor NoJsonTypeInfo = Create(
            "CH0105",
            "Type has no source-generated JSON metadata",
            "'{0}' ({1}) is not serialised by any JsonSerializerContext; add [JsonSerializable(typeof({0}))] to a partial JsonSerializerContext of this assembly",
            DiagnosticSeverity.Error,
            "Results, payloads and events are serialised with System.Text.Json source generation only (no reflection, trimming and AOT safe). A source generator cannot see the output of another, so the JsonSerializerContext must be declared in the user's code, where the System.Text.Json generator completes it.");

        public static readonly DiagnosticDescriptor EventWithoutAggregateKey = Create(
            "CH0106",
            "[DomainEvent] has no aggregate key",
            "Domain event '{0}' has no [AggregateKey] member: the outbox needs it to keep the events of one aggregate in order",
            DiagnosticSeverity.Error,
            "The aggregate key is the ordering key of the outbox (the partition key of outbox items, the Kinesis partition key, the FIFO message group). Mark the member that identifies the entity the event is about.");

        public static readonly DiagnosticDescriptor EventWithoutEventId = Create(
            "CH0107",
            "[DomainEvent] has no event id",
            "Domain event '{0}' has no [EventId] member: every mapping gets a new id, so consumers cannot deduplicate redelivered copies of the event",
            DiagnosticSeverity.Warning,
            "Consumers deduplicate on the event id. An id carried by the event itself stays the same when the event is created again by a retried handler; a generated one does not.");

        public static readonly DiagnosticDescriptor DuplicateEventTypeName = Create(
            "CH0108",
            "Two domain events share a type name and version",
            "Domain event '{0}' uses the type name '{1}' version {2}, which '{3}' uses too; consumers could not tell them apart",
            DiagnosticSeverity.Error,
            "Consumers decode events by their type name and version through the generated registry, so each pair must belong to one type.");

        public static readonly DiagnosticDescriptor UnserializableMember = Create(
            "CH0109",
            "Domain event member cannot be serialised by System.Text.Json",
            "Member '{0}' of domain event '{1}' has type '{2}', which System.Text.Json cannot serialise ({3})",
            DiagnosticSeverity.Error,
            "Events cross process boundaries as JSON. Delegates, pointers, ref structs, System.Type, IntPtr and multi-dimensional arrays cannot be written or read by System.Text.Json; such a member would fail at run time or be silently dropped.");

        public static readonly DiagnosticDescriptor InvalidEventTypeName = Create(
            "CH0110",
            "[DomainEvent] type name or version is invalid",
            "Domain event '{0}' {1}",
            DiagnosticSeverity.Error,
            "The type name is what consumers decode by: it must be a non-empty name without white space, and the version starts at 1.");

        private static readonly DiagnosticDescriptor[] All =
        {
            NonPartialType, UnsupportedSignature, NoIdempotencyKey, MissingStableName, NoIdempotencyHandler,
            NoJsonTypeInfo, EventWithoutAggregateKey, EventWithoutEventId, DuplicateEventTypeName, UnserializableMember,
            InvalidEventTypeName,
        };

        public static DiagnosticDescriptor Find(string id)
        {
            foreach (var descriptor in All)
            {
                if (descriptor.Id == id)
                {
                    return descriptor;
                }
            }

            throw new ArgumentOutOfRangeException(nameof(id), id, "Unknown generator diagnostic.");
        }

        private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity, string description)
            => new(
                id,
                title,
                message,
                Category,
                severity,
                isEnabledByDefault: true,
                description: description,
                helpLinkUri: string.Format(CultureInfo.InvariantCulture, HelpUriFormat, id));
    }
}
