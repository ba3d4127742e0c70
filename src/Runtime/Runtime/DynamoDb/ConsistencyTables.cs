using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Consistency.Runtime.Idempotency;
using Consistency.Runtime.Inbox;
using Consistency.Runtime.Outbox;

namespace Consistency.Runtime.DynamoDb;

/// <summary>
/// Creates the tables the runtime uses, for local runs and tests (production tables belong in infrastructure code;
/// docs/runtime.md lists the same layouts). Each method is idempotent: an existing table is left as it is.
/// </summary>
public static class ConsistencyTables
{
    /// <summary>
    /// Creates the outbox table: <c>pk</c>/<c>sk</c> strings, on-demand capacity, a stream with NEW_IMAGE, TTL on
    /// <c>ttl</c>, and the sparse <c>pending-index</c> the polling relay queries.
    /// </summary>
    /// <param name="client">The DynamoDB client.</param>
    /// <param name="options">The table name and key names.</param>
    /// <param name="cancellationToken">Cancels the creation.</param>
    /// <returns>The ARN of the table's latest stream.</returns>
    public static async Task<string> CreateOutboxTableAsync(IAmazonDynamoDB client, OutboxOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        var request = new CreateTableRequest
        {
            TableName = options.TableName,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = new List<AttributeDefinition>
            {
                new(options.PartitionKeyName, ScalarAttributeType.S),
                new(options.SortKeyName, ScalarAttributeType.S),
                new(OutboxAttributeNames.Pending, ScalarAttributeType.S),
            },
            KeySchema = new List<KeySchemaElement>
            {
                new(options.PartitionKeyName, KeyType.HASH),
                new(options.SortKeyName, KeyType.RANGE),
            },
            GlobalSecondaryIndexes = new List<GlobalSecondaryIndex>
            {
                new()
                {
                    IndexName = OutboxAttributeNames.PendingIndexName,
                    KeySchema = new List<KeySchemaElement>
                    {
                        new(OutboxAttributeNames.Pending, KeyType.HASH),
                        new(options.SortKeyName, KeyType.RANGE),
                    },
                    Projection = new Projection { ProjectionType = ProjectionType.ALL },
                },
            },
            StreamSpecification = new StreamSpecification { StreamEnabled = true, StreamViewType = StreamViewType.NEW_IMAGE },
        };
        var description = await CreateAsync(client, request, OutboxAttributeNames.TimeToLive, cancellationToken).ConfigureAwait(false);
        return description.LatestStreamArn
            ?? throw new InvalidOperationException($"Table {options.TableName} exists without a stream; enable a NEW_IMAGE stream on it.");
    }

    /// <summary>Creates an idempotency table: <c>id</c> string key, on-demand capacity, TTL on <c>expiration</c>.</summary>
    /// <param name="client">The DynamoDB client.</param>
    /// <param name="tableName">The table name.</param>
    /// <param name="cancellationToken">Cancels the creation.</param>
    /// <returns>A task that completes when the table is active.</returns>
    public static Task CreateIdempotencyTableAsync(IAmazonDynamoDB client, string tableName, CancellationToken cancellationToken = default) =>
        CreateSingleKeyTableAsync(client, tableName, IdempotencyAttributeNames.Id, IdempotencyAttributeNames.Expiration, cancellationToken);

    /// <summary>Creates an inbox table: <c>id</c> string key, on-demand capacity, TTL on <c>expiration</c>.</summary>
    /// <param name="client">The DynamoDB client.</param>
    /// <param name="tableName">The table name.</param>
    /// <param name="cancellationToken">Cancels the creation.</param>
    /// <returns>A task that completes when the table is active.</returns>
    public static Task CreateInboxTableAsync(IAmazonDynamoDB client, string tableName, CancellationToken cancellationToken = default) =>
        CreateSingleKeyTableAsync(client, tableName, InboxAttributeNames.Id, InboxAttributeNames.Expiration, cancellationToken);

    private static async Task CreateSingleKeyTableAsync(IAmazonDynamoDB client, string tableName, string key, string ttl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(tableName);
        var request = new CreateTableRequest
        {
            TableName = tableName,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = new List<AttributeDefinition> { new(key, ScalarAttributeType.S) },
            KeySchema = new List<KeySchemaElement> { new(key, KeyType.HASH) },
        };
        await CreateAsync(client, request, ttl, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<TableDescription> CreateAsync(IAmazonDynamoDB client, CreateTableRequest request, string ttlAttribute, CancellationToken cancellationToken)
    {
        try
        {
            await client.CreateTableAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (ResourceInUseException)
        {
            // Already exists (or is being created): wait for it like for a new one.
        }

        TableDescription table;
        while (true)
        {
            table = (await client.DescribeTableAsync(request.TableName, cancellationToken).ConfigureAwait(false)).Table;
            if (table.TableStatus == TableStatus.ACTIVE)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
        }

        var ttl = await client.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = request.TableName }, cancellationToken).ConfigureAwait(false);
        var status = ttl.TimeToLiveDescription?.TimeToLiveStatus;
        if (status != TimeToLiveStatus.ENABLED && status != TimeToLiveStatus.ENABLING)
        {
            await client.UpdateTimeToLiveAsync(
                new UpdateTimeToLiveRequest
                {
                    TableName = request.TableName,
                    TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = ttlAttribute, Enabled = true },
                },
                cancellationToken).ConfigureAwait(false);
        }

        return table;
    }
}
