using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Consistency.Runtime.DynamoDb;

namespace Consistency.Runtime.Idempotency;

/// <summary>
/// Stores idempotency records in a DynamoDB table keyed by <c>id</c>, in the record shape of Powertools for AWS
/// Lambda (see <see cref="IdempotencyAttributeNames"/>). Claims are conditional puts that take over expired records.
/// </summary>
public sealed class DynamoDbIdempotencyStore : IIdempotencyStore
{
    // The claim succeeds when no record exists, the record expired, or an in-progress record outlived its expiry.
    internal const string ClaimCondition =
        "attribute_not_exists(#id) OR #expiration < :now OR (#status = :inprogress AND #in_progress_expiration < :now_ms)";

    // The record is still the in-progress claim made by this invocation; its in-progress expiry identifies the claim,
    // because a take-over only happens after that expiry and so always writes a later one.
    private const string OwnClaimCondition = "#status = :inprogress AND #in_progress_expiration = :claim";

    private const int MaxClaimAttempts = 3;

    /// <summary>Creates the store.</summary>
    /// <param name="client">The DynamoDB client.</param>
    /// <param name="tableName">The idempotency table (partition key <c>id</c>, String).</param>
    public DynamoDbIdempotencyStore(IAmazonDynamoDB client, string tableName)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(tableName);
        Client = client;
        TableName = tableName;
    }

    /// <summary>The DynamoDB client.</summary>
    public IAmazonDynamoDB Client { get; }

    /// <summary>The idempotency table.</summary>
    public string TableName { get; }

    /// <inheritdoc />
    public async Task<IdempotencyClaim> TryClaimAsync(IdempotencyRecord record, long nowEpochMilliseconds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Client.PutItemAsync(
                    new PutItemRequest
                    {
                        TableName = TableName,
                        Item = ToItem(record),
                        ConditionExpression = ClaimCondition,
                        ExpressionAttributeNames = ClaimNames(),
                        ExpressionAttributeValues = ClaimValues(nowEpochMilliseconds),
                        ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
                    },
                    cancellationToken).ConfigureAwait(false);
                return IdempotencyClaim.Success;
            }
            catch (ConditionalCheckFailedException exception)
            {
                var existing = exception.Item is { Count: > 0 } item
                    ? FromItem(item)
                    : await GetAsync(record.Key, cancellationToken).ConfigureAwait(false);

                // The holder deleted or its record expired between our put and our read: claim again.
                if (existing is not null && !existing.IsExpired(DateTimeOffset.FromUnixTimeMilliseconds(nowEpochMilliseconds)))
                {
                    return IdempotencyClaim.HeldBy(existing);
                }

                if (attempt >= MaxClaimAttempts)
                {
                    throw new IdempotencyPersistenceException($"Could not claim idempotency key '{record.Key}': its record kept changing. The work did not run.", exception) { Key = record.Key };
                }
            }
            catch (AmazonServiceException exception)
            {
                throw new IdempotencyPersistenceException($"Could not claim idempotency key '{record.Key}' in table {TableName}. The work did not run.", exception) { Key = record.Key };
            }
        }
    }

    /// <inheritdoc />
    public Task<bool> CompleteAsync(IdempotencyRecord record, long claimInProgressExpiresAtMs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return WriteOwnClaimAsync(
            () => Client.PutItemAsync(
                new PutItemRequest
                {
                    TableName = TableName,
                    Item = ToItem(record),
                    ConditionExpression = OwnClaimCondition,
                    ExpressionAttributeNames = OwnClaimNames(),
                    ExpressionAttributeValues = OwnClaimValues(claimInProgressExpiresAtMs),
                },
                cancellationToken),
            exception => new IdempotencyPersistenceException($"Could not store the completed record of idempotency key '{record.Key}'.", exception) { Key = record.Key, WorkRan = true });
    }

    /// <inheritdoc />
    public Task<bool> ReleaseAsync(string key, long claimInProgressExpiresAtMs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        return WriteOwnClaimAsync(
            () => Client.DeleteItemAsync(
                new DeleteItemRequest
                {
                    TableName = TableName,
                    Key = KeyOf(key),
                    ConditionExpression = OwnClaimCondition,
                    ExpressionAttributeNames = OwnClaimNames(),
                    ExpressionAttributeValues = OwnClaimValues(claimInProgressExpiresAtMs),
                },
                cancellationToken),
            exception => new IdempotencyPersistenceException($"Could not delete the record of idempotency key '{key}'.", exception) { Key = key });
    }

    /// <inheritdoc />
    public async Task<IdempotencyRecord?> GetAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        try
        {
            var response = await Client.GetItemAsync(
                new GetItemRequest { TableName = TableName, Key = KeyOf(key), ConsistentRead = true },
                cancellationToken).ConfigureAwait(false);
            return response.Item is { Count: > 0 } item ? FromItem(item) : null;
        }
        catch (AmazonServiceException exception)
        {
            throw new IdempotencyPersistenceException($"Could not read the record of idempotency key '{key}'.", exception) { Key = key };
        }
    }

    /// <summary>
    /// The transaction action that writes <paramref name="completed"/> if the key is free or expired: the optimistic
    /// path, where claim and completion are one write inside the business transaction.
    /// </summary>
    internal TransactWriteItem CreateCompletedPut(IdempotencyRecord completed, long nowEpochMilliseconds) => new()
    {
        Put = new Put
        {
            TableName = TableName,
            Item = ToItem(completed),
            ConditionExpression = ClaimCondition,
            ExpressionAttributeNames = ClaimNames(),
            ExpressionAttributeValues = ClaimValues(nowEpochMilliseconds),
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        },
    };

    /// <summary>
    /// The transaction action that turns this invocation's claim into <paramref name="completed"/>: it fails when the
    /// claim expired and another invocation took the key over, which cancels the business writes too.
    /// </summary>
    internal TransactWriteItem CreateCompletionOfClaim(IdempotencyRecord completed, long claimInProgressExpiresAtMs) => new()
    {
        Put = new Put
        {
            TableName = TableName,
            Item = ToItem(completed),
            ConditionExpression = OwnClaimCondition,
            ExpressionAttributeNames = OwnClaimNames(),
            ExpressionAttributeValues = OwnClaimValues(claimInProgressExpiresAtMs),
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        },
    };

    internal static Dictionary<string, AttributeValue> ToItem(IdempotencyRecord record)
    {
        var item = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [IdempotencyAttributeNames.Id] = new() { S = record.Key },
            [IdempotencyAttributeNames.Status] = new()
            {
                S = record.Status == IdempotencyStatus.Completed ? IdempotencyAttributeNames.StatusCompleted : IdempotencyAttributeNames.StatusInProgress,
            },
            [IdempotencyAttributeNames.Expiration] = new() { N = EpochTime.ToNumber(record.ExpiresAtEpochSeconds) },
        };
        if (record.InProgressExpiresAtEpochMilliseconds is { } inProgress)
        {
            item[IdempotencyAttributeNames.InProgressExpiration] = new() { N = EpochTime.ToNumber(inProgress) };
        }

        if (record.Data is not null)
        {
            item[IdempotencyAttributeNames.Data] = new() { S = record.Data };
        }

        if (record.ValidationHash is not null)
        {
            item[IdempotencyAttributeNames.Validation] = new() { S = record.ValidationHash };
        }

        return item;
    }

    internal static IdempotencyRecord FromItem(IReadOnlyDictionary<string, AttributeValue> item)
    {
        string? S(string name) => item.TryGetValue(name, out var value) ? value.S : null;
        long? N(string name) => item.TryGetValue(name, out var value) && EpochTime.TryParseNumber(value.N, out var n) ? n : null;

        var key = S(IdempotencyAttributeNames.Id) ?? throw new IdempotencyPersistenceException("An idempotency record has no 'id'.");
        var status = S(IdempotencyAttributeNames.Status) switch
        {
            IdempotencyAttributeNames.StatusCompleted => IdempotencyStatus.Completed,
            IdempotencyAttributeNames.StatusInProgress => IdempotencyStatus.InProgress,
            var other => throw new IdempotencyPersistenceException($"The idempotency record '{key}' has the unknown status '{other}'.") { Key = key },
        };
        var expiration = N(IdempotencyAttributeNames.Expiration)
            ?? throw new IdempotencyPersistenceException($"The idempotency record '{key}' has no numeric 'expiration'.") { Key = key };
        return new IdempotencyRecord(
            key,
            status,
            expiration,
            N(IdempotencyAttributeNames.InProgressExpiration),
            S(IdempotencyAttributeNames.Data),
            S(IdempotencyAttributeNames.Validation));
    }

    private static Dictionary<string, AttributeValue> KeyOf(string key) =>
        new(StringComparer.Ordinal) { [IdempotencyAttributeNames.Id] = new AttributeValue { S = key } };

    private static Dictionary<string, string> OwnClaimNames() => new()
    {
        ["#status"] = IdempotencyAttributeNames.Status,
        ["#in_progress_expiration"] = IdempotencyAttributeNames.InProgressExpiration,
    };

    private static Dictionary<string, AttributeValue> OwnClaimValues(long claimInProgressExpiresAtMs) => new()
    {
        [":inprogress"] = new() { S = IdempotencyAttributeNames.StatusInProgress },
        [":claim"] = new() { N = EpochTime.ToNumber(claimInProgressExpiresAtMs) },
    };

    private static Dictionary<string, string> ClaimNames() => new()
    {
        ["#id"] = IdempotencyAttributeNames.Id,
        ["#expiration"] = IdempotencyAttributeNames.Expiration,
        ["#status"] = IdempotencyAttributeNames.Status,
        ["#in_progress_expiration"] = IdempotencyAttributeNames.InProgressExpiration,
    };

    private static Dictionary<string, AttributeValue> ClaimValues(long nowEpochMilliseconds) => new()
    {
        [":now"] = new() { N = EpochTime.ToNumber(nowEpochMilliseconds / 1000) },
        [":now_ms"] = new() { N = EpochTime.ToNumber(nowEpochMilliseconds) },
        [":inprogress"] = new() { S = IdempotencyAttributeNames.StatusInProgress },
    };

    /// <summary>
    /// Runs a write conditioned on this invocation still owning its claim: false when another invocation took the
    /// record over (the condition failed), the given persistence error when DynamoDB failed.
    /// </summary>
    private static async Task<bool> WriteOwnClaimAsync(Func<Task> write, Func<AmazonServiceException, IdempotencyPersistenceException> failure)
    {
        try
        {
            await write().ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
        catch (AmazonServiceException exception)
        {
            throw failure(exception);
        }
    }
}
