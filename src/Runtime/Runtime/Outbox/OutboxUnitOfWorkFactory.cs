using System;
using Amazon.DynamoDBv2;

namespace Consistency.Runtime.Outbox;

/// <summary>Creates units of work that share a client and options; register one per application.</summary>
public sealed class OutboxUnitOfWorkFactory
{
    /// <summary>Creates the factory.</summary>
    /// <param name="client">The DynamoDB client.</param>
    /// <param name="options">Outbox table and limits.</param>
    public OutboxUnitOfWorkFactory(IAmazonDynamoDB client, OutboxOptions options)
    {
        Client = client ?? throw new ArgumentNullException(nameof(client));
        Options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <summary>The DynamoDB client.</summary>
    public IAmazonDynamoDB Client { get; }

    /// <summary>Outbox table and limits.</summary>
    public OutboxOptions Options { get; }

    /// <summary>Creates a unit of work.</summary>
    /// <param name="clientRequestToken">The transaction's idempotency token; a new one when <see langword="null"/>.</param>
    /// <returns>The unit of work.</returns>
    public OutboxUnitOfWork Create(string? clientRequestToken = null) => new(Client, Options, clientRequestToken);
}
