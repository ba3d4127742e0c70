using System;

namespace Consistency
{
    /// <summary>
    /// Marks a record or class as a domain event published through the transactional outbox. The generator emits
    /// its stable type name and version, serialisation without reflection, the outbox mapping and a registry entry.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
    public sealed class DomainEventAttribute : Attribute
    {
        /// <summary>Creates the attribute.</summary>
        /// <param name="typeName">The stable event type name consumers decode by, e.g. <c>"orders.order-placed"</c>.</param>
        /// <param name="version">The schema version of the event, starting at 1.</param>
        public DomainEventAttribute(string typeName, int version = 1)
        {
            TypeName = typeName;
            Version = version;
        }

        /// <summary>The stable event type name.</summary>
        public string TypeName { get; }

        /// <summary>The schema version.</summary>
        public int Version { get; }
    }

    /// <summary>Marks the member of a <see cref="DomainEventAttribute"/> type that identifies the aggregate (ordering key).</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false, Inherited = true)]
    public sealed class AggregateKeyAttribute : Attribute
    {
    }

    /// <summary>Marks the member of a <see cref="DomainEventAttribute"/> type that holds the unique event id.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false, Inherited = true)]
    public sealed class EventIdAttribute : Attribute
    {
    }
}
