using System;

namespace Consistency
{
    /// <summary>
    /// Marks the parameters, properties or fields whose values form the idempotency key of an
    /// <see cref="IdempotentAttribute"/> method. Several marked members are combined in declaration order.
    /// Without any, the key is a stable hash of the whole payload.
    /// </summary>
    [AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false, Inherited = true)]
    public sealed class IdempotencyKeyAttribute : Attribute
    {
    }
}
