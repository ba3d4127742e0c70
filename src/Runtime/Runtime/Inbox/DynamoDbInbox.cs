using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Consistency.Runtime.DynamoDb;
using Consistency.Runtime.Outbox;

namespace Consistency.Runtime.Inbox;

/// <summary>
/// An inbox in a DynamoDB table. Besides the <see cref="IInbox"/> calls it can join a unit of work
/// (<see cref="CommitAsync"/>): the processed marker, the causation check and the consumer's writes then commit in one
/// transaction, so a message is applied exactly once even across crashes.
/// </summary>
public sealed class DynamoDbInbox : IInbox
{
    /// <summary>Tag of the processed marker's action inside a unit of work.</summary>
    public const string MarkerActionTag = "inbox-marker";

    /// <summary>Tag of the causation check's action inside a unit of work.</summary>
    public const string CausationActionTag = "inbox-causation";

    private readonly IAmazonDynamoDB _client;
    private readonly InboxOptions _options;

    /// <summary>Creates the inbox.</summary>
    /// <param name="client">The DynamoDB client.</param>
    /// <param name="options">Table, consumer name and retention.</param>
    public DynamoDbInbox(IAmazonDynamoDB client, InboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _options = options;
    }

    /// <inheritdoc />
    public async Task<InboxDecision> CheckAsync(string messageId, string? causationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        var keys = new List<Dictionary<string, AttributeValue>> { KeyOf(messageId) };
        if (!string.IsNullOrEmpty(causationId))
        {
            keys.Add(KeyOf(causationId));
        }

        var request = new BatchGetItemRequest
        {
            RequestItems = new Dictionary<string, KeysAndAttributes>
            {
                [_options.TableName] = new() { Keys = keys, ConsistentRead = true, ProjectionExpression = "#id, #exp", ExpressionAttributeNames = new Dictionary<string, string> { ["#id"] = InboxAttributeNames.Id, ["#exp"] = InboxAttributeNames.Expiration } },
            },
        };
        var found = new HashSet<string>(StringComparer.Ordinal);
        var nowSeconds = EpochTime.Seconds(_options.TimeProvider.GetUtcNow());
        while (request.RequestItems is { Count: > 0 })
        {
            var response = await _client.BatchGetItemAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.Responses is not null && response.Responses.TryGetValue(_options.TableName, out var items))
            {
                foreach (var item in items)
                {
                    // TTL deletion lags; an expired marker no longer counts.
                    if (item.TryGetValue(InboxAttributeNames.Expiration, out var exp) && EpochTime.TryParseNumber(exp.N, out var expires) && expires < nowSeconds)
                    {
                        continue;
                    }

                    found.Add(item[InboxAttributeNames.Id].S);
                }
            }

            request.RequestItems = response.UnprocessedKeys;
        }

        if (found.Contains(IdOf(messageId)))
        {
            return InboxDecision.Duplicate;
        }

        return string.IsNullOrEmpty(causationId) || found.Contains(IdOf(causationId)) ? InboxDecision.Accepted : InboxDecision.RetryLater;
    }

    /// <inheritdoc />
    public async Task<InboxDecision> TryMarkProcessedAsync(string messageId, string? causationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        if (string.IsNullOrEmpty(causationId))
        {
            try
            {
                await _client.PutItemAsync(
                    new PutItemRequest
                    {
                        TableName = _options.TableName,
                        Item = MarkerOf(messageId, null),
                        ConditionExpression = MarkerCondition,
                        ExpressionAttributeNames = MarkerNames(),
                        ExpressionAttributeValues = NowValue(),
                    },
                    cancellationToken).ConfigureAwait(false);
                return InboxDecision.Accepted;
            }
            catch (ConditionalCheckFailedException)
            {
                return InboxDecision.Duplicate;
            }
        }

        // With a cause, the marker and the causation check must be one atomic decision.
        var unitOfWork = new OutboxUnitOfWork(_client, new OutboxOptions());
        return await CommitAsync(unitOfWork, messageId, causationId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds the processed marker (and the causation check) to <paramref name="unitOfWork"/>.</summary>
    /// <param name="unitOfWork">The consumer's unit of work.</param>
    /// <param name="messageId">The message id.</param>
    /// <param name="causationId">The id of the message that caused it, or <see langword="null"/>.</param>
    public void Enlist(OutboxUnitOfWork unitOfWork, string messageId, string? causationId)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        unitOfWork.Add(
            new TransactWriteItem
            {
                Put = new Put
                {
                    TableName = _options.TableName,
                    Item = MarkerOf(messageId, causationId),
                    ConditionExpression = MarkerCondition,
                    ExpressionAttributeNames = MarkerNames(),
                    ExpressionAttributeValues = NowValue(),
                },
            },
            MarkerActionTag);
        if (!string.IsNullOrEmpty(causationId))
        {
            unitOfWork.Add(
                new TransactWriteItem
                {
                    ConditionCheck = new ConditionCheck
                    {
                        TableName = _options.TableName,
                        Key = KeyOf(causationId),
                        ConditionExpression = "attribute_exists(#id) AND #exp >= :now",
                        ExpressionAttributeNames = MarkerNames(),
                        ExpressionAttributeValues = NowValue(),
                    },
                },
                CausationActionTag);
        }
    }

    /// <summary>
    /// Commits <paramref name="unitOfWork"/> (the consumer's writes and events) together with the processed marker and
    /// the causation check: the writes happen only if the message is new and its cause was processed.
    /// </summary>
    /// <param name="unitOfWork">The consumer's unit of work, not yet committed.</param>
    /// <param name="messageId">The message id.</param>
    /// <param name="causationId">The id of the message that caused it, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns><see cref="InboxDecision.Accepted"/> when committed; otherwise nothing was written.</returns>
    /// <exception cref="UnitOfWorkCanceledException">A condition of the consumer's own writes failed.</exception>
    public async Task<InboxDecision> CommitAsync(OutboxUnitOfWork unitOfWork, string messageId, string? causationId, CancellationToken cancellationToken)
    {
        Enlist(unitOfWork, messageId, causationId);
        try
        {
            await unitOfWork.CommitAsync(cancellationToken).ConfigureAwait(false);
            return InboxDecision.Accepted;
        }
        catch (UnitOfWorkCanceledException canceled) when (canceled.FailureOf(MarkerActionTag) is { Code: "ConditionalCheckFailed" })
        {
            return InboxDecision.Duplicate;
        }
        catch (UnitOfWorkCanceledException canceled) when (canceled.FailureOf(CausationActionTag) is { Code: "ConditionalCheckFailed" })
        {
            return InboxDecision.RetryLater;
        }
    }

    // A marker whose TTL passed but that DynamoDB has not deleted yet no longer counts.
    private const string MarkerCondition = "attribute_not_exists(#id) OR #exp < :now";

    private string IdOf(string messageId) => _options.ConsumerName + "#" + messageId;

    private Dictionary<string, AttributeValue> KeyOf(string messageId) =>
        new(StringComparer.Ordinal) { [InboxAttributeNames.Id] = new AttributeValue { S = IdOf(messageId) } };

    private Dictionary<string, AttributeValue> MarkerOf(string messageId, string? causationId)
    {
        var now = _options.TimeProvider.GetUtcNow();
        var item = KeyOf(messageId);
        item[InboxAttributeNames.ProcessedAt] = new AttributeValue { S = OutboxItems.FormatInstant(now) };
        item[InboxAttributeNames.Expiration] = new AttributeValue { N = EpochTime.ToNumber(EpochTime.Seconds(now + _options.TimeToLive)) };
        if (!string.IsNullOrEmpty(causationId))
        {
            item[InboxAttributeNames.CausationId] = new AttributeValue { S = causationId };
        }

        return item;
    }

    private static Dictionary<string, string> MarkerNames() => new()
    {
        ["#id"] = InboxAttributeNames.Id,
        ["#exp"] = InboxAttributeNames.Expiration,
    };

    private Dictionary<string, AttributeValue> NowValue() => new()
    {
        [":now"] = new AttributeValue { N = EpochTime.ToNumber(EpochTime.Seconds(_options.TimeProvider.GetUtcNow())) },
    };
}
