using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Consistency.Runtime.Outbox;

namespace OrderService.Data
{
    public sealed record Payment(string OrderId, string PaymentId, decimal Amount);

    /// <summary>Stores payments next to their order: one payment per order, by key.</summary>
    public sealed class PaymentRepository
    {
        private readonly string table;

        public PaymentRepository(string table) => this.table = table;

        public void Add(OutboxUnitOfWork unitOfWork, Payment payment)
        {
            // The key comes from the order, not from Guid.NewGuid(): a second payment for the same order is refused.
            var item = OrderRepository.Key(payment.OrderId);
            item["sk"] = new AttributeValue { S = "PAYMENT" };
            item["paymentId"] = new AttributeValue { S = payment.PaymentId };
            item["amount"] = new AttributeValue { N = payment.Amount.ToString(CultureInfo.InvariantCulture) };
            unitOfWork.Put(new Put { TableName = table, Item = item, ConditionExpression = "attribute_not_exists(pk)" });
        }
    }
}
