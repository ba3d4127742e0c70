using System;
using System.Threading;
using System.Threading.Tasks;

namespace Consistency.Runtime.Relay;

/// <summary>
/// The loop shared by the long-running relays (<see cref="OutboxStreamTailer"/>, <see cref="OutboxPoller"/> and the
/// Entity Framework Core relay): poll, pause briefly when idle or after failures, and stop quietly when cancelled.
/// A transient service error counts as a failed pass, so the loop backs off instead of dying.
/// </summary>
public static class RelayLoop
{
    /// <summary>Runs passes until <paramref name="cancellationToken"/> is canceled.</summary>
    /// <param name="pollOnce">One pass: reads, publishes and acknowledges a batch.</param>
    /// <param name="isTransient">Whether an exception of a pass is a transient service error (the loop backs off and goes on); any other exception ends the loop.</param>
    /// <param name="idleDelay">Pause after a pass that read nothing.</param>
    /// <param name="failureDelay">Pause after a pass with failed records or a transient error.</param>
    /// <param name="cancellationToken">Stops the loop; the returned task then completes without an exception.</param>
    /// <returns>A task that completes when stopped.</returns>
    public static async Task RunAsync(
        Func<CancellationToken, Task<TailerPass>> pollOnce,
        Func<Exception, bool> isTransient,
        TimeSpan idleDelay,
        TimeSpan failureDelay,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pollOnce);
        ArgumentNullException.ThrowIfNull(isTransient);
        while (!cancellationToken.IsCancellationRequested)
        {
            TailerPass pass;
            try
            {
                pass = await pollOnce(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (isTransient(exception))
            {
                pass = new TailerPass(0, 1);
            }

            var delay = pass.FailedRecords > 0 ? failureDelay : pass.Records == 0 ? idleDelay : TimeSpan.Zero;
            if (delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
