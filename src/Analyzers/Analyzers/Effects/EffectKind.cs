namespace Consistency.Analyzers.Effects
{
    /// <summary>What an invocation does to the outside world, as far as consistency is concerned.</summary>
    internal enum EffectKind
    {
        /// <summary>Persists state: a put, update, delete, SaveChanges, a non-SELECT statement.</summary>
        DbWrite,

        /// <summary>Reads persisted state.</summary>
        DbRead,

        /// <summary>Hands a message to a broker (queue, topic, stream, event bus, asynchronous invocation).</summary>
        Publish,

        /// <summary>A call to another system that is not transactional with anything (HTTP POST, a payment, an e-mail).</summary>
        ExternalCall,

        /// <summary>Opens a database transaction: writes after it are not durable until the matching commit.</summary>
        TransactionBegin,

        /// <summary>Commits the open database transaction.</summary>
        TransactionCommit,
    }
}
