using System;
using System.Threading;
using System.Threading.Tasks;
using Consistency.Runtime.Outbox;
using OrderService.Data;
using OrderService.Messaging;

namespace OrderService.Api
{
    /// <summary>
    /// The HTTP endpoint that places and cancels orders. The order and its event are committed in one DynamoDB
    /// transaction (transactional outbox); the relay publishes the event afterwards, at least once.
    /// </summary>
    public sealed class OrdersEndpoint
    {
        private readonly OrderRepository orders;
        private readonly OutboxUnitOfWorkFactory outbox;

        public OrdersEndpoint(OrderRepository orders, OutboxUnitOfWorkFactory outbox)
        {
            this.orders = orders;
            this.outbox = outbox;
        }

        public async Task<ApiResponse> PlaceAsync(PlaceOrder command, CancellationToken cancellationToken)
        {
            var order = new Order(Guid.NewGuid().ToString("N"), command.CustomerId, command.Amount, OrderStatus.Placed);
            var unitOfWork = outbox.Create();
            orders.Add(unitOfWork, order);
            unitOfWork.AddEvent(OrderEvents.Envelope(new OrderPlaced(order.Id, order.CustomerId, order.Amount)));
            await unitOfWork.CommitAsync(cancellationToken);
            return ApiResponse.Created("/orders/" + order.Id);
        }

        public async Task<ApiResponse> CancelAsync(string orderId, CancellationToken cancellationToken)
        {
            var unitOfWork = outbox.Create();
            orders.ChangeStatus(unitOfWork, orderId, from: OrderStatus.Placed, to: OrderStatus.Cancelled);
            unitOfWork.AddEvent(OrderEvents.Envelope(new OrderCancelled(orderId)));
            try
            {
                await unitOfWork.CommitAsync(cancellationToken);
            }
            catch (UnitOfWorkCanceledException)
            {
                // The order is not (or no longer) PLACED: nothing was written and no event announces a change.
                return await orders.FindAsync(orderId, cancellationToken) is null ? ApiResponse.NotFound() : ApiResponse.Conflict();
            }

            return new ApiResponse(204, null);
        }
    }
}
