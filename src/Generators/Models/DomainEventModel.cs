using Consistency.Generators.Diagnostics;
using Consistency.Generators.Internals;

namespace Consistency.Generators.Models
{
    /// <summary>A member of an event read into the envelope (aggregate key, event id, occurred-at).</summary>
    internal sealed record EventMemberModel(string Name, KeyFormat Format, bool CanBeNull);

    /// <summary>Everything the outbox mapping of one <c>[DomainEvent]</c> type needs, by value.</summary>
    internal sealed record DomainEventModel(
        string Namespace,
        string MappingClassName,
        string Accessibility,
        string FullName,
        string MetadataName,
        bool IsValueType,
        string EventTypeName,
        int Version,
        string TypeKey,
        EventMemberModel? AggregateKey,
        EventMemberModel? EventId,
        string? OccurredAtMember,
        bool HasErrors);

    /// <summary>What the parser saw at one <c>[DomainEvent]</c> type: the location-free model, its location and diagnostics.</summary>
    internal sealed record ParsedDomainEvent(DomainEventModel Model, LocationInfo? Location, EquatableArray<DiagnosticInfo> Diagnostics);

    /// <summary>A type name and version claimed by a type, with where, for the duplicate check.</summary>
    internal sealed record EventNameClaim(string EventTypeName, int Version, string FullName, LocationInfo? Location);

    /// <summary>A domain event with its JSON metadata expression; <see cref="TypeInfo"/> is null when it cannot be emitted.</summary>
    internal sealed record ResolvedDomainEvent(DomainEventModel Event, string? TypeInfo);

    /// <summary>One line of the registry: type name and version to the event type and its mapping class.</summary>
    internal sealed record RegistryEntry(string EventTypeName, int Version, string FullName, string MappingClass);

    /// <summary>The registry of the assembly's domain events, in a stable order.</summary>
    internal sealed record RegistryModel(EquatableArray<RegistryEntry> Entries);
}
