using Consistency.Runtime.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Consistency.Runtime.EntityFrameworkCore.Tests.Infrastructure;

public sealed class Order
{
    public string Id { get; set; } = string.Empty;

    public string CustomerId { get; set; } = string.Empty;

    public long AmountCents { get; set; }
}

/// <summary>A service's context: its business entity and the outbox, mapped with <c>AddConsistencyOutbox</c>.</summary>
public sealed class ShopContext(DbContextOptions<ShopContext> options) : DbContext(options)
{
    public DbSet<Order> Orders => Set<Order>();

    public DbSet<OutboxRecord> Outbox => Set<OutboxRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Named to sort after the outbox table: EF Core inserts in table-name order, so the outbox row is written
        // before a failing order insert and only the transaction can undo it.
        modelBuilder.Entity<Order>().ToTable(OrdersTable);
        modelBuilder.AddConsistencyOutbox();
    }

    public const string OrdersTable = "shop_orders";
}

/// <summary>The outbox mapped with a custom table name.</summary>
public sealed class CustomTableContext(DbContextOptions<CustomTableContext> options) : DbContext(options)
{
    public const string TableName = "integration_events";

    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddConsistencyOutbox(TableName);
}

/// <summary>The outbox mapped by a <c>DbSet</c> property alone: the attributes of <see cref="OutboxRecord"/> apply.</summary>
public sealed class DbSetOnlyContext(DbContextOptions<DbSetOnlyContext> options) : DbContext(options)
{
    public DbSet<OutboxRecord> Outbox => Set<OutboxRecord>();
}
