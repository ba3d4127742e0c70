namespace Corpus.MoreFamilies
{
    /// <summary>Look-alike names: methods called Publish or Save on types that are not brokers or stores.</summary>
    public sealed class InMemoryCache
    {
        private readonly Dictionary<string, Order> _items = new();

        // expect: none
        public Task SaveAsync(Order order)
        {
            _items[order.Id] = order;
            return Task.CompletedTask;
        }
    }

    public sealed class MetricsPublisher
    {
        // expect: none
        public Task PublishAsync(string metric, double value)
        {
            Console.WriteLine(metric + "=" + value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return Task.CompletedTask;
        }
    }

    public sealed class Checkout : Service
    {
        private readonly ISendEndpoint _sendEndpoint = null!;
        private readonly InMemoryCache _cache = new();
        private readonly MetricsPublisher _metrics = new();

        // expect: none
        public async Task CacheThenMetrics(Order order)
        {
            await _cache.SaveAsync(order);
            await _metrics.PublishAsync("orders.saved", 1);
        }

        // expect: none
        public async Task StoreThenMetrics(Order order)
        {
            await _context.SaveAsync(order);
            await _metrics.PublishAsync("orders.saved", 1);
        }

        // expect: none
        public async Task CacheThenSqs(Order order)
        {
            await _cache.SaveAsync(order);
            await _sqs.SendMessageAsync(Queue, order.Id);
        }

        // expect: CH0001
        public async Task EfThenMassTransitSend(Order order)
        {
            _db.Orders.Add(order);
            await _db.SaveChangesAsync();
            await _sendEndpoint.Send(new OrderPlaced(order.Id, order.Total));
        }

        // expect: CH0001
        public async Task MongoDeleteThenSns(Order order)
        {
            await _orders.DeleteOneAsync(o => o.Id == order.Id);
            await _sns.PublishAsync(new PublishRequest { TopicArn = Topic, Message = order.Id });
        }

        // expect: CH0001
        public async Task DapperMergeThenRabbit(Order order)
        {
            await _connection.ExecuteAsync("MERGE INTO orders USING (SELECT @Id AS id) s ON orders.id = s.id WHEN NOT MATCHED THEN INSERT (id) VALUES (s.id);", order);
            _channel.BasicPublish("orders", "merged", null, Encoding.UTF8.GetBytes(order.Id));
        }

        // expect: CH0001
        public async Task WolverineSendThenDapper(Order order)
        {
            await _bus.SendAsync(new OrderPlaced(order.Id, order.Total));
            await _connection.ExecuteAsync("INSERT INTO orders (id) VALUES (@Id)", order);
        }

        // expect: CH0001
        public async Task ServiceBusThenEf(Order order)
        {
            await _sender.SendMessageAsync(new ServiceBusMessage(order.Id));
            _db.Orders.Add(order);
            await _db.SaveChangesAsync();
        }

        // expect: none
        public async Task WriteInCatchOnly(Order order)
        {
            try
            {
                await _sqs.SendMessageAsync(Queue, order.Id);
            }
            catch (Amazon.Runtime.AmazonServiceException)
            {
                // never both: the write records that the publish did not happen
                await _connection.ExecuteAsync("INSERT INTO failed_sends (id) VALUES (@Id)", order);
                throw;
            }
        }

        // expect: none
        public async Task ReadInsideTransactionThenPublish(Order order)
        {
            await using var transaction = await _db.Database.BeginTransactionAsync();
            var count = await _db.Orders.CountAsync();
            await transaction.CommitAsync();
            await _sqs.SendMessageAsync(Queue, count.ToString(System.Globalization.CultureInfo.InvariantCulture) + order.Id);
        }
    }
}
