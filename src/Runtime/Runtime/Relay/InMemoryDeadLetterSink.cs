using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Consistency.Runtime.Relay;

/// <summary>Keeps dead letters in memory, for tests and local runs.</summary>
public sealed class InMemoryDeadLetterSink : IDeadLetterSink
{
    private readonly ConcurrentQueue<DeadLetter> _letters = new();

    /// <summary>The dead letters received, in order.</summary>
    public IReadOnlyCollection<DeadLetter> Letters => _letters;

    /// <inheritdoc />
    public Task SendAsync(DeadLetter deadLetter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        cancellationToken.ThrowIfCancellationRequested();
        _letters.Enqueue(deadLetter);
        return Task.CompletedTask;
    }
}
