using System;
using System.Threading;
using System.Threading.Tasks;
using Consistency.Runtime.Relay;

namespace Consistency.Runtime.Tests.Infrastructure;

public sealed class FailingDeadLetterSink : IDeadLetterSink
{
    public Task SendAsync(DeadLetter deadLetter, CancellationToken cancellationToken) => throw new InvalidOperationException("dead-letter queue unavailable");
}
