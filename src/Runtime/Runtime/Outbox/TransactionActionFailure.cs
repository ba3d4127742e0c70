using System.Collections.Generic;
using Amazon.DynamoDBv2.Model;

namespace Consistency.Runtime.Outbox;

/// <summary>Why one action of a canceled transaction failed.</summary>
/// <param name="Index">Position of the action in the request.</param>
/// <param name="Tag">The tag the action was added with, or <see langword="null"/>.</param>
/// <param name="Code">DynamoDB's cancellation code, e.g. <c>ConditionalCheckFailed</c> or <c>TransactionConflict</c>.</param>
/// <param name="Message">DynamoDB's message.</param>
/// <param name="Item">The item as it was, when DynamoDB returned it.</param>
public sealed record TransactionActionFailure(
    int Index,
    string? Tag,
    string Code,
    string? Message,
    IReadOnlyDictionary<string, AttributeValue>? Item);
