using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Consistency.Runtime.Relay;

/// <summary>
/// Checkpoints in a DynamoDB table keyed by <c>id</c> (String), e.g. the inbox table: item
/// <c>id = "checkpoint#{streamArn}#{shardId}"</c>, attribute <c>sequence_number</c>.
/// </summary>
public sealed class DynamoDbStreamCheckpointStore : IStreamCheckpointStore
{
    private readonly IAmazonDynamoDB _client;
    private readonly string _tableName;

    /// <summary>Creates the store.</summary>
    /// <param name="client">The DynamoDB client.</param>
    /// <param name="tableName">A table whose partition key is <c>id</c> (String).</param>
    public DynamoDbStreamCheckpointStore(IAmazonDynamoDB client, string tableName)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(tableName);
        _client = client;
        _tableName = tableName;
    }

    /// <inheritdoc />
    public async Task<string?> GetAsync(string streamArn, string shardId, CancellationToken cancellationToken)
    {
        var response = await _client.GetItemAsync(
            new GetItemRequest { TableName = _tableName, Key = KeyOf(streamArn, shardId), ConsistentRead = true },
            cancellationToken).ConfigureAwait(false);
        return response.Item is { } item && item.TryGetValue("sequence_number", out var value) ? value.S : null;
    }

    /// <inheritdoc />
    public async Task SetAsync(string streamArn, string shardId, string sequenceNumber, CancellationToken cancellationToken)
    {
        var item = KeyOf(streamArn, shardId);
        item["sequence_number"] = new AttributeValue { S = sequenceNumber };
        item["updated_at"] = new AttributeValue { S = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture) };
        await _client.PutItemAsync(new PutItemRequest { TableName = _tableName, Item = item }, cancellationToken).ConfigureAwait(false);
    }

    private static Dictionary<string, AttributeValue> KeyOf(string streamArn, string shardId) =>
        new(StringComparer.Ordinal) { ["id"] = new AttributeValue { S = $"checkpoint#{streamArn}#{shardId}" } };
}
