using System;
using System.Threading;
using System.Threading.Tasks;
using OrderService.Data;
using OrderService.Messaging;

namespace OrderService.Api
{
    public sealed record PlaceOrder(string CustomerId, decimal Amount);

    public sealed record OrderPlaced(string OrderId, string CustomerId, decimal Amount);

    /// <summary>The HTTP endpoint that places orders.</summary>
    public sealed class OrdersEndpoint
    {
        private readonly OrderRepository orders;
        private readonly IEventPublisher events;

        public OrdersEndpoint(OrderRepository orders, IEventPublisher events)
        {
            this.orders = orders;
            this.events = events;
        }

        // Stores the order, then announces it: if the process stops between the two, OrderPlaced is never sent.
        public async Task<string> PlaceAsync(PlaceOrder command, CancellationToken cancellationToken)
        {
            var order = new Order(Guid.NewGuid().ToString("N"), command.CustomerId, command.Amount, "PLACED");
            await orders.SaveAsync(order, cancellationToken);
            await events.PublishAsync(new OrderPlaced(order.Id, order.CustomerId, order.Amount), cancellationToken);
            return order.Id;
        }

        // Announces first, then stores: if the write fails, consumers act on an order that does not exist.
        public async Task CancelAsync(string orderId, CancellationToken cancellationToken)
        {
            await events.PublishAsync(new OrderCancelled(orderId), cancellationToken);
            await orders.UpdateStatusAsync(orderId, "CANCELLED", cancellationToken);
        }

        // Reads, then publishes: nothing is written here, so nothing can disagree.
        public async Task ResendAsync(string orderId, CancellationToken cancellationToken)
        {
            var order = await orders.FindAsync(orderId, cancellationToken);
            if (order is not null)
            {
                await events.PublishAsync(new OrderPlaced(order.Id, order.CustomerId, order.Amount), cancellationToken);
            }
        }
    }

    public sealed record OrderCancelled(string OrderId);
}
