using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Lambda.Core;
using Amazon.Lambda.SQSEvents;
using Amazon.SQS;
using OrderService.Api;

namespace OrderService.Handlers
{
    /// <summary>The Lambda function on the order-events queue: charges the customer for every placed order.</summary>
    public sealed class PaymentHandler
    {
        private readonly IAmazonDynamoDB dynamo;
        private readonly HttpClient payments;
        private readonly IAmazonSQS sqs;
        private readonly string receiptsQueueUrl;

        public PaymentHandler(IAmazonDynamoDB dynamo, HttpClient payments, IAmazonSQS sqs, string receiptsQueueUrl)
        {
            this.dynamo = dynamo;
            this.payments = payments;
            this.sqs = sqs;
            this.receiptsQueueUrl = receiptsQueueUrl;
        }

        // SQS delivers at least once, and one failing message makes Lambda retry the whole batch.
        public async Task FunctionHandler(SQSEvent sqsEvent, ILambdaContext context)
        {
            foreach (var message in sqsEvent.Records)
            {
                var placed = JsonSerializer.Deserialize<OrderPlaced>(message.Body)!;

                // Charges the card: a redelivered message charges it again.
                using var charge = await payments.PostAsync(
                    new Uri("https://payments.example.com/v1/charges"),
                    new StringContent(JsonSerializer.Serialize(new { placed.CustomerId, placed.Amount }), Encoding.UTF8, "application/json"),
                    CancellationToken.None);
                charge.EnsureSuccessStatusCode();

                // Records the payment under a new key: a redelivered message records a second payment.
                await dynamo.PutItemAsync(new PutItemRequest
                {
                    TableName = "payments",
                    Item = new Dictionary<string, AttributeValue>
                    {
                        ["pk"] = new AttributeValue { S = "PAYMENT#" + Guid.NewGuid().ToString("N") },
                        ["orderId"] = new AttributeValue { S = placed.OrderId },
                        ["amount"] = new AttributeValue { N = placed.Amount.ToString(CultureInfo.InvariantCulture) },
                    },
                });

                // Marks the order paid, whatever a later message (a cancellation) wrote meanwhile.
                await dynamo.UpdateItemAsync(new UpdateItemRequest
                {
                    TableName = "orders",
                    Key = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = "ORDER#" + placed.OrderId } },
                    UpdateExpression = "SET #s = :paid",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#s"] = "status" },
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":paid"] = new AttributeValue { S = "PAID" } },
                });

                // Asks for the receipt e-mail without waiting: a failed send goes unnoticed.
                _ = sqs.SendMessageAsync(receiptsQueueUrl, JsonSerializer.Serialize(new { placed.OrderId, placed.CustomerId }));
            }
        }
    }
}
