namespace Corpus.Wrappers
{
    public interface IOrderRepository
    {
        Task SaveAsync(Order order);
        Task<Order?> GetAsync(string id);
    }

    public interface IEventPublisher
    {
        Task PublishAsync(object message);
    }

    public sealed class DynamoOrderRepository : IOrderRepository
    {
        private readonly IAmazonDynamoDB _ddb = null!;

        // expect: none
        public async Task SaveAsync(Order order) => await _ddb.PutItemAsync(new PutItemRequest { TableName = "orders", Item = new() { ["pk"] = new AttributeValue { S = order.Id } } });

        // expect: none
        public async Task<Order?> GetAsync(string id)
        {
            var response = await _ddb.GetItemAsync(new GetItemRequest { TableName = "orders", Key = new() { ["pk"] = new AttributeValue { S = id } } });
            return response.Item is null ? null : new Order { Id = id };
        }
    }

    public sealed class SqsEventPublisher : IEventPublisher
    {
        private readonly IAmazonSQS _sqs = null!;

        // expect: none
        public Task PublishAsync(object message) => _sqs.SendMessageAsync("https://sqs/q", JsonSerializer.Serialize(message));
    }

    public sealed class EfOrderStore
    {
        private readonly ShopDbContext _db = null!;

        // expect: none
        public async Task AddAsync(Order order)
        {
            _db.Orders.Add(order);
            await _db.SaveChangesAsync();
        }
    }

    public sealed class SnsNotifier
    {
        private readonly IAmazonSimpleNotificationService _sns = null!;

        // expect: none
        public async Task NotifyAsync(string text) => await _sns.PublishAsync(new PublishRequest { TopicArn = "arn", Message = text });
    }

    public sealed class KinesisStream
    {
        private readonly IAmazonKinesis _kinesis = null!;

        // expect: none
        public Task AppendAsync(string key, byte[] data) => _kinesis.PutRecordAsync(new PutRecordRequest { StreamName = "s", PartitionKey = key, Data = new MemoryStream(data) });
    }

    public sealed class DapperOrders
    {
        private readonly IDbConnection _connection = null!;

        // expect: none
        public Task<int> InsertAsync(Order order) => _connection.ExecuteAsync("INSERT INTO orders (id) VALUES (@Id)", order);
    }

    /// <summary>A wrapper in another assembly, declared by its marker.</summary>
    [PublishesMessages]
    public interface IIntegrationEvents
    {
        Task RaiseAsync(object message);
    }

    [WritesDatabase]
    public interface ILedger
    {
        Task RecordAsync(string entry);
    }

    public sealed class OrderService
    {
        private readonly IOrderRepository _repository = null!;
        private readonly IEventPublisher _publisher = null!;
        private readonly EfOrderStore _store = null!;
        private readonly SnsNotifier _notifier = null!;
        private readonly KinesisStream _stream = null!;
        private readonly DapperOrders _dapper = null!;
        private readonly IIntegrationEvents _integration = null!;
        private readonly ILedger _ledger = null!;
        private readonly IAmazonSQS _sqs = null!;
        private readonly IDynamoDBContext _context = null!;

        // expect: CH0001
        public async Task PlaceThroughInterfaces(Order order)
        {
            await _repository.SaveAsync(order);
            await _publisher.PublishAsync(new OrderPlaced(order.Id, order.Total));
        }

        // expect: CH0001
        public async Task PlaceThroughClasses(Order order)
        {
            await _store.AddAsync(order);
            await _notifier.NotifyAsync(order.Id);
        }

        // expect: CH0001
        public async Task DapperThenKinesisWrappers(Order order)
        {
            await _dapper.InsertAsync(order);
            await _stream.AppendAsync(order.Id, Encoding.UTF8.GetBytes(order.Id));
        }

        // expect: CH0001
        public async Task DirectWriteThenWrappedPublish(Order order)
        {
            await _context.SaveAsync(order);
            await _publisher.PublishAsync(order);
        }

        // expect: CH0001
        public async Task WrappedWriteThenDirectPublish(Order order)
        {
            await _repository.SaveAsync(order);
            await _sqs.SendMessageAsync("https://sqs/q", order.Id);
        }

        // expect: CH0001
        public async Task MarkedWrappers(Order order)
        {
            await _ledger.RecordAsync(order.Id);
            await _integration.RaiseAsync(order);
        }

        // expect: CH0001
        public async Task MarkedPublisherAfterEf(Order order)
        {
            await _store.AddAsync(order);
            await _integration.RaiseAsync(order);
        }

        // expect: CH0001
        public async Task ThroughPrivateHelpers(Order order)
        {
            await PersistAsync(order);
            await AnnounceAsync(order);
        }

        // expect: none
        private Task PersistAsync(Order order) => _context.SaveAsync(order);

        // expect: none
        private Task AnnounceAsync(Order order) => _sqs.SendMessageAsync("https://sqs/q", order.Id);

        // expect: CH0001
        public async Task HelperDoesBoth(Order order) => await SaveAndAnnounceAsync(order);

        // expect: CH0001
        private async Task SaveAndAnnounceAsync(Order order)
        {
            await _context.SaveAsync(order);
            await _sqs.SendMessageAsync("https://sqs/q", order.Id);
        }

        // expect: none
        public async Task OnlyReadsThroughRepository(string id)
        {
            var order = await _repository.GetAsync(id);
            await _publisher.PublishAsync(new { id, found = order is not null });
        }

        // expect: none
        public Task OnlyWritesThroughWrappers(Order order) => Task.WhenAll(_store.AddAsync(order), _dapper.InsertAsync(order));

        // expect: none
        public async Task OnlyPublishesThroughWrappers(Order order)
        {
            await _publisher.PublishAsync(order);
            await _notifier.NotifyAsync(order.Id);
        }
    }

    public interface IShipmentStore
    {
        Task RecordAsync(Order order);
    }

    public abstract class ShipmentStoreBase : IShipmentStore
    {
        public abstract Task RecordAsync(Order order);
    }

    public sealed class DynamoShipmentStore : ShipmentStoreBase
    {
        private readonly IAmazonDynamoDB _ddb = null!;

        // expect: none
        public override Task RecordAsync(Order order) => _ddb.PutItemAsync(new PutItemRequest { TableName = "shipments", Item = new() { ["pk"] = new AttributeValue { S = order.Id } } });
    }

    public sealed class ShipOrder
    {
        private readonly IShipmentStore _shipments = null!;
        private readonly IEventPublisher _publisher = null!;

        // expect: CH0001
        public async Task ShipThroughAStoreWithAnAbstractBase(Order order)
        {
            await _shipments.RecordAsync(order);
            await _publisher.PublishAsync(new { order.Id, shipped = true });
        }
    }
}
