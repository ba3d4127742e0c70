using System.Threading.Tasks;
using Consistency.Testing;
using static Consistency.Analyzers.Tests.Rules.DualWriteExpectations;
using static Consistency.Analyzers.Tests.Rules.DualWriteTestSources;
using VerifyCS = Consistency.Testing.Verifiers.CSharpAnalyzerVerifier<Consistency.Analyzers.Rules.DualWriteAnalyzer>;

namespace Consistency.Analyzers.Tests.Rules
{
    /// <summary>Effects reached through helpers, classes, interfaces and virtual calls of the same compilation.</summary>
    public class DualWriteWrapperTests
    {
        private const string RepositoryAndEventBus = """

            public interface IOrderRepository { Task SaveAsync(Order order); }

            public sealed class DynamoOrderRepository : IOrderRepository
            {
                private readonly IAmazonDynamoDB _ddb = null!;

                public Task SaveAsync(Order order) => {|#3:_ddb.PutItemAsync(new PutItemRequest { TableName = "orders" })|};
            }

            public interface IEventBus { Task PublishAsync(object @event); }

            public sealed class SqsEventBus : IEventBus
            {
                private readonly IAmazonSQS _sqs = null!;

                public async Task PublishAsync(object @event)
                {
                    var body = System.Text.Json.JsonSerializer.Serialize(@event);
                    await {|#2:_sqs.SendMessageAsync("https://sqs/events", body)|};
                }
            }
            """;

        [Fact]
        public Task HelperInSameType_IsFollowed()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                private Task SaveAsync(Order order) => {|#2:_ddb.PutItemAsync(new PutItemRequest())|};

                public async Task PlaceAsync(Order order)
                {
                    await {|#1:SaveAsync(order)|};
                    await {|#0:_sqs.SendMessageAsync("q", order.Id)|};
                }
            """), Lost("PutItemAsync", "SendMessageAsync", 2));

        [Fact]
        public Task RepositoryAndEventBusInterfaces_AreFollowedToTheirImplementations()
            => VerifyCS.VerifyAnalyzerAsync(WithUsings("""
                public sealed class PlaceOrder
                {
                    private readonly IOrderRepository _repository = null!;
                    private readonly IEventBus _events = null!;

                    public async Task HandleAsync(Order order)
                    {
                        await {|#1:_repository.SaveAsync(order)|};
                        await {|#0:_events.PublishAsync(new OrderPlaced(order.Id))|};
                    }
                }
                """ + RepositoryAndEventBus), Lost("PutItemAsync", "SendMessageAsync", 2, 3));

        [Theory]
        [InlineData("public abstract Task SaveAsync(Order order);")]
        [InlineData("public virtual Task SaveAsync(Order order) => Task.CompletedTask;")]
        public Task AnInterfaceImplementedByABaseClass_IsFollowedToTheDerivedOverride(string baseMember)
            => VerifyCS.VerifyAnalyzerAsync(WithUsings("""
                public sealed class PlaceOrder
                {
                    private readonly IOrderRepository _repository = null!;
                    private readonly IAmazonSQS _sqs = null!;

                    public async Task HandleAsync(Order order)
                    {
                        await {|#1:_repository.SaveAsync(order)|};
                        await {|#0:_sqs.SendMessageAsync("q", order.Id)|};
                    }
                }

                public interface IOrderRepository { Task SaveAsync(Order order); }

                public abstract class RepositoryBase : IOrderRepository
                {
                    BASE_MEMBER
                }

                public sealed class DynamoOrderRepository : RepositoryBase
                {
                    private readonly IAmazonDynamoDB _ddb = null!;

                    public override Task SaveAsync(Order order) => {|#2:_ddb.PutItemAsync(new PutItemRequest { TableName = "orders" })|};
                }
                """.Replace("BASE_MEMBER", baseMember)), Lost("PutItemAsync", "SendMessageAsync", 2));

        [Fact]
        public Task EventBusBeforeRepository_IsPhantom()
            => VerifyCS.VerifyAnalyzerAsync(WithUsings("""
                public sealed class PlaceOrder
                {
                    private readonly DynamoOrderRepository _repository = null!;
                    private readonly SqsEventBus _events = null!;

                    public async Task HandleAsync(Order order)
                    {
                        await {|#1:_events.PublishAsync(new OrderPlaced(order.Id))|};
                        await {|#0:_repository.SaveAsync(order)|};
                    }
                }
                """ + RepositoryAndEventBus.Replace("{|#3:", "{|#2:").Replace("{|#2:_sqs", "{|#3:_sqs")), Phantom("SendMessageAsync", "PutItemAsync", 2, 3));

        [Fact]
        public Task BothEffectsInsideOneHelper_AreReportedInTheHelperOnly()
            => VerifyCS.VerifyAnalyzerAsync(WithUsings("""
                public sealed class OrderService
                {
                    private readonly IAmazonDynamoDB _ddb = null!;
                    private readonly IAmazonSQS _sqs = null!;

                    public async Task SaveAndAnnounceAsync(Order order)
                    {
                        await {|#1:_ddb.PutItemAsync(new PutItemRequest())|};
                        await {|#0:_sqs.SendMessageAsync("q", order.Id)|};
                    }
                }

                public sealed class Controller
                {
                    private readonly OrderService _service = null!;

                    public Task PostAsync(Order order) => _service.SaveAndAnnounceAsync(order);

                    public async Task PostTwiceAsync(Order order)
                    {
                        await _service.SaveAndAnnounceAsync(order);
                        await _service.SaveAndAnnounceAsync(order);
                    }
                }
                """), Lost("PutItemAsync", "SendMessageAsync"));

        [Fact]
        public Task AbstractMethod_IsFollowedToOverrides()
            => VerifyCS.VerifyAnalyzerAsync(WithUsings("""
                public abstract class OrderStore
                {
                    public abstract Task SaveAsync(Order order);
                }

                public sealed class MongoOrderStore : OrderStore
                {
                    private readonly IMongoCollection<Order> _orders = null!;

                    public override Task SaveAsync(Order order) => {|#2:_orders.InsertOneAsync(order)|};
                }

                public sealed class PlaceOrder
                {
                    private readonly OrderStore _store = null!;
                    private readonly IBus _bus = null!;

                    public async Task HandleAsync(Order order)
                    {
                        await {|#1:_store.SaveAsync(order)|};
                        await {|#0:_bus.Publish(new OrderPlaced(order.Id))|};
                    }
                }
                """), Lost("InsertOneAsync", "Publish", 2));

        [Fact]
        public Task VirtualMethodWithEmptyBase_IsFollowedToTheOverride()
            => VerifyCS.VerifyAnalyzerAsync(WithUsings("""
                public class Auditor
                {
                    public virtual Task RecordAsync(Order order) => Task.CompletedTask;
                }

                public sealed class DynamoAuditor : Auditor
                {
                    private readonly IDynamoDBContext _context = null!;

                    public override Task RecordAsync(Order order) => {|#2:_context.SaveAsync(order)|};
                }

                public sealed class PlaceOrder
                {
                    private readonly Auditor _auditor = null!;
                    private readonly IAmazonSimpleNotificationService _sns = null!;

                    public async Task HandleAsync(Order order)
                    {
                        await {|#1:_sns.PublishAsync("arn", order.Id)|};
                        await {|#0:_auditor.RecordAsync(order)|};
                    }
                }
                """), Phantom("PublishAsync", "SaveAsync", 2));

        [Fact]
        public Task AbstractProperty_IsFollowedToTheOverridingAccessor()
            => VerifyCS.VerifyAnalyzerAsync(WithUsings("""
                public abstract class OrderLog
                {
                    public abstract Task Flushed { get; }
                }

                public sealed class TableLog : OrderLog
                {
                    private readonly IAmazonDynamoDB _ddb = null!;

                    public override Task Flushed => {|#2:_ddb.PutItemAsync(new PutItemRequest())|};
                }

                public sealed class PlaceOrder
                {
                    private readonly OrderLog _log = null!;
                    private readonly IBus _bus = null!;

                    public async Task HandleAsync(Order order)
                    {
                        await {|#1:_log.Flushed|};
                        await {|#0:_bus.Publish(new OrderPlaced(order.Id))|};
                    }
                }
                """), Lost("PutItemAsync", "Publish", 2));

        [Fact]
        public Task AlternativeImplementations_AreNotOrderedWithEachOther()
            => VerifyCS.VerifyAnalyzerAsync(WithUsings("""
                public interface IOrderSink { Task AcceptAsync(Order order); }

                public sealed class TableSink : IOrderSink
                {
                    private readonly IAmazonDynamoDB _ddb = null!;
                    public Task AcceptAsync(Order order) => _ddb.PutItemAsync(new PutItemRequest());
                }

                public sealed class QueueSink : IOrderSink
                {
                    private readonly IAmazonSQS _sqs = null!;
                    public Task AcceptAsync(Order order) => _sqs.SendMessageAsync("q", order.Id);
                }

                public sealed class Router
                {
                    private readonly IOrderSink _sink = null!;
                    public Task RouteAsync(Order order) => _sink.AcceptAsync(order);
                }
                """));

        [Fact]
        public Task DeepHelperChain_IsFollowed()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                private Task Level1Async(Order order) => Level2Async(order);
                private Task Level2Async(Order order) => Level3Async(order);
                private Task Level3Async(Order order) => {|#2:_ddb.DeleteItemAsync(new DeleteItemRequest())|};

                public async Task CancelAsync(Order order)
                {
                    await {|#1:Level1Async(order)|};
                    await {|#0:_sns.PublishAsync("arn", "cancelled")|};
                }
            """), Lost("DeleteItemAsync", "PublishAsync", 2));

        [Fact]
        public Task MaxFlowDepth_StopsFollowingCalls()
            => new VerifyCS.Test
            {
                TestCode = Service("""
                    private Task Level1Async(Order order) => Level2Async(order);
                    private Task Level2Async(Order order) => Level3Async(order);
                    private Task Level3Async(Order order) => _ddb.DeleteItemAsync(new DeleteItemRequest());

                    public async Task CancelAsync(Order order)
                    {
                        await Level1Async(order);
                        await _sns.PublishAsync("arn", "cancelled");
                    }
                """),
                TestState = { AnalyzerConfigFiles = { new TestFile("/.editorconfig", "root = true\n[*.cs]\nconsistency.max_flow_depth = 1\n") } },
            }.RunAsync();

        [Fact]
        public Task MutualRecursion_TerminatesAndReports()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                private async Task PingAsync(Order order, int n)
                {
                    await {|#2:_context.SaveAsync(order)|};
                    if (n > 0) await PongAsync(order, n - 1);
                }

                private async Task PongAsync(Order order, int n)
                {
                    if (n > 0) await PingAsync(order, n - 1);
                }

                public async Task RunAsync(Order order)
                {
                    await {|#1:PongAsync(order, 4)|};
                    await {|#0:_sqs.SendMessageAsync("q", order.Id)|};
                }
            """), Lost("SaveAsync", "SendMessageAsync", 2));

        [Fact]
        public Task StaticHelperInAnotherClass_IsFollowed()
            => VerifyCS.VerifyAnalyzerAsync(WithUsings("""
                public static class OrderWriter
                {
                    public static int Write(ShopDbContext db, Order order)
                    {
                        db.Orders.Add(order);
                        return {|#2:db.SaveChanges()|};
                    }
                }

                public sealed class PlaceOrder
                {
                    private readonly ShopDbContext _db = null!;
                    private readonly IProducer<string, string> _producer = null!;

                    public void Handle(Order order)
                    {
                        {|#1:OrderWriter.Write(_db, order)|};
                        {|#0:_producer.Produce("orders", new Message<string, string> { Key = order.Id, Value = order.Id })|};
                    }
                }
                """), Lost("SaveChanges", "Produce", 2));

        [Fact]
        public Task ExtensionMethodHelper_IsFollowed()
            => VerifyCS.VerifyAnalyzerAsync(WithUsings("""
                public static class SqsExtensions
                {
                    public static Task AnnounceAsync(this IAmazonSQS sqs, Order order) => {|#2:sqs.SendMessageAsync("q", order.Id)|};
                }

                public sealed class PlaceOrder
                {
                    private readonly IAmazonDynamoDB _ddb = null!;
                    private readonly IAmazonSQS _sqs = null!;

                    public async Task HandleAsync(Order order)
                    {
                        await {|#1:_ddb.PutItemAsync(new PutItemRequest())|};
                        await {|#0:_sqs.AnnounceAsync(order)|};
                    }
                }
                """), Lost("PutItemAsync", "SendMessageAsync", 2));

        [Fact]
        public Task PartialMethod_IsFollowedToItsImplementation()
            => VerifyCS.VerifyAnalyzerAsync(WithUsings("""
                public sealed partial class PlaceOrder
                {
                    private readonly IAmazonDynamoDB _ddb = null!;
                    private readonly IAmazonSQS _sqs = null!;

                    private partial Task SaveAsync(Order order);

                    public async Task HandleAsync(Order order)
                    {
                        await {|#1:SaveAsync(order)|};
                        await {|#0:_sqs.SendMessageAsync("q", order.Id)|};
                    }
                }

                public sealed partial class PlaceOrder
                {
                    private partial Task SaveAsync(Order order) => {|#2:_ddb.PutItemAsync(new PutItemRequest())|};
                }
                """), Lost("PutItemAsync", "SendMessageAsync", 2));

        [Fact]
        public Task DecoratorOfTheSdkInterface_IsRecognisedByItsInterface()
            => VerifyCS.VerifyAnalyzerAsync(WithUsings("""
                public abstract class TracingSqs : IAmazonSQS
                {
                    public abstract Amazon.Runtime.IClientConfig Config { get; }
                    static Amazon.Runtime.ClientConfig Amazon.Runtime.IAmazonService.CreateDefaultClientConfig() => null!;
                    static Amazon.Runtime.IAmazonService Amazon.Runtime.IAmazonService.CreateDefaultServiceClient(Amazon.Runtime.AWSCredentials awsCredentials, Amazon.Runtime.ClientConfig clientConfig) => null!;
                    public abstract Task<SendMessageResponse> SendMessageAsync(string queueUrl, string messageBody, CancellationToken cancellationToken = default);
                    public abstract Task<SendMessageResponse> SendMessageAsync(SendMessageRequest request, CancellationToken cancellationToken = default);
                    public abstract Task<SendMessageBatchResponse> SendMessageBatchAsync(string queueUrl, List<SendMessageBatchRequestEntry> entries, CancellationToken cancellationToken = default);
                    public abstract Task<SendMessageBatchResponse> SendMessageBatchAsync(SendMessageBatchRequest request, CancellationToken cancellationToken = default);
                    public abstract Task<ReceiveMessageResponse> ReceiveMessageAsync(string queueUrl, CancellationToken cancellationToken = default);
                    public abstract Task<ReceiveMessageResponse> ReceiveMessageAsync(ReceiveMessageRequest request, CancellationToken cancellationToken = default);
                    public abstract Task<DeleteMessageResponse> DeleteMessageAsync(string queueUrl, string receiptHandle, CancellationToken cancellationToken = default);
                    public abstract Task<DeleteMessageResponse> DeleteMessageAsync(DeleteMessageRequest request, CancellationToken cancellationToken = default);
                    public abstract Task<DeleteMessageBatchResponse> DeleteMessageBatchAsync(DeleteMessageBatchRequest request, CancellationToken cancellationToken = default);
                    public abstract Task<GetQueueUrlResponse> GetQueueUrlAsync(string queueName, CancellationToken cancellationToken = default);
                    public void Dispose() { }
                }

                public sealed class PlaceOrder
                {
                    private readonly IAmazonDynamoDB _ddb = null!;
                    private readonly TracingSqs _sqs = null!;

                    public async Task HandleAsync(Order order)
                    {
                        await {|#1:_ddb.PutItemAsync(new PutItemRequest())|};
                        await {|#0:_sqs.SendMessageAsync("q", order.Id)|};
                    }
                }
                """), Lost("PutItemAsync", "SendMessageAsync"));

        [Fact]
        public Task GenericPublisherInterface_IsFollowedToItsImplementation()
            => VerifyCS.VerifyAnalyzerAsync(WithUsings("""
                public interface IEventPublisher { Task PublishAsync<TEvent>(TEvent domainEvent, CancellationToken cancellationToken); }

                public sealed class SqsEventPublisher : IEventPublisher
                {
                    private readonly IAmazonSQS _sqs = null!;

                    public Task PublishAsync<TEvent>(TEvent domainEvent, CancellationToken cancellationToken)
                        => {|#2:_sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = "q", MessageBody = System.Text.Json.JsonSerializer.Serialize(domainEvent) }, cancellationToken)|};
                }

                public sealed class OrderRepository
                {
                    private readonly IAmazonDynamoDB _ddb = null!;

                    public Task UpdateStatusAsync(string id, string status, CancellationToken cancellationToken)
                        => {|#3:_ddb.UpdateItemAsync(new UpdateItemRequest { TableName = "orders", UpdateExpression = "SET #s = :s" }, cancellationToken)|};
                }

                public sealed class OrdersEndpoint
                {
                    private readonly OrderRepository _orders = null!;
                    private readonly IEventPublisher _events = null!;

                    public async Task CancelAsync(string orderId, CancellationToken cancellationToken)
                    {
                        await {|#1:_events.PublishAsync(new OrderPlaced(orderId), cancellationToken)|};
                        await {|#0:_orders.UpdateStatusAsync(orderId, "CANCELLED", cancellationToken)|};
                    }
                }
                """), Phantom("SendMessageAsync", "UpdateItemAsync", 3, 2));

        [Fact]
        public Task HelperThatOnlyReads_IsNotAWrite()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                private async Task<Order?> FindAsync(string id) => await _db.Orders.FindAsync(id);

                public async Task AnnounceAsync(string id)
                {
                    var order = await FindAsync(id);
                    await _sqs.SendMessageAsync("q", order?.Id ?? id);
                }
            """));

        [Fact]
        public Task ConstructorOfAnotherClass_IsFollowed()
            => VerifyCS.VerifyAnalyzerAsync(WithUsings("""
                public sealed class AuditEntry
                {
                    public AuditEntry(IDynamoDBContext context, Order order)
                    {
                        {|#2:context.SaveAsync(order)|}.GetAwaiter().GetResult();
                    }
                }

                public sealed class PlaceOrder
                {
                    private readonly IDynamoDBContext _context = null!;
                    private readonly IAmazonSimpleNotificationService _sns = null!;

                    public async Task HandleAsync(Order order)
                    {
                        _ = {|#1:new AuditEntry(_context, order)|};
                        await {|#0:_sns.PublishAsync("arn", order.Id)|};
                    }
                }
                """), Lost("SaveAsync", "PublishAsync", 2));

        [Fact]
        public Task PropertyAccessorsOfTheCompilation_AreFollowed()
            => VerifyCS.VerifyAnalyzerAsync(WithUsings("""
                public sealed class OrderHolder
                {
                    private readonly ShopDbContext _db = null!;
                    private readonly IProducer<string, string> _producer = null!;
                    private Order _current = new();

                    public Order Current
                    {
                        get => _current;
                        set
                        {
                            _current = value;
                            _db.Orders.Add(value);
                            {|#2:_db.SaveChanges()|};
                        }
                    }

                    public int Announced
                    {
                        get
                        {
                            {|#3:_producer.Produce("orders", new Message<string, string> { Key = _current.Id, Value = _current.Id })|};
                            return 1;
                        }
                    }

                    public int Replace(Order order)
                    {
                        {|#1:Current|} = order;
                        return {|#0:Announced|};
                    }

                    public Order Peek() => Current;
                }
                """), Lost("SaveChanges", "Produce", 3, 2));
    }
}
