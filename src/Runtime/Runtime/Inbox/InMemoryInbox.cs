using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Consistency.Runtime.Inbox;

/// <summary>A process-local inbox with the semantics of <see cref="DynamoDbInbox"/>, for tests and embedded use.</summary>
public sealed class InMemoryInbox : IInbox
{
    private readonly Dictionary<string, DateTimeOffset> _processed = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private readonly InboxOptions _options;

    /// <summary>Creates the inbox.</summary>
    /// <param name="options">Retention and clock; defaults when <see langword="null"/>.</param>
    public InMemoryInbox(InboxOptions? options = null) => _options = options ?? new InboxOptions();

    /// <inheritdoc />
    public Task<InboxDecision> CheckAsync(string messageId, string? causationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(Decide(messageId, causationId, _options.TimeProvider.GetUtcNow()));
        }
    }

    /// <inheritdoc />
    public Task<InboxDecision> TryMarkProcessedAsync(string messageId, string? causationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        cancellationToken.ThrowIfCancellationRequested();
        var now = _options.TimeProvider.GetUtcNow();
        lock (_gate)
        {
            var decision = Decide(messageId, causationId, now);
            if (decision == InboxDecision.Accepted)
            {
                _processed[messageId] = now + _options.TimeToLive;
            }

            return Task.FromResult(decision);
        }
    }

    private InboxDecision Decide(string messageId, string? causationId, DateTimeOffset now)
    {
        if (IsProcessed(messageId, now))
        {
            return InboxDecision.Duplicate;
        }

        return string.IsNullOrEmpty(causationId) || IsProcessed(causationId, now) ? InboxDecision.Accepted : InboxDecision.RetryLater;
    }

    private bool IsProcessed(string id, DateTimeOffset now) => _processed.TryGetValue(id, out var expires) && expires >= now;
}
