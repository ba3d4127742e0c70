using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using OrderService.Payments;

namespace OrderService.Scenario.Embedded
{
    /// <summary>A payment provider that, like real ones, answers a repeated idempotency key with the first charge.</summary>
    public sealed class InMemoryPaymentGateway : IPaymentGateway
    {
        private readonly ConcurrentDictionary<string, string> charges = new(StringComparer.Ordinal);
        private int calls;

        /// <summary>Calls received, repeated keys included.</summary>
        public int Calls => Volatile.Read(ref calls);

        /// <summary>Distinct charges made.</summary>
        public int Charges => charges.Count;

        public Task<string> ChargeAsync(string customerId, decimal amount, string idempotencyKey, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Interlocked.Increment(ref calls);
            return Task.FromResult(charges.GetOrAdd(idempotencyKey, _ => "pay_" + Guid.NewGuid().ToString("N")[..16]));
        }
    }
}
