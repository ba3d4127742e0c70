using System;
using System.Threading;
using Amazon.Lambda.Core;

namespace OrderService.Handlers
{
    /// <summary>Stops work shortly before the function times out, so that it can still answer with the failures.</summary>
    public static class LambdaTimeout
    {
        private static readonly TimeSpan Margin = TimeSpan.FromSeconds(2);

        public static CancellationTokenSource For(ILambdaContext context)
        {
            var remaining = context.RemainingTime - Margin;
            return new CancellationTokenSource(remaining > TimeSpan.Zero ? remaining : TimeSpan.FromMilliseconds(1));
        }
    }
}
