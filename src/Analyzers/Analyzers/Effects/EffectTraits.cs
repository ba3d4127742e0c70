using System;

namespace Consistency.Analyzers.Effects
{
    /// <summary>Facts about an effect that rules use to tell look-alikes apart.</summary>
    [Flags]
    internal enum EffectTraits
    {
        None = 0,

        /// <summary>Several writes committed atomically (TransactWriteItems, a transactional batch, SaveChanges): can carry an outbox record.</summary>
        AtomicBatch = 1,

        /// <summary>Commits the changes a unit of work tracked earlier (EF Core SaveChanges): its arguments do not say what it writes.</summary>
        UnitOfWorkCommit = 2,

        /// <summary>A read that returns many records (query, scan, list), the shape of an outbox relay's read.</summary>
        ReadsMany = 4,

        /// <summary>Commits business writes and their events together (our outbox unit of work, or an atomic batch that carries an outbox record).</summary>
        OutboxCommit = 8,

        /// <summary>
        /// A send made through a message handler's context that the framework dispatches only after the handler (and
        /// its transaction) completed, and discards when the handler fails (NServiceBus batched dispatch).
        /// </summary>
        DeferredDispatch = 16,

        /// <summary>The effect was classified by a naming convention, not by a known API or an explicit declaration.</summary>
        ByConvention = 32,

        /// <summary>
        /// A transaction that enlists a publisher's message store (CAP's <c>BeginTransaction(publisher)</c>): messages
        /// published through that publisher inside it are written in the transaction, an outbox.
        /// </summary>
        EnlistsPublisher = 64,

        /// <summary>
        /// A publish whose message store a transaction can enlist (CAP's <c>ICapPublisher</c>): after a transaction
        /// marked <see cref="EnlistsPublisher"/> it is written with that transaction, not sent beside it.
        /// </summary>
        PublishesToEnlistableStore = 128,
    }
}
