using System.Threading;
using System.Threading.Tasks;
using Amazon.SQS;
using Consistency.Runtime.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace FixableEf
{
    public sealed class Order
    {
        public string Id { get; set; } = string.Empty;

        public string Status { get; set; } = string.Empty;
    }

    public sealed class ShopContext : DbContext
    {
        public ShopContext(DbContextOptions<ShopContext> options)
            : base(options)
        {
        }

        public DbSet<Order> Orders => Set<Order>();

        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddConsistencyOutbox();
    }

    public sealed class OrderService
    {
        private readonly ShopContext db;
        private readonly IAmazonSQS sqs;

        public OrderService(ShopContext db, IAmazonSQS sqs)
        {
            this.db = db;
            this.sqs = sqs;
        }

        public async Task PlaceAsync(Order order, string orderId, CancellationToken cancellationToken)
        {
            db.Orders.Add(order);

            // Store the order.
            await db.SaveChangesAsync(cancellationToken);

            // Tell the warehouse.
            await sqs.SendMessageAsync("https://sqs/orders", orderId, cancellationToken);
        }

        public async Task CancelAsync(Order order, string orderId)
        {
            await sqs.SendMessageAsync("https://sqs/cancellations", orderId);
            order.Status = "cancelled";
            await db.SaveChangesAsync();
        }
    }
}
