using System;

namespace Consistency
{
    /// <summary>
    /// Marks a method of a partial type whose effects must happen once per message. The generator emits a wrapper
    /// that records IN_PROGRESS, runs the method, stores the result as COMPLETED and returns the stored result on
    /// replays of the same key.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
    public sealed class IdempotentAttribute : Attribute
    {
        /// <summary>Creates the attribute with the stable name that namespaces the idempotency keys.</summary>
        /// <param name="name">
        /// A name that never changes when the method is renamed or moved, e.g. <c>"orders.place"</c>.
        /// Keys are stored under it: changing it forgets every record written under the old name.
        /// </param>
        public IdempotentAttribute(string name) => Name = name;

        /// <summary>Creates the attribute without a stable name; the generator then reports a diagnostic.</summary>
        public IdempotentAttribute()
        {
        }

        /// <summary>The stable key namespace, or <see langword="null"/> when none was given.</summary>
        public string? Name { get; }

        /// <summary>How long a COMPLETED record is kept and replayed, in seconds. Defaults to one hour.</summary>
        public int ExpirationSeconds { get; set; } = 3600;

        /// <summary>
        /// How long an IN_PROGRESS record blocks duplicates before another invocation may take over, in seconds.
        /// When the method takes a Lambda context, its remaining time is used instead.
        /// </summary>
        public int InProgressExpirationSeconds { get; set; } = 60;

        /// <summary>Whether a replay with the same key but a different payload is rejected. Defaults to true.</summary>
        public bool ValidatePayload { get; set; } = true;
    }
}
