using System.Threading;
using System.Threading.Tasks;

namespace Consistency.Runtime.Inbox;

/// <summary>Remembers processed message ids so that redelivered messages are applied once, in causal order.</summary>
public interface IInbox
{
    /// <summary>Reads whether the message is new, a duplicate, or waits for its cause. Writes nothing.</summary>
    /// <param name="messageId">The message (or event) id.</param>
    /// <param name="causationId">The id of the message that caused it, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The decision.</returns>
    Task<InboxDecision> CheckAsync(string messageId, string? causationId, CancellationToken cancellationToken);

    /// <summary>
    /// Records the message as processed unless it already is (the first consumer wins) or its cause is not processed
    /// yet (nothing is written). Call it after applying an effect that is not transactional with the inbox: a crash in
    /// between re-applies the message on redelivery (at-least-once).
    /// </summary>
    /// <param name="messageId">The message id.</param>
    /// <param name="causationId">The id of the message that caused it, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns><see cref="InboxDecision.Accepted"/> when this call recorded it.</returns>
    Task<InboxDecision> TryMarkProcessedAsync(string messageId, string? causationId, CancellationToken cancellationToken);
}
