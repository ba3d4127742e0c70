namespace Consistency.Analyzers.Effects
{
    /// <summary>The classification of one call: its kind, traits and the operation name shown in messages.</summary>
    internal readonly struct Effect
    {
        public Effect(EffectKind kind, EffectTraits traits, string operationName, string family)
        {
            Kind = kind;
            Traits = traits;
            OperationName = operationName;
            Family = family;
        }

        public EffectKind Kind { get; }

        public EffectTraits Traits { get; }

        /// <summary>The method name as written by the user (e.g. <c>PutItemAsync</c>).</summary>
        public string OperationName { get; }

        /// <summary>The API family (e.g. <c>DynamoDB</c>, <c>SQS</c>, <c>configured</c>).</summary>
        public string Family { get; }

        public bool IsWrite => Kind == EffectKind.DbWrite;

        /// <summary>A read of one item or row (<c>Find</c>, <c>GetItem</c>, <c>Load</c>, <c>QueryFirstOrDefault</c>…).</summary>
        public bool IsSingleRead => Kind == EffectKind.DbRead && (Traits & EffectTraits.ReadsMany) == 0;

        /// <summary>A read of many records (a query, a scan, a list).</summary>
        public bool IsBulkRead => Kind == EffectKind.DbRead && (Traits & EffectTraits.ReadsMany) != 0;

        /// <summary>A publish or an external call: something another system sees and that no database transaction undoes.</summary>
        public bool IsOutgoing => Kind is EffectKind.Publish or EffectKind.ExternalCall;

        public Effect WithKind(EffectKind kind) => new(kind, Traits, OperationName, Family);

        public Effect WithTraits(EffectTraits traits) => new(Kind, traits, OperationName, Family);
    }
}
