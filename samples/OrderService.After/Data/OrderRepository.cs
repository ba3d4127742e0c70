using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Consistency.Runtime.Outbox;

namespace OrderService.Data
{
    public sealed record Order(string Id, string CustomerId, decimal Amount, string Status);

    public static class OrderStatus
    {
        public const string Placed = "PLACED";
        public const string Paid = "PAID";
        public const string Cancelled = "CANCELLED";
    }

    /// <summary>
    /// Stores orders in the service's table (single-table design: the outbox items live in the same table). Writes are
    /// not sent here: they are added to the caller's unit of work, which commits them with the events in one transaction.
    /// </summary>
    public sealed class OrderRepository
    {
        private readonly IAmazonDynamoDB dynamo;
        private readonly string table;

        public OrderRepository(IAmazonDynamoDB dynamo, string table)
        {
            this.dynamo = dynamo;
            this.table = table;
        }

        public static Dictionary<string, AttributeValue> Key(string orderId) => new()
        {
            ["pk"] = new AttributeValue { S = "ORDER#" + orderId },
            ["sk"] = new AttributeValue { S = "ORDER" },
        };

        /// <summary>Creates the order; the condition makes a second create of the same id fail instead of overwrite.</summary>
        public void Add(OutboxUnitOfWork unitOfWork, Order order)
        {
            var item = Key(order.Id);
            item["customerId"] = new AttributeValue { S = order.CustomerId };
            item["amount"] = new AttributeValue { N = order.Amount.ToString(CultureInfo.InvariantCulture) };
            item["status"] = new AttributeValue { S = order.Status };
            unitOfWork.Put(new Put { TableName = table, Item = item, ConditionExpression = "attribute_not_exists(pk)" });
        }

        /// <summary>
        /// Moves the order from one status to the next. The condition on the current status makes the transition apply
        /// once, and never over a newer state (a cancelled order does not become paid).
        /// </summary>
        public void ChangeStatus(OutboxUnitOfWork unitOfWork, string orderId, string from, string to)
            => unitOfWork.Update(new Update
            {
                TableName = table,
                Key = Key(orderId),
                UpdateExpression = "SET #status = :to",
                ConditionExpression = "#status = :from",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#status"] = "status" },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                {
                    [":from"] = new AttributeValue { S = from },
                    [":to"] = new AttributeValue { S = to },
                },
            });

        public async Task<Order?> FindAsync(string orderId, CancellationToken cancellationToken)
        {
            var response = await dynamo.GetItemAsync(
                new GetItemRequest { TableName = table, Key = Key(orderId), ConsistentRead = true },
                cancellationToken);
            var item = response.Item;
            return item is null || item.Count == 0
                ? null
                : new Order(orderId, item["customerId"].S, decimal.Parse(item["amount"].N, CultureInfo.InvariantCulture), item["status"].S);
        }
    }
}
