using System;

namespace Consistency
{
    /// <summary>
    /// Declares that a method writes to a database. The analyzers treat calls to it as a DB write, including from
    /// other assemblies where its body cannot be seen. On a type or interface, applies to all its methods.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Interface, AllowMultiple = false, Inherited = true)]
    public sealed class WritesDatabaseAttribute : Attribute
    {
    }

    /// <summary>
    /// Declares that a method publishes messages to a broker (or makes a non-transactional external call). The
    /// analyzers treat calls to it as a publish. On a type or interface, applies to all its methods.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Interface, AllowMultiple = false, Inherited = true)]
    public sealed class PublishesMessagesAttribute : Attribute
    {
    }

    /// <summary>
    /// Declares that a method is called by a broker with at-least-once delivery, so it must be idempotent.
    /// Use it for handlers the analyzers cannot recognise by their signature.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
    public sealed class MessageHandlerAttribute : Attribute
    {
    }

    /// <summary>
    /// Declares that a method is an idempotency check (an inbox or processed-message lookup): when a handler returns
    /// early on its result, the effects that follow are guarded against redelivery.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
    public sealed class IdempotencyGuardAttribute : Attribute
    {
    }
}
