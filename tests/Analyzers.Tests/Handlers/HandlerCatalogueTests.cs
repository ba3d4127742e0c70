using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Consistency.Analyzers.Handlers;
using Consistency.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Consistency.Analyzers.Tests.Handlers
{
    /// <summary>Handler detection: every framework's shape, and the look-alikes that are not handlers.</summary>
    public class HandlerCatalogueTests
    {
        private const string Source = """
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.Lambda.SQSEvents;
            using Amazon.Lambda.SNSEvents;
            using Amazon.Lambda.KinesisEvents;
            using Amazon.Lambda.DynamoDBEvents;
            using Amazon.Lambda.KinesisFirehoseEvents;
            using Amazon.Lambda.CloudWatchEvents;
            using Amazon.SQS;
            using Amazon.SQS.Model;
            using MassTransit;
            using NServiceBus;
            using Paramore.Brighter;
            using DotNetCore.CAP;
            using Microsoft.Extensions.Hosting;

            public record OrderPlaced(string OrderId);
            public class PlaceOrder : Command { public PlaceOrder() : base(Guid.NewGuid()) { } }
            public class OrderDetail { public string OrderId { get; set; } = ""; }
            public class TimeWindowEvent : KinesisEvent { }

            public class Functions
            {
                public Task Sqs(SQSEvent evnt, ILambdaContext context) => Task.CompletedTask;
                public Task<SQSBatchResponse> SqsBatch(SQSEvent evnt) => Task.FromResult(new SQSBatchResponse());
                public void Sns(SNSEvent evnt, ILambdaContext context) { }
                public Task Kinesis(KinesisEvent evnt) => Task.CompletedTask;
                public Task KinesisWindow(TimeWindowEvent evnt) => Task.CompletedTask;
                public Task Streams(DynamoDBEvent evnt) => Task.CompletedTask;
                public KinesisFirehoseResponse Firehose(KinesisFirehoseEvent evnt) => null!;
                public static Task EventBridge(CloudWatchEvent<OrderDetail> evnt) => Task.CompletedTask;
                private Task PrivateHelper(SQSEvent evnt) => Task.CompletedTask;
                public Task Record(SQSEvent.SQSMessage message) => Task.CompletedTask;
                public Task SecondParameter(string name, SQSEvent evnt) => Task.CompletedTask;
            }

            public class OrderConsumer : IConsumer<OrderPlaced>
            {
                public Task Consume(ConsumeContext<OrderPlaced> context) => Task.CompletedTask;
                public Task Other(ConsumeContext<OrderPlaced> context) => Task.CompletedTask;
            }

            public class ExplicitConsumer : IConsumer<OrderPlaced>
            {
                Task IConsumer<OrderPlaced>.Consume(ConsumeContext<OrderPlaced> context) => Task.CompletedTask;
            }

            public class GenericConsumer<T> : IConsumer<T> where T : class
            {
                public Task Consume(ConsumeContext<T> context) => Task.CompletedTask;
            }

            public abstract class ConsumerBase : IConsumer<OrderPlaced>
            {
                public virtual Task Consume(ConsumeContext<OrderPlaced> context) => Task.CompletedTask;
            }

            public class DerivedConsumer : ConsumerBase
            {
                public override Task Consume(ConsumeContext<OrderPlaced> context) => Task.CompletedTask;
            }

            public class OrderPlacedHandler : IHandleMessages<OrderPlaced>
            {
                public Task Handle(OrderPlaced message, IMessageHandlerContext context) => Task.CompletedTask;
            }

            public class PlaceOrderHandler : RequestHandler<PlaceOrder>
            {
                public override PlaceOrder Handle(PlaceOrder command) => base.Handle(command);
            }

            public class PlaceOrderHandlerAsync : RequestHandlerAsync<PlaceOrder>
            {
                public override Task<PlaceOrder> HandleAsync(PlaceOrder command, CancellationToken cancellationToken = default) => base.HandleAsync(command, cancellationToken);
            }

            public class CapSubscriber : ICapSubscribe
            {
                [CapSubscribe("orders.placed")]
                public void OnPlaced(OrderPlaced message) { }

                public void NotSubscribed(OrderPlaced message) { }
            }

            public class ShipOrderHandler
            {
                public Task Handle(OrderPlaced message) => Task.CompletedTask;
                public Task Validate(OrderPlaced message) => Task.CompletedTask;
            }

            public static class AuditConsumer
            {
                public static void Consume(OrderPlaced message) { }
            }

            [Wolverine.Attributes.WolverineHandler]
            public class OrderProcessing
            {
                public void Handle(OrderPlaced message) { }
            }

            public class ByMarker : Wolverine.IWolverineHandler
            {
                public void HandleAsync(OrderPlaced message) { }
            }

            public class ShippingSaga : Wolverine.Saga
            {
                public void Handle(OrderPlaced message) { }
            }

            [Wolverine.Attributes.WolverineIgnore]
            public class IgnoredHandler
            {
                public void Handle(OrderPlaced message) { }
            }

            internal class InternalHandler
            {
                public void Handle(OrderPlaced message) { }
            }

            public class Explicit
            {
                [Wolverine.Attributes.WolverineHandler]
                public void Process(OrderPlaced message) { }
            }

            public class MessagingHandler : AWS.Messaging.IMessageHandler<OrderPlaced>
            {
                public Task<AWS.Messaging.MessageProcessStatus> HandleAsync(AWS.Messaging.MessageEnvelope<OrderPlaced> messageEnvelope, CancellationToken token = default)
                    => Task.FromResult(AWS.Messaging.MessageProcessStatus.Success());
            }

            public class OrderMessage : JustSaying.Models.Message { }

            public class JustSayingHandler : JustSaying.Messaging.MessageHandling.IHandlerAsync<OrderMessage>
            {
                public Task<bool> Handle(OrderMessage message) => Task.FromResult(true);
            }

            public class Poller : BackgroundService
            {
                private readonly IAmazonSQS _sqs = null!;

                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        var response = await _sqs.ReceiveMessageAsync("queue", stoppingToken);
                        foreach (var message in response.Messages!) { }
                    }
                }
            }

            public class PollerThroughHelper : BackgroundService
            {
                private readonly IAmazonSQS _sqs = null!;

                protected override Task ExecuteAsync(CancellationToken stoppingToken) => LoopAsync(stoppingToken);

                private async Task LoopAsync(CancellationToken token)
                {
                    var response = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest("queue"), token);
                    Console.WriteLine(response.Messages!.Count);
                }
            }

            public class Heartbeat : BackgroundService
            {
                private readonly IAmazonSQS _sqs = null!;

                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    await _sqs.ReceiveMessageAsync("queue", stoppingToken);
                }
            }

            public class Ticker : BackgroundService
            {
                protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Delay(1000, stoppingToken);
            }

            public class PollerWithReceiveHelper : BackgroundService
            {
                private readonly IAmazonSQS _sqs = null!;

                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    foreach (var message in await ReceiveAsync(stoppingToken))
                    {
                        Console.WriteLine(message.Body);
                    }
                }

                private async Task<List<Message>> ReceiveAsync(CancellationToken token)
                    => (await _sqs.ReceiveMessageAsync("queue", token)).Messages!;
            }

            public class PollingJob
            {
                private readonly IAmazonSQS _sqs = null!;

                public async Task PollOnce(CancellationToken token)
                {
                    var response = await _sqs.ReceiveMessageAsync("queue", token);
                    foreach (var message in response.Messages!)
                    {
                        Console.WriteLine(message.Body);
                    }
                }

                public static async Task<int> Drain(IAmazonSQS sqs)
                {
                    var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest("queue"));
                    return response.Messages!.Count;
                }

                public void PollInBackground(CancellationToken token)
                    => Task.Run(async () =>
                    {
                        var response = await _sqs.ReceiveMessageAsync("queue", token);
                        Console.WriteLine(response.Messages!.Count);
                    });

                public Task<ReceiveMessageResponse> Fetch(CancellationToken token) => _sqs.ReceiveMessageAsync("queue", token);

                public async Task<Message[]> FetchArray(CancellationToken token) => (await _sqs.ReceiveMessageAsync("queue", token)).Messages!.ToArray();

                public async Task<IReadOnlyList<Message>> FetchList(CancellationToken token)
                {
                    var response = await _sqs.ReceiveMessageAsync("queue", token);
                    return response.Messages!;
                }

                public async Task Probe(CancellationToken token) => await _sqs.ReceiveMessageAsync("queue", token);

                public void Describe() => Console.WriteLine("calls ReceiveMessageAsync in a loop");
            }

            public class JobWithReceiveHelpers
            {
                private readonly IAmazonSQS _sqs = null!;

                public async Task Drain(CancellationToken token)
                {
                    foreach (var message in await FetchBatchAsync(token))
                    {
                        Console.WriteLine(message.Body);
                    }
                }

                public async Task DrainFiltered(CancellationToken token)
                {
                    var messages = await FetchFilteredAsync(token);
                    Console.WriteLine(messages.Count);
                }

                public async Task Warm(CancellationToken token) => await FetchBatchAsync(token);

                public Task<List<Message>> Forward(CancellationToken token) => FetchBatchAsync(token);

                private async Task<List<Message>> FetchBatchAsync(CancellationToken token)
                    => (await _sqs.ReceiveMessageAsync("queue", token)).Messages!;

                private async Task<List<Message>> FetchFilteredAsync(CancellationToken token)
                {
                    var all = await FetchBatchAsync(token);
                    all.RemoveAll(m => m.Body == null);
                    return all;
                }
            }

            public class Declared
            {
                [Consistency.MessageHandler]
                public Task OnMessage(string body) => Task.CompletedTask;
            }

            public interface IInboundHandler
            {
                [Consistency.MessageHandler]
                Task OnMessage(string body);
            }

            public class DeclaredByInterface : IInboundHandler
            {
                public Task OnMessage(string body) => Task.CompletedTask;
            }

            public class Configured
            {
                public Task Receive(string body) => Task.CompletedTask;
                public Task NotListed(string body) => Task.CompletedTask;
            }

            public class OrdersController
            {
                public Task Handle(OrderPlaced message) => Task.CompletedTask;
                public Task Post(OrderPlaced request) => Task.CompletedTask;
            }
            """;

        public static TheoryData<string, string?, string?> Cases => new()
        {
            { "Functions.Sqs", nameof(HandlerKind.LambdaSqs), "evnt" },
            { "Functions.SqsBatch", nameof(HandlerKind.LambdaSqs), "evnt" },
            { "Functions.Sns", nameof(HandlerKind.LambdaSns), "evnt" },
            { "Functions.Kinesis", nameof(HandlerKind.LambdaKinesis), "evnt" },
            { "Functions.KinesisWindow", nameof(HandlerKind.LambdaKinesis), "evnt" },
            { "Functions.Streams", nameof(HandlerKind.LambdaDynamoDbStream), "evnt" },
            { "Functions.Firehose", nameof(HandlerKind.LambdaFirehose), "evnt" },
            { "Functions.EventBridge", nameof(HandlerKind.LambdaEventBridge), "evnt" },
            { "Functions.PrivateHelper", null, null },
            { "Functions.Record", null, null },
            { "Functions.SecondParameter", null, null },
            { "OrderConsumer.Consume", nameof(HandlerKind.MassTransit), "context" },
            { "OrderConsumer.Other", null, null },
            { "ExplicitConsumer.MassTransit.IConsumer<OrderPlaced>.Consume", nameof(HandlerKind.MassTransit), "context" },
            { "GenericConsumer.Consume", nameof(HandlerKind.MassTransit), "context" },
            { "ConsumerBase.Consume", nameof(HandlerKind.MassTransit), "context" },
            { "DerivedConsumer.Consume", nameof(HandlerKind.MassTransit), "context" },
            { "OrderPlacedHandler.Handle", nameof(HandlerKind.NServiceBus), "message" },
            { "PlaceOrderHandler.Handle", nameof(HandlerKind.Brighter), "command" },
            { "PlaceOrderHandlerAsync.HandleAsync", nameof(HandlerKind.Brighter), "command" },
            { "CapSubscriber.OnPlaced", nameof(HandlerKind.Cap), "message" },
            { "CapSubscriber.NotSubscribed", null, null },
            { "ShipOrderHandler.Handle", nameof(HandlerKind.Wolverine), "message" },
            { "ShipOrderHandler.Validate", null, null },
            { "AuditConsumer.Consume", nameof(HandlerKind.Wolverine), "message" },
            { "OrderProcessing.Handle", nameof(HandlerKind.Wolverine), "message" },
            { "ByMarker.HandleAsync", nameof(HandlerKind.Wolverine), "message" },
            { "ShippingSaga.Handle", nameof(HandlerKind.Wolverine), "message" },
            { "IgnoredHandler.Handle", null, null },
            { "InternalHandler.Handle", null, null },
            { "Explicit.Process", nameof(HandlerKind.Wolverine), "message" },
            { "MessagingHandler.HandleAsync", nameof(HandlerKind.AwsMessaging), "messageEnvelope" },
            { "JustSayingHandler.Handle", nameof(HandlerKind.JustSaying), "message" },
            { "Poller.ExecuteAsync", nameof(HandlerKind.SqsPollingService), null },
            { "PollerThroughHelper.ExecuteAsync", null, null },
            { "PollerThroughHelper.LoopAsync", nameof(HandlerKind.SqsPollingMethod), null },
            { "PollerWithReceiveHelper.ExecuteAsync", nameof(HandlerKind.SqsPollingService), null },
            { "PollerWithReceiveHelper.ReceiveAsync", null, null },
            { "PollingJob.PollOnce", nameof(HandlerKind.SqsPollingMethod), null },
            { "PollingJob.Drain", nameof(HandlerKind.SqsPollingMethod), null },
            { "PollingJob.PollInBackground", nameof(HandlerKind.SqsPollingMethod), null },
            { "PollingJob.Fetch", null, null },
            { "PollingJob.FetchArray", null, null },
            { "PollingJob.FetchList", null, null },
            { "PollingJob.Probe", null, null },
            { "PollingJob.Describe", null, null },
            { "JobWithReceiveHelpers.Drain", nameof(HandlerKind.SqsPollingMethod), null },
            { "JobWithReceiveHelpers.DrainFiltered", nameof(HandlerKind.SqsPollingMethod), null },
            { "JobWithReceiveHelpers.Warm", null, null },
            { "JobWithReceiveHelpers.Forward", null, null },
            { "JobWithReceiveHelpers.FetchBatchAsync", null, null },
            { "JobWithReceiveHelpers.FetchFilteredAsync", null, null },
            { "Heartbeat.ExecuteAsync", null, null },
            { "Ticker.ExecuteAsync", null, null },
            { "Declared.OnMessage", nameof(HandlerKind.Declared), "body" },
            { "DeclaredByInterface.OnMessage", nameof(HandlerKind.Declared), "body" },
            { "Configured.Receive", nameof(HandlerKind.Configured), "body" },
            { "Configured.NotListed", null, null },
            { "OrdersController.Handle", null, null },
            { "OrdersController.Post", null, null },
        };

        [Theory]
        [MemberData(nameof(Cases))]
        public void Detects(string method, string? expectedKind, string? expectedParameter)
        {
            var (catalogue, compilation) = Create(Source, "Configured.Receive");
            var symbol = FindMethod(compilation, method);
            bool found = catalogue.TryGetHandler(symbol, out var handler);
            Assert.Equal(expectedKind, found ? handler.Kind.ToString() : null);
            Assert.Equal(expectedParameter, found ? handler.EventParameter?.Name : null);
        }

        [Fact]
        public void BatchKinds_AreSqsKinesisAndStreams()
        {
            var (catalogue, compilation) = Create(Source, configured: null);
            Assert.True(Handler(catalogue, compilation, "Functions.Sqs").IsBatch);
            Assert.True(Handler(catalogue, compilation, "Functions.Kinesis").IsBatch);
            Assert.True(Handler(catalogue, compilation, "Functions.Streams").IsBatch);
            Assert.False(Handler(catalogue, compilation, "Functions.Sns").IsBatch);
            Assert.False(Handler(catalogue, compilation, "Functions.Firehose").IsBatch);
            Assert.False(Handler(catalogue, compilation, "Functions.EventBridge").IsBatch);
            Assert.False(Handler(catalogue, compilation, "OrderConsumer.Consume").IsBatch);
            Assert.True(Handler(catalogue, compilation, "Functions.EventBridge").IsLambda);
            Assert.False(Handler(catalogue, compilation, "OrderConsumer.Consume").IsLambda);
        }

        [Fact]
        public void ConfiguredEntries_AcceptDocumentationIdsAndWholeTypes()
        {
            var (byId, compilation) = Create(Source, "M:Configured.NotListed(System.String)");
            Assert.True(byId.TryGetHandler(FindMethod(compilation, "Configured.NotListed"), out _));
            Assert.False(byId.TryGetHandler(FindMethod(compilation, "Configured.Receive"), out _));

            var (byType, compilation2) = Create(Source, "Configured.*");
            Assert.True(byType.TryGetHandler(FindMethod(compilation2, "Configured.NotListed"), out _));
            Assert.True(byType.TryGetHandler(FindMethod(compilation2, "Configured.Receive"), out _));
        }

        [Fact]
        public void WithoutFrameworks_TheCatalogueIsEmpty()
        {
            var compilation = CSharpCompilation.Create(
                "Plain",
                new[] { CSharpSyntaxTree.ParseText("public class OrderHandler { public void Handle(string message) { } }") },
                ReferenceAssemblies.Net.Resolve(),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var catalogue = HandlerCatalogue.GetOrCreate(compilation, null);
            Assert.True(catalogue.IsEmpty);
            Assert.False(catalogue.TryGetHandler(FindMethod(compilation, "OrderHandler.Handle"), out _));
        }

        [Fact]
        public void BackgroundServiceWithoutSqs_IsNoHandler()
        {
            // Hosting without the SQS client: nothing can be received, and reading the receive methods must not fail.
            var compilation = CSharpCompilation.Create(
                "HostingOnly",
                new[] { CSharpSyntaxTree.ParseText("""
                    using System.Threading;
                    using System.Threading.Tasks;
                    public class Worker : Microsoft.Extensions.Hosting.BackgroundService
                    {
                        protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Delay(1000, stoppingToken);
                    }
                    """) },
                ReferenceAssemblies.Net.WithStandIns("Microsoft.Extensions.Hosting.Abstractions").Resolve(),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            var catalogue = HandlerCatalogue.GetOrCreate(compilation, null);
            Assert.True(catalogue.IsEmpty);
            Assert.False(catalogue.TryGetHandler(FindMethod(compilation, "Worker.ExecuteAsync"), out _));
        }

        /// <summary>A catalogue of a compilation of the files, which must compile without errors.</summary>
        private static (HandlerCatalogue Catalogue, Compilation Compilation) CreateFromFiles(params string[] files)
        {
            var compilation = CSharpCompilation.Create(
                "Polling",
                files.Select(f => CSharpSyntaxTree.ParseText(f)),
                ReferenceAssemblies.Default.Resolve(),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            return (HandlerCatalogue.GetOrCreate(compilation, null), compilation);
        }

        /// <summary>The handler kind of each method (by type and name), null for no handler.</summary>
        private static string?[] Kinds(HandlerCatalogue catalogue, Compilation compilation, string[] methods)
            => methods.Select(m => catalogue.TryGetHandler(FindMethod(compilation, m), out var handler) ? handler.Kind.ToString() : null).ToArray();

        [Fact]
        public void PollingMethods_AreLookedForOnlyWhereTheTextNamesTheReceive()
        {
            // Only the method whose declaration names the receive is bound; its neighbours in the same file and every
            // method of a file that never names it (an override too, which every other route lets through) are not.
            const string Polling = """
                using System.Threading;
                using System.Threading.Tasks;
                using Amazon.SQS;
                public class PollingJob
                {
                    private readonly IAmazonSQS _sqs = null!;
                    public async Task PollOnce(CancellationToken token) => System.Console.WriteLine((await _sqs.ReceiveMessageAsync("queue", token)).Messages!.Count);
                    public Task Before(CancellationToken token) => Task.Delay(1, token);
                    public Task After(CancellationToken token) => Task.Delay(2, token);
                    public override string ToString() => "job";
                }
                """;
            const string Other = """
                using System.Threading.Tasks;
                public class Reports
                {
                    public Task Render() => Task.CompletedTask;
                    public override string ToString() => "reports";
                }
                """;
            var (catalogue, compilation) = CreateFromFiles(Polling, Other);
            string[] methods = { "PollingJob.PollOnce", "PollingJob.Before", "PollingJob.After", "PollingJob.ToString", "Reports.Render", "Reports.ToString" };
            var kinds = Kinds(catalogue, compilation, methods);
            Assert.Equal(new[] { nameof(HandlerKind.SqsPollingMethod), null, null, null, null, null }, kinds);
            Assert.Equal(1, catalogue.BodiesReadForReceives);
        }

        [Fact]
        public void PollingMethodsThroughAReceiveHelper_AreLookedForOnlyWhereTheTextNamesTheHelper()
        {
            // The caller of a helper that returns received messages names the helper, not the receive: the helper's name
            // is searched for too, and a helper's that calls it (not the caller's, which returns nothing received). Only
            // the callers and the helpers they follow are read.
            const string Polling = """
                using System.Collections.Generic;
                using System.Threading;
                using System.Threading.Tasks;
                using Amazon.SQS;
                using Amazon.SQS.Model;
                public class PollingJob
                {
                    private readonly IAmazonSQS _sqs = null!;
                    public async Task Drain(CancellationToken token) => System.Console.WriteLine((await FetchAsync(token)).Count);
                    private async Task<List<Message>> FetchAsync(CancellationToken token) => (await _sqs.ReceiveMessageAsync("queue", token)).Messages!;
                    public async Task DrainLarge(CancellationToken token) => System.Console.WriteLine((await LargeAsync(token)).Count);
                    private async Task<List<Message>> LargeAsync(CancellationToken token) => (await FetchAsync(token)).FindAll(m => m.Body?.Length > 100);
                    public Task Before(CancellationToken token) => Task.Delay(1, token);
                }
                """;
            const string Other = """
                using System.Threading.Tasks;
                public class Reports
                {
                    public Task Render() => Task.CompletedTask;
                    public async Task Fetch() => await Task.Yield();
                    public void Describe() => System.Console.WriteLine("Drain");
                }
                """;
            var (catalogue, compilation) = CreateFromFiles(Polling, Other);
            string[] methods = { "PollingJob.Drain", "PollingJob.FetchAsync", "PollingJob.DrainLarge", "PollingJob.LargeAsync", "PollingJob.Before", "Reports.Render", "Reports.Fetch", "Reports.Describe" };
            var kinds = Kinds(catalogue, compilation, methods);
            Assert.Equal(new[] { nameof(HandlerKind.SqsPollingMethod), null, nameof(HandlerKind.SqsPollingMethod), null, null, null, null, null }, kinds);

            // Drain and FetchAsync; DrainLarge, LargeAsync and FetchAsync again (each question follows its own path).
            Assert.Equal(5, catalogue.BodiesReadForReceives);
        }

        [Fact]
        public void WolverineConventions_NeedWolverine()
        {
            var compilation = CSharpCompilation.Create(
                "NoWolverine",
                new[] { CSharpSyntaxTree.ParseText("public class OrderHandler { public void Handle(string message) { } }") },
                ReferenceAssemblies.Net.WithAbstractions().WithStandIns("MassTransit").Resolve(),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var catalogue = HandlerCatalogue.GetOrCreate(compilation, null);
            Assert.False(catalogue.IsEmpty);
            Assert.False(catalogue.TryGetHandler(FindMethod(compilation, "OrderHandler.Handle"), out _));
        }

        private static MessageHandler Handler(HandlerCatalogue catalogue, Compilation compilation, string method)
        {
            Assert.True(catalogue.TryGetHandler(FindMethod(compilation, method), out var handler));
            return handler;
        }

        private static (HandlerCatalogue Catalogue, Compilation Compilation) Create(string source, string? configured)
        {
            var compilation = CSharpCompilation.Create(
                "Handlers",
                new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest)) },
                ReferenceAssemblies.Default.Resolve(),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.Empty(errors);
            var options = configured is null
                ? null
                : new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new DictionaryAnalyzerConfigOptionsProvider(new Dictionary<string, string> { [HandlerOptionNames.HandlerMethods] = configured }));
            return (HandlerCatalogue.GetOrCreate(compilation, options), compilation);
        }

        private static IMethodSymbol FindMethod(Compilation compilation, string name)
        {
            int dot = name.IndexOf('.');
            var type = compilation.GetTypeByMetadataName(name.Substring(0, dot)) ?? compilation.GetSymbolsWithName(name.Substring(0, dot), SymbolFilter.Type).OfType<INamedTypeSymbol>().Single();
            string member = name.Substring(dot + 1);
            return type.GetMembers().OfType<IMethodSymbol>().Single(m => m.Name == member);
        }
    }
}
