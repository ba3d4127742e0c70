using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace Fixable
{
    public sealed class OrderService
    {
        private readonly IAmazonDynamoDB db;
        private readonly IAmazonSQS sqs;

        public OrderService(IAmazonDynamoDB db, IAmazonSQS sqs)
        {
            this.db = db;
            this.sqs = sqs;
        }

        public async Task PlaceAsync(string orderId, CancellationToken cancellationToken)
        {
            // Store the order.
            await db.PutItemAsync(new PutItemRequest
            {
                TableName = "orders",
                Item = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = orderId } },
                ConditionExpression = "attribute_not_exists(pk)",
            }, cancellationToken);

            // Tell the warehouse.
            await sqs.SendMessageAsync("https://sqs/orders", orderId, cancellationToken);
        }

        public async Task CancelAsync(string orderId)
        {
            await sqs.SendMessageAsync(new SendMessageRequest("https://sqs/orders.fifo", orderId) { MessageGroupId = orderId });
            await db.DeleteItemAsync(new DeleteItemRequest
            {
                TableName = "orders",
                Key = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = orderId } },
            });
        }
    }
}
