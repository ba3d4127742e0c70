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
        LocationInfo? Location,
        EquatableArray<DiagnosticInfo> Diagnostics);

    /// <summary>A domain event with its JSON metadata expression; <see cref="TypeInfo"/> is null when it cannot be emitted.</summary>
    internal sealed record ResolvedDomainEvent(DomainEventModel Event, string? TypeInfo, EquatableArray<DiagnosticInfo> Diagnostics);

    /// <summary>One line of the registry: type name and version to the event type and its mapping class.</summary>
    internal sealed record RegistryEntry(string EventTypeName, int Version, string FullName, string MappingClass, LocationInfo? Location, bool Emitted);

    /// <summary>The registry of the assembly's domain events, in a stable order.</summary>
    internal sealed record RegistryModel(EquatableArray<RegistryEntry> Entries);
}
