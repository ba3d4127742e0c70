// Stand-in for AWS.Lambda.Powertools.Idempotency 1.x. The real IdempotentAttribute derives from the aspect-weaving
// UniversalWrapperAttribute of AWS.Lambda.Powertools.Common; analyzers only read the attribute, so it derives from
// Attribute here.
using System;

namespace AWS.Lambda.Powertools.Idempotency
{
    [AttributeUsage(AttributeTargets.Method)]
    public class IdempotentAttribute : Attribute
    {
    }

    [AttributeUsage(AttributeTargets.Parameter)]
    public class IdempotencyKeyAttribute : Attribute
    {
    }

    public sealed class Idempotency
    {
        public static void Configure(Action<IdempotencyBuilder> configurationAction) { }
    }

    public class IdempotencyBuilder
    {
        public IdempotencyBuilder UseDynamoDb(string tableName) => this;
    }
}
