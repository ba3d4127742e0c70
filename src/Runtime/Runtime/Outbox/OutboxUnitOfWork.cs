using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Consistency.Runtime.DynamoDb;

namespace Consistency.Runtime.Outbox;

/// <summary>
/// Collects the business writes and the domain events of one operation and commits them atomically in a single
/// <c>TransactWriteItems</c> request: either the writes and the events are stored, or none of them.
/// Events are grouped per aggregate into outbox items below the item size limit; a relay publishes them later.
/// </summary>
/// <remarks>
/// The request is built once, on the first <see cref="CommitAsync"/>, and reused by every later call, with the same
/// <c>ClientRequestToken</c>: calling <see cref="CommitAsync"/> again after a timeout or a lost response is safe,
/// because DynamoDB applies a token at most once (within its 10 minute idempotency window). Not thread-safe.
/// </remarks>
public sealed class OutboxUnitOfWork
{
    private readonly IAmazonDynamoDB _client;
    private readonly OutboxOptions _options;
    private readonly List<(TransactWriteItem Item, string? Tag)> _actions = new();
    private readonly List<EventEnvelope> _events = new();
    private TransactWriteItemsRequest? _request;
    private string?[]? _tags;

    /// <summary>Creates a unit of work.</summary>
    /// <param name="client">The DynamoDB client the transaction is sent with.</param>
    /// <param name="options">Outbox table and limits.</param>
    /// <param name="clientRequestToken">
    /// The idempotency token of the transaction (1 to 36 characters). Pass a value derived from the incoming message
    /// to make a redelivered message's commit a no-op within DynamoDB's 10 minute window; a new one by default.
    /// </param>
    public OutboxUnitOfWork(IAmazonDynamoDB client, OutboxOptions options, string? clientRequestToken = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        if (clientRequestToken is not null && (clientRequestToken.Length is 0 or > 36))
        {
            throw new ArgumentException("A ClientRequestToken has 1 to 36 characters.", nameof(clientRequestToken));
        }

        _client = client;
        _options = options;
        TransactionId = clientRequestToken ?? Guid.NewGuid().ToString("N");
    }

    /// <summary>The id of the transaction, sent as its <c>ClientRequestToken</c> and stored on its outbox items.</summary>
    public string TransactionId { get; }

    /// <summary>The events added so far.</summary>
    public IReadOnlyList<EventEnvelope> Events => _events;

    /// <summary>The number of actions added so far (outbox items not included).</summary>
    public int ActionCount => _actions.Count;

    /// <summary>Whether the transaction has been committed.</summary>
    public bool IsCommitted { get; private set; }

    /// <summary>Adds a put of a business item.</summary>
    /// <param name="put">The put, with its table, item and optional condition.</param>
    /// <returns>This unit of work.</returns>
    public OutboxUnitOfWork Put(Put put) => Add(new TransactWriteItem { Put = put ?? throw new ArgumentNullException(nameof(put)) });

    /// <summary>Adds an update of a business item.</summary>
    /// <param name="update">The update.</param>
    /// <returns>This unit of work.</returns>
    public OutboxUnitOfWork Update(Update update) => Add(new TransactWriteItem { Update = update ?? throw new ArgumentNullException(nameof(update)) });

    /// <summary>Adds a delete of a business item.</summary>
    /// <param name="delete">The delete.</param>
    /// <returns>This unit of work.</returns>
    public OutboxUnitOfWork Delete(Delete delete) => Add(new TransactWriteItem { Delete = delete ?? throw new ArgumentNullException(nameof(delete)) });

    /// <summary>Adds a condition that must hold for the whole transaction to commit.</summary>
    /// <param name="conditionCheck">The condition check.</param>
    /// <returns>This unit of work.</returns>
    public OutboxUnitOfWork ConditionCheck(ConditionCheck conditionCheck) =>
        Add(new TransactWriteItem { ConditionCheck = conditionCheck ?? throw new ArgumentNullException(nameof(conditionCheck)) });

    /// <summary>Adds any transaction action.</summary>
    /// <param name="action">The action.</param>
    /// <param name="tag">A label that <see cref="UnitOfWorkCanceledException.FailureOf"/> finds the action's failure by.</param>
    /// <returns>This unit of work.</returns>
    public OutboxUnitOfWork Add(TransactWriteItem action, string? tag = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        EnsureOpen();
        _actions.Add((action, tag));
        return this;
    }

    /// <summary>Adds a domain event; it is stored in an outbox item by the same transaction.</summary>
    /// <param name="envelope">The event.</param>
    /// <returns>This unit of work.</returns>
    public OutboxUnitOfWork AddEvent(EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        EnsureOpen();
        _events.Add(envelope);
        return this;
    }

    /// <summary>
    /// Builds (once) and returns the request that <see cref="CommitAsync"/> sends, checking DynamoDB's limits.
    /// After this call the unit of work accepts no more actions or events.
    /// </summary>
    /// <returns>The request.</returns>
    /// <exception cref="TransactionLimitExceededException">A DynamoDB transaction limit would be exceeded.</exception>
    public TransactWriteItemsRequest BuildRequest()
    {
        if (_request is not null)
        {
            return _request;
        }

        var outboxItems = CreateOutboxItems();
        var total = _actions.Count + outboxItems.Count;
        if (total > OutboxOptions.DynamoDbMaxTransactionActions)
        {
            throw new TransactionLimitExceededException(string.Create(
                CultureInfo.InvariantCulture,
                $"The unit of work needs {total} actions ({_actions.Count} writes and {outboxItems.Count} outbox items for {_events.Count} events of {_events.Select(e => e.AggregateKey).Distinct().Count()} aggregates), but one DynamoDB transaction allows at most {OutboxOptions.DynamoDbMaxTransactionActions}. Nothing was written. Split the operation into several units of work, or touch fewer aggregates per operation."));
        }

        var items = new List<TransactWriteItem>(total);
        var tags = new string?[total];
        long totalBytes = 0;
        foreach (var (item, tag) in _actions)
        {
            tags[items.Count] = tag;
            items.Add(item);
            totalBytes += EstimateSize(item);
        }

        foreach (var outboxItem in outboxItems)
        {
            items.Add(new TransactWriteItem
            {
                Put = new Put
                {
                    TableName = _options.TableName,
                    Item = outboxItem,
                    // Outbox items are new by construction; the condition turns a key collision into an error.
                    ConditionExpression = "attribute_not_exists(#pk)",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = _options.PartitionKeyName },
                },
            });
            totalBytes += ItemSize.Of(outboxItem);
        }

        if (totalBytes > OutboxOptions.DynamoDbMaxTransactionBytes)
        {
            throw new TransactionLimitExceededException(string.Create(
                CultureInfo.InvariantCulture,
                $"The unit of work writes about {totalBytes} bytes, but one DynamoDB transaction allows at most {OutboxOptions.DynamoDbMaxTransactionBytes}. Nothing was written. Split the operation into several units of work."));
        }

        _tags = tags;
        _request = new TransactWriteItemsRequest { TransactItems = items, ClientRequestToken = TransactionId };
        return _request;
    }

    /// <summary>
    /// Commits the actions and events in one <c>TransactWriteItems</c> request. Does nothing when the unit of work is
    /// empty. Safe to call again after a failure: the same request and token are sent.
    /// </summary>
    /// <param name="cancellationToken">Cancels the request. A canceled commit may or may not have been applied;
    /// commit again to find out safely.</param>
    /// <returns>A task that completes when the transaction is committed.</returns>
    /// <exception cref="TransactionLimitExceededException">A DynamoDB limit would be exceeded; nothing was sent.</exception>
    /// <exception cref="UnitOfWorkCanceledException">DynamoDB canceled the transaction; nothing was written.</exception>
    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        if (IsCommitted)
        {
            return;
        }

        var request = BuildRequest();
        if (request.TransactItems.Count == 0)
        {
            IsCommitted = true;
            return;
        }

        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            await _client.TransactWriteItemsAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (TransactionCanceledException exception)
        {
            throw CreateCanceledException(exception);
        }

        IsCommitted = true;
    }

    private UnitOfWorkCanceledException CreateCanceledException(TransactionCanceledException exception)
    {
        var failures = new List<TransactionActionFailure>();
        var reasons = exception.CancellationReasons;
        if (reasons is not null)
        {
            for (var i = 0; i < reasons.Count; i++)
            {
                var code = reasons[i].Code;
                if (string.IsNullOrEmpty(code) || code == "None")
                {
                    continue;
                }

                failures.Add(new TransactionActionFailure(
                    i,
                    _tags is not null && i < _tags.Length ? _tags[i] : null,
                    code,
                    reasons[i].Message,
                    reasons[i].Item));
            }
        }

        var summary = failures.Count == 0
            ? exception.Message
            : string.Join("; ", failures.Select(f => string.Create(CultureInfo.InvariantCulture, $"action {f.Index}{(f.Tag is null ? "" : " (" + f.Tag + ")")}: {f.Code}")));
        return new UnitOfWorkCanceledException(
            $"DynamoDB canceled transaction {TransactionId}; nothing was written. {summary}",
            failures,
            exception);
    }

    private List<Dictionary<string, AttributeValue>> CreateOutboxItems()
    {
        var result = new List<Dictionary<string, AttributeValue>>();
        if (_events.Count == 0)
        {
            return result;
        }

        var createdAt = _options.TimeProvider.GetUtcNow();
        var fixedSize = ItemSize.Of(OutboxItems.CreateItem(_options, TransactionId, createdAt, string.Empty, 0, new List<AttributeValue>()));

        // Events are grouped per aggregate so that each item lives in its aggregate's partition: DynamoDB Streams
        // keeps the order of records per partition key, which is what per-aggregate ordering relies on.
        foreach (var group in _events.GroupBy(e => e.AggregateKey, StringComparer.Ordinal))
        {
            var keyBytes = 2 * System.Text.Encoding.UTF8.GetByteCount(group.Key) + OutboxItems.PartitionKeyPrefix.Length;
            var chunk = new List<AttributeValue>();
            long chunkBytes = fixedSize + keyBytes;
            var chunkIndex = 0;
            foreach (var envelope in group)
            {
                var value = OutboxItems.ToAttributeValue(envelope);
                var size = 1 + ItemSize.Of(value);
                if (fixedSize + keyBytes + size > _options.MaxItemBytes)
                {
                    throw new TransactionLimitExceededException(string.Create(
                        CultureInfo.InvariantCulture,
                        $"Event {envelope.EventId} ({envelope.TypeName}) needs about {size} bytes, more than the {_options.MaxItemBytes} bytes an outbox item may hold. Nothing was written. Store large payloads elsewhere (for example S3) and publish a reference."));
                }

                if (chunk.Count > 0 && chunkBytes + size > _options.MaxItemBytes)
                {
                    result.Add(OutboxItems.CreateItem(_options, TransactionId, createdAt, group.Key, chunkIndex++, chunk));
                    chunk = new List<AttributeValue>();
                    chunkBytes = fixedSize + keyBytes;
                }

                chunk.Add(value);
                chunkBytes += size;
            }

            result.Add(OutboxItems.CreateItem(_options, TransactionId, createdAt, group.Key, chunkIndex, chunk));
        }

        return result;
    }

    private static long EstimateSize(TransactWriteItem action)
    {
        if (action.Put?.Item is { } item)
        {
            return ItemSize.Of(item);
        }

        // Updates, deletes and checks carry keys and expressions; their exact size matters little against 4 MB.
        return 1024;
    }

    private void EnsureOpen()
    {
        if (_request is not null)
        {
            throw new InvalidOperationException("The unit of work has been built or committed; start a new one for more changes.");
        }
    }
}
