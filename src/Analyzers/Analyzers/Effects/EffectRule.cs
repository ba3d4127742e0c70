using System.Collections.Immutable;

namespace Consistency.Analyzers.Effects
{
    /// <summary>
    /// One row of the effect catalogue: methods of a type (by metadata name) that have an effect. Rows name the
    /// interface and the concrete client; overrides and interface implementations are matched through the symbol graph.
    /// </summary>
    /// <param name="TypeMetadataName">The containing type, e.g. <c>Amazon.SQS.IAmazonSQS</c> or <c>Confluent.Kafka.IProducer`2</c>.</param>
    /// <param name="MethodNames">The method names (every overload matches).</param>
    /// <param name="Kind">What the call does.</param>
    /// <param name="Family">The API family shown to users, e.g. "SQS".</param>
    /// <param name="Traits">Facts that rules use to recognise outboxes, relays and deferred dispatch.</param>
    /// <param name="Condition">An argument check that refines the kind per invocation.</param>
    internal sealed record EffectRule(
        string TypeMetadataName,
        ImmutableArray<string> MethodNames,
        EffectKind Kind,
        string Family,
        EffectTraits Traits = EffectTraits.None,
        EffectCondition Condition = EffectCondition.None);
}
