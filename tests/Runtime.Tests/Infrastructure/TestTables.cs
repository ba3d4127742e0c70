using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Consistency.Runtime.Outbox;

namespace Consistency.Runtime.Tests.Infrastructure;

public static class TestTables
{
    /// <summary>A business table keyed by <c>pk</c> (String).</summary>
    public static async Task CreateBusinessTableAsync(IAmazonDynamoDB client, string name)
    {
        await client.CreateTableAsync(new CreateTableRequest
        {
            TableName = name,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new("pk", ScalarAttributeType.S)],
            KeySchema = [new("pk", KeyType.HASH)],
        });
    }

    public static async Task<List<Dictionary<string, AttributeValue>>> ScanAllAsync(IAmazonDynamoDB client, string table)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var response = await client.ScanAsync(new ScanRequest { TableName = table, ExclusiveStartKey = start, ConsistentRead = true });
            items.AddRange(response.Items ?? []);
            start = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);
        return items;
    }

    public static async Task<List<EventEnvelope>> ReadAllEventsAsync(IAmazonDynamoDB client, string outboxTable)
    {
        var items = await ScanAllAsync(client, outboxTable);
        return items.Where(OutboxItems.IsOutboxItem)
            .OrderBy(i => i["sk"].S, System.StringComparer.Ordinal)
            .SelectMany(OutboxItems.ReadEvents)
            .ToList();
    }

    public static Dictionary<string, AttributeValue> Key(string pk) => new() { ["pk"] = new AttributeValue { S = pk } };
}
