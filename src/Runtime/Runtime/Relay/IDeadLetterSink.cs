using System.Threading;
using System.Threading.Tasks;

namespace Consistency.Runtime.Relay;

/// <summary>
/// Keeps what the relay gave up on (a DLQ, a table, a bucket) so that an operator can inspect and replay it. Throw
/// when it could not be stored: the relay then keeps the record failed instead of dropping it.
/// </summary>
public interface IDeadLetterSink
{
    /// <summary>Stores a dead letter.</summary>
    /// <param name="deadLetter">What was given up and why.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when stored.</returns>
    Task SendAsync(DeadLetter deadLetter, CancellationToken cancellationToken);
}
