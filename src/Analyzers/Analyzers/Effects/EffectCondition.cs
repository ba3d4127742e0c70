namespace Consistency.Analyzers.Effects
{
    /// <summary>
    /// A check on the arguments of a catalogued call that refines (or cancels) its effect. Conditions are evaluated
    /// per invocation; everything else in the catalogue is decided once per method symbol.
    /// </summary>
    internal enum EffectCondition
    {
        None,

        /// <summary>
        /// The SQL text argument decides: a constant starting with SELECT (or WITH … SELECT) reads, INSERT/UPDATE/DELETE/
        /// MERGE/UPSERT/REPLACE writes; text that cannot be read keeps the catalogued kind.
        /// </summary>
        SqlText,

        /// <summary>An HTTP request sent with GET, HEAD, OPTIONS or TRACE is not an effect; other verbs are external calls.</summary>
        HttpRequestVerb,

        /// <summary>A Lambda invocation publishes only with <c>InvocationType.Event</c> (asynchronous); a synchronous call is not classified.</summary>
        AsynchronousLambdaInvocation,

        /// <summary>The receiver must be an <c>IQueryable</c> (a database query), not an in-memory sequence.</summary>
        QueryableSource,
    }
}
