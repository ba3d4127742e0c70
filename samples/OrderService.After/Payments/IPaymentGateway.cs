using System.Threading;
using System.Threading.Tasks;

namespace OrderService.Payments
{
    /// <summary>
    /// The payment provider. Like most providers' APIs it takes an idempotency key: a repeated charge with the same key
    /// returns the first charge instead of charging again, which covers a crash between the charge and our commit.
    /// </summary>
    public interface IPaymentGateway
    {
        /// <summary>Charges the customer and returns the provider's payment id.</summary>
        Task<string> ChargeAsync(string customerId, decimal amount, string idempotencyKey, CancellationToken cancellationToken);
    }
}
