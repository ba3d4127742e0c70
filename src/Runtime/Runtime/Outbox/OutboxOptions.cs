using System;

namespace Consistency.Runtime.Outbox;

/// <summary>Where and how the outbox unit of work writes outbox items.</summary>
public sealed class OutboxOptions
{
    /// <summary>DynamoDB's item size limit, in bytes.</summary>
    public const int DynamoDbMaxItemBytes = 400 * 1024;

    /// <summary>DynamoDB's limit on the actions of one <c>TransactWriteItems</c>.</summary>
    public const int DynamoDbMaxTransactionActions = 100;

    /// <summary>DynamoDB's limit on the total size of one <c>TransactWriteItems</c>, in bytes.</summary>
    public const int DynamoDbMaxTransactionBytes = 4 * 1024 * 1024;

    /// <summary>Name of the table that holds outbox items (it may be the business table in a single-table design).</summary>
    public string TableName { get; set; } = "outbox";

    /// <summary>Partition key attribute name of that table (String).</summary>
    public string PartitionKeyName { get; set; } = "pk";

    /// <summary>Sort key attribute name of that table (String).</summary>
    public string SortKeyName { get; set; } = "sk";

    /// <summary>How long outbox items are kept before DynamoDB's TTL removes them. Default: 7 days.</summary>
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Upper bound for the estimated size of one outbox item. Default 380 KB: below the 400 KB item limit with room
    /// for the estimate's rounding.
    /// </summary>
    public int MaxItemBytes { get; set; } = 380 * 1024;

    /// <summary>
    /// Whether items carry the <see cref="OutboxAttributeNames.Pending"/> attribute that the polling relay needs.
    /// Leave off when a stream relay publishes (the sparse index then stays empty).
    /// </summary>
    public bool TrackPending { get; set; }

    /// <summary>Clock used for created-at and TTL; the system clock by default.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
