using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using Consistency;

namespace Consumer
{
    // A known hazard: the order is stored, then the event is sent. If the process stops in between, the event is lost.
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
            await db.PutItemAsync(new PutItemRequest { TableName = "orders", Item = new Dictionary<string, AttributeValue>() }, cancellationToken);
            await sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = "https://sqs/orders", MessageBody = orderId }, cancellationToken);
        }
    }

    // The attributes come from the package's lib/ folder: user code compiles against them.
    public interface IAuditLog
    {
        [WritesDatabase]
        Task AppendAsync(string entry);
    }
}
