using System;
using System.Collections.Generic;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Consistency.Runtime.Outbox;

/// <summary>
/// Adds the writes of low-level DynamoDB requests (<c>PutItem</c>, <c>UpdateItem</c>, <c>DeleteItem</c>,
/// <c>TransactWriteItems</c>) to a unit of work, so that code written against <c>IAmazonDynamoDB</c> moves into the
/// outbox transaction unchanged (the CH0001 code fix relies on these).
/// </summary>
/// <remarks>
/// The table, key or item, condition, update expression and expression attributes are carried over. What a transaction
/// cannot express is rejected with <see cref="NotSupportedException"/> rather than dropped: the legacy parameters
/// (<c>Expected</c>, <c>ConditionalOperator</c>, <c>AttributeUpdates</c>) and a <c>TransactWriteItems</c>
/// <c>ClientRequestToken</c> (the unit of work has its own). Return values and consumed capacity are not returned by
/// a transaction; <c>ReturnValuesOnConditionCheckFailure</c> is kept.
/// </remarks>
public static class OutboxUnitOfWorkRequests
{
    /// <summary>Adds the put of <paramref name="request"/>.</summary>
    /// <param name="unitOfWork">The unit of work.</param>
    /// <param name="request">The request that would have been sent with <c>PutItemAsync</c>.</param>
    /// <returns>The unit of work.</returns>
    public static OutboxUnitOfWork AddPutItem(this OutboxUnitOfWork unitOfWork, PutItemRequest request)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        ArgumentNullException.ThrowIfNull(request);
        RejectLegacy(request.Expected, request.ConditionalOperator, attributeUpdates: null, nameof(PutItemRequest));
        return unitOfWork.Put(new Put
        {
            TableName = request.TableName,
            Item = request.Item,
            ConditionExpression = request.ConditionExpression,
            ExpressionAttributeNames = NullIfEmpty(request.ExpressionAttributeNames),
            ExpressionAttributeValues = NullIfEmpty(request.ExpressionAttributeValues),
            ReturnValuesOnConditionCheckFailure = request.ReturnValuesOnConditionCheckFailure,
        });
    }

    /// <summary>Adds the update of <paramref name="request"/>.</summary>
    /// <param name="unitOfWork">The unit of work.</param>
    /// <param name="request">The request that would have been sent with <c>UpdateItemAsync</c>.</param>
    /// <returns>The unit of work.</returns>
    public static OutboxUnitOfWork AddUpdateItem(this OutboxUnitOfWork unitOfWork, UpdateItemRequest request)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        ArgumentNullException.ThrowIfNull(request);
        RejectLegacy(request.Expected, request.ConditionalOperator, request.AttributeUpdates, nameof(UpdateItemRequest));
        return unitOfWork.Update(new Update
        {
            TableName = request.TableName,
            Key = request.Key,
            UpdateExpression = request.UpdateExpression,
            ConditionExpression = request.ConditionExpression,
            ExpressionAttributeNames = NullIfEmpty(request.ExpressionAttributeNames),
            ExpressionAttributeValues = NullIfEmpty(request.ExpressionAttributeValues),
            ReturnValuesOnConditionCheckFailure = request.ReturnValuesOnConditionCheckFailure,
        });
    }

    /// <summary>Adds the delete of <paramref name="request"/>.</summary>
    /// <param name="unitOfWork">The unit of work.</param>
    /// <param name="request">The request that would have been sent with <c>DeleteItemAsync</c>.</param>
    /// <returns>The unit of work.</returns>
    public static OutboxUnitOfWork AddDeleteItem(this OutboxUnitOfWork unitOfWork, DeleteItemRequest request)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        ArgumentNullException.ThrowIfNull(request);
        RejectLegacy(request.Expected, request.ConditionalOperator, attributeUpdates: null, nameof(DeleteItemRequest));
        return unitOfWork.Delete(new Delete
        {
            TableName = request.TableName,
            Key = request.Key,
            ConditionExpression = request.ConditionExpression,
            ExpressionAttributeNames = NullIfEmpty(request.ExpressionAttributeNames),
            ExpressionAttributeValues = NullIfEmpty(request.ExpressionAttributeValues),
            ReturnValuesOnConditionCheckFailure = request.ReturnValuesOnConditionCheckFailure,
        });
    }

    /// <summary>Adds every action of <paramref name="request"/>, in order.</summary>
    /// <param name="unitOfWork">The unit of work.</param>
    /// <param name="request">The request that would have been sent with <c>TransactWriteItemsAsync</c>.</param>
    /// <returns>The unit of work.</returns>
    public static OutboxUnitOfWork AddTransactWriteItems(this OutboxUnitOfWork unitOfWork, TransactWriteItemsRequest request)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        ArgumentNullException.ThrowIfNull(request);
        if (!string.IsNullOrEmpty(request.ClientRequestToken))
        {
            throw new NotSupportedException("The TransactWriteItemsRequest has a ClientRequestToken; the unit of work sends its own. Create the unit of work with that token instead.");
        }

        if (request.TransactItems is { } items)
        {
            foreach (var item in items)
            {
                unitOfWork.Add(item);
            }
        }

        return unitOfWork;
    }

    private static void RejectLegacy(Dictionary<string, ExpectedAttributeValue>? expected, ConditionalOperator? conditionalOperator, Dictionary<string, AttributeValueUpdate>? attributeUpdates, string requestName)
    {
        if (expected is { Count: > 0 } || conditionalOperator is not null || attributeUpdates is { Count: > 0 })
        {
            throw new NotSupportedException($"The {requestName} uses legacy parameters (Expected, ConditionalOperator or AttributeUpdates), which a transaction cannot carry. Use ConditionExpression and UpdateExpression.");
        }
    }

    private static Dictionary<TKey, TValue>? NullIfEmpty<TKey, TValue>(Dictionary<TKey, TValue>? values)
        where TKey : notnull
        => values is { Count: > 0 } ? values : null;
}
