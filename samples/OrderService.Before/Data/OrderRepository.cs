using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace OrderService.Data
{
    public sealed record Order(string Id, string CustomerId, decimal Amount, string Status);

    /// <summary>Stores orders in the DynamoDB table <c>orders</c>.</summary>
    public sealed class OrderRepository
    {
        private const string Table = "orders";
        private readonly IAmazonDynamoDB dynamo;

        public OrderRepository(IAmazonDynamoDB dynamo) => this.dynamo = dynamo;

        public Task SaveAsync(Order order, CancellationToken cancellationToken)
            => dynamo.PutItemAsync(
                new PutItemRequest
                {
                    TableName = Table,
                    Item = new Dictionary<string, AttributeValue>
                    {
                        ["pk"] = new AttributeValue { S = "ORDER#" + order.Id },
                        ["customerId"] = new AttributeValue { S = order.CustomerId },
                        ["amount"] = new AttributeValue { N = order.Amount.ToString(CultureInfo.InvariantCulture) },
                        ["status"] = new AttributeValue { S = order.Status },
                    },
                },
                cancellationToken);

        public Task UpdateStatusAsync(string orderId, string status, CancellationToken cancellationToken)
            => dynamo.UpdateItemAsync(
                new UpdateItemRequest
                {
                    TableName = Table,
                    Key = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = "ORDER#" + orderId } },
                    UpdateExpression = "SET #s = :s",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#s"] = "status" },
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":s"] = new AttributeValue { S = status } },
                },
                cancellationToken);

        public async Task<Order?> FindAsync(string orderId, CancellationToken cancellationToken)
        {
            var response = await dynamo.GetItemAsync(
                new GetItemRequest
                {
                    TableName = Table,
                    Key = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = "ORDER#" + orderId } },
                    ConsistentRead = true,
                },
                cancellationToken);
            var item = response.Item;
            return item is null || item.Count == 0
                ? null
                : new Order(orderId, item["customerId"].S, decimal.Parse(item["amount"].N, CultureInfo.InvariantCulture), item["status"].S);
        }
    }
}
