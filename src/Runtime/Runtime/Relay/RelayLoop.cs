using System;
using System.Threading;
using System.Threading.Tasks;

namespace Consistency.Runtime.Relay;

/// <summary>
/// The loop shared by the long-running relays: poll, pause briefly when idle or after failures, and stop quietly when
/// cancelled. A transient service error counts as a failed pass, so the loop backs off instead of dying.
/// </summary>
internal static class RelayLoop
{
    public static async Task RunAsync(
        Func<CancellationToken, Task<TailerPass>> pollOnce,
        Func<Exception, bool> isTransient,
        TimeSpan idleDelay,
        TimeSpan failureDelay,
        CancellationToken cancellationToken)
    {
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
