using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Consistency.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using static Consistency.Analyzers.Tests.Rules.DualWriteExpectations;
using static Consistency.Analyzers.Tests.Rules.DualWriteTestSources;
using VerifyCS = Consistency.Testing.Verifiers.CSharpAnalyzerVerifier<Consistency.Analyzers.Rules.DualWriteAnalyzer>;

namespace Consistency.Analyzers.Tests.Rules
{
    /// <summary>Marker attributes, .editorconfig catalogue keys, wrapper conventions and severity.</summary>
    public class DualWriteConfigurationTests
    {
        /// <summary>Wrappers in another project: no body the analyzed compilation can read.</summary>
        private const string MessagingProject = """
            using System.Threading.Tasks;
            using Consistency;

            namespace Company.Messaging
            {
                [PublishesMessages]
                public interface IIntegrationEvents { Task RaiseAsync(object @event); }

                public interface IEventBus { Task PublishAsync(object @event); }

                public interface INotifier { Task NotifyAsync(string text); }

                public interface IOrderRepository
                {
                    [WritesDatabase]
                    Task PersistAsync(object order);

                    Task SaveAsync(object order);

                    Task SaveDraftAsync(object order);
                }

                public class LegacyStore
                {
                    public virtual void Store(string key) { }
                    public virtual void Store(int key) { }
                    public virtual void Erase(string key) { }
                }

                public interface IPaymentGateway { Task ChargeAsync(decimal amount); }

                public sealed class LegacyWriter
                {
                    public LegacyWriter(string key) { }

                    public LegacyWriter(string key, int attempts) { }
                }
            }
            """;

        private const string Caller = """
            using System.Threading.Tasks;
            using Amazon.DynamoDBv2;
            using Amazon.DynamoDBv2.Model;
            using Amazon.SQS;
            using Company.Messaging;

            public sealed class PlaceOrder
            {
                private readonly IAmazonDynamoDB _ddb = null!;
                private readonly IAmazonSQS _sqs = null!;
                private readonly IIntegrationEvents _integration = null!;
                private readonly IEventBus _bus = null!;
                private readonly INotifier _notifier = null!;
                private readonly IOrderRepository _repository = null!;
                private readonly LegacyStore _legacy = null!;
                private readonly IPaymentGateway _payments = null!;

            """;

        private static VerifyCS.Test WithMessagingProject(string members, string? editorconfig, params DiagnosticResult[] expected)
        {
            var test = new VerifyCS.Test { TestCode = Caller + members + "\n}\n" };
            test.TestState.AddProject("Messaging").Sources.Add(MessagingProject);
            test.TestState.AdditionalProjectReferences.Add("Messaging");
            if (editorconfig is not null)
            {
                test.TestState.AnalyzerConfigFiles.Add(new TestFile("/.editorconfig", "root = true\n[*.cs]\n" + editorconfig + "\n"));
            }

            test.ExpectedDiagnostics.AddRange(expected);
            return test;
        }

        [Fact]
        public Task PublishesMessagesOnAnInterfaceInAnotherProject_IsAPublish()
            => WithMessagingProject("""
                public async Task HandleAsync(object order)
                {
                    await {|#1:_ddb.PutItemAsync(new PutItemRequest())|};
                    await {|#0:_integration.RaiseAsync(order)|};
                }
            """, null, Lost("PutItemAsync", "RaiseAsync")).RunAsync();

        [Fact]
        public Task WritesDatabaseOnAnInterfaceMethodInAnotherProject_IsAWrite()
            => WithMessagingProject("""
                public async Task HandleAsync(object order)
                {
                    await {|#1:_repository.PersistAsync(order)|};
                    await {|#0:_sqs.SendMessageAsync("q", "placed")|};
                }
            """, null, Lost("PersistAsync", "SendMessageAsync")).RunAsync();

        [Fact]
        public Task UnmarkedWrapperInAnotherProject_IsNotAnEffectByDefault()
            => WithMessagingProject("""
                public async Task HandleAsync(object order)
                {
                    await _repository.SaveAsync(order);
                    await _bus.PublishAsync(order);
                }
            """, null).RunAsync();

        [Fact]
        public Task WrapperConventions_RecogniseRepositoriesAndEventBuses()
            => WithMessagingProject("""
                public async Task HandleAsync(object order)
                {
                    await {|#1:_repository.SaveAsync(order)|};
                    await {|#0:_bus.PublishAsync(order)|};
                }
            """, "consistency.wrapper_conventions = true", Lost("SaveAsync", "PublishAsync")).RunAsync();

        [Fact]
        public Task CustomWrapperConvention_IsApplied()
            => WithMessagingProject("""
                public async Task HandleAsync(object order)
                {
                    await {|#1:_ddb.DeleteItemAsync(new DeleteItemRequest())|};
                    await {|#0:_notifier.NotifyAsync("deleted")|};
                }
            """, "consistency.wrapper_conventions = publish:*Notifier.Notify*", Lost("DeleteItemAsync", "NotifyAsync")).RunAsync();

        [Fact]
        public Task ConfiguredReadWinsOverAConvention()
            => WithMessagingProject("""
                public async Task HandleAsync(object order)
                {
                    await _repository.SaveDraftAsync(order);
                    await _bus.PublishAsync(order);
                }
            """, "consistency.wrapper_conventions = true\nconsistency.db_read_methods = Company.Messaging.IOrderRepository.SaveDraftAsync").RunAsync();

        [Fact]
        public Task ConfiguredPublishMethod_ByTypeAndName()
            => WithMessagingProject("""
                public async Task HandleAsync(object order)
                {
                    await {|#1:_ddb.PutItemAsync(new PutItemRequest())|};
                    await {|#0:_notifier.NotifyAsync("placed")|};
                }
            """, "consistency.publish_methods = Company.Messaging.INotifier.NotifyAsync", Lost("PutItemAsync", "NotifyAsync")).RunAsync();

        [Fact]
        public Task ConfiguredWriteMethod_ByDocumentationCommentIdOfOneOverload()
            => WithMessagingProject("""
                public async Task HandleAsync(object order)
                {
                    _legacy.Store(42);
                    {|#1:_legacy.Store("key")|};
                    await {|#0:_sqs.SendMessageAsync("q", "stored")|};
                }
            """, "consistency.db_write_methods = M:Company.Messaging.LegacyStore.Store(System.String)", Lost("Store", "SendMessageAsync")).RunAsync();

        [Fact]
        public Task ConfiguredWriteMethods_EveryMethodOfAType()
            => WithMessagingProject("""
                public async Task HandleAsync(object order)
                {
                    {|#1:_legacy.Erase("key")|};
                    await {|#0:_sqs.SendMessageAsync("q", "erased")|};
                }
            """, "consistency.db_write_methods = Company.Messaging.LegacyStore.*", Lost("Erase", "SendMessageAsync")).RunAsync();

        [Fact]
        public Task ConfiguredWriteMethods_TypeDocumentationCommentId()
            => WithMessagingProject("""
                public async Task HandleAsync(object order)
                {
                    {|#1:_legacy.Erase("key")|};
                    await {|#0:_sqs.SendMessageAsync("q", "erased")|};
                }
            """, "consistency.db_write_methods = T:Company.Messaging.LegacyStore", Lost("Erase", "SendMessageAsync")).RunAsync();

        [Fact]
        public Task ConfiguredConstructors_CreatingAnInstanceIsAWrite()
            => WithMessagingProject("""
                public async Task HandleAsync(object order)
                {
                    _ = {|#1:new LegacyWriter("key", 3)|};
                    await {|#0:_sqs.SendMessageAsync("q", "recorded")|};
                }
            """, "consistency.db_write_methods = Company.Messaging.LegacyWriter..ctor", Lost("LegacyWriter", "SendMessageAsync")).RunAsync();

        [Fact]
        public Task ConfiguredConstructors_ReachedThroughAHelperDeclaredAfterItsCaller()
            => WithMessagingProject("""
                public async Task HandleAsync(object order)
                {
                    {|#1:Record("key")|};
                    await {|#0:_sqs.SendMessageAsync("q", "recorded")|};
                }

                private static LegacyWriter Record(string key) => {|#2:new LegacyWriter(key)|};
            """, "consistency.db_write_methods = Company.Messaging.LegacyWriter..ctor", Lost("LegacyWriter", "SendMessageAsync", 2)).RunAsync();

        /// <summary>
        /// Creating the instance is no write when its constructors are ignored by name or with their type (ignoring wins
        /// over configuring), or when only the type's methods are listed (<c>Type.*</c> does not match constructors).
        /// </summary>
        [Theory]
        [InlineData("consistency.db_write_methods = Company.Messaging.LegacyWriter..ctor\nconsistency.ignored_methods = Company.Messaging.LegacyWriter..ctor")]
        [InlineData("consistency.db_write_methods = Company.Messaging.LegacyWriter..ctor\nconsistency.ignored_methods = T:Company.Messaging.LegacyWriter")]
        [InlineData("consistency.db_write_methods = Company.Messaging.LegacyWriter.*")]
        public Task Constructors_IgnoredOrNotListed_AreNoWrite(string editorconfig)
            => WithMessagingProject("""
                public async Task HandleAsync(object order)
                {
                    _ = new LegacyWriter("key");
                    await _sqs.SendMessageAsync("q", "recorded");
                }
            """, editorconfig).RunAsync();

        [Fact]
        public Task ConfiguredExternalCall_IsAnExternalCall()
            => WithMessagingProject("""
                public async Task HandleAsync(object order)
                {
                    await {|#1:_payments.ChargeAsync(10m)|};
                    await {|#0:_ddb.PutItemAsync(new PutItemRequest())|};
                }
            """, "consistency.external_call_methods = Company.Messaging.IPaymentGateway.ChargeAsync", PhantomCall("ChargeAsync", "PutItemAsync")).RunAsync();

        [Fact]
        public Task MalformedConfiguration_IsIgnored()
            => WithMessagingProject("""
                public async Task HandleAsync(object order)
                {
                    await _repository.SaveAsync(order);
                    await _bus.PublishAsync(order);
                }
            """, "consistency.publish_methods = ,;NoDot, Missing.Type.Method, M:Nope.Nothing(), .\nconsistency.wrapper_conventions = sideways:*Bus.*, publish:, false\nconsistency.max_flow_depth = lots").RunAsync();

        [Fact]
        public Task GlobalConfiguration_IsRead()
        {
            var test = WithMessagingProject("""
                public async Task HandleAsync(object order)
                {
                    await {|#1:_ddb.PutItemAsync(new PutItemRequest())|};
                    await {|#0:_notifier.NotifyAsync("placed")|};
                }
            """, null, Lost("PutItemAsync", "NotifyAsync"));
            test.TestState.AnalyzerConfigFiles.Add(new TestFile("/.globalconfig", "is_global = true\nconsistency.publish_methods = Company.Messaging.INotifier.NotifyAsync\n"));
            return test.RunAsync();
        }

        [Fact]
        public Task WrapperConventionDoesNotApplyWhenTheBodyIsInTheCompilation()
        {
            var test = new VerifyCS.Test
            {
                TestCode = WithUsings("""
                    public interface IEventBus { Task PublishAsync(object @event); }

                    public sealed class LoggingEventBus : IEventBus
                    {
                        public Task PublishAsync(object @event) { Console.WriteLine(@event); return Task.CompletedTask; }
                    }

                    public sealed class PlaceOrder
                    {
                        private readonly IAmazonDynamoDB _ddb = null!;
                        private readonly IEventBus _bus = null!;

                        public async Task HandleAsync(Order order)
                        {
                            await _ddb.PutItemAsync(new PutItemRequest());
                            await _bus.PublishAsync(new OrderPlaced(order.Id));
                        }
                    }
                    """),
            };
            test.TestState.AnalyzerConfigFiles.Add(new TestFile("/.editorconfig", "root = true\n[*.cs]\nconsistency.wrapper_conventions = true\n"));
            return test.RunAsync();
        }

        [Fact]
        public Task MarkersOnTypesInTheSameCompilation_AreEffects()
            => VerifyCS.VerifyAnalyzerAsync(WithUsings("""
                [Consistency.WritesDatabase]
                public class LegacyStore
                {
                    public void Put(string key) { }
                }

                public class Notifications
                {
                    [Consistency.PublishesMessages]
                    public void Announce(string text) { }
                }

                public sealed class PlaceOrder
                {
                    private readonly LegacyStore _store = new();
                    private readonly Notifications _notifications = new();

                    public void Handle(Order order)
                    {
                        {|#1:_store.Put(order.Id)|};
                        {|#0:_notifications.Announce(order.Id)|};
                    }
                }
                """), Lost("Put", "Announce"));

        [Fact]
        public Task MarkedInterfaceImplementedInTheCompilation_IsAPublishAtTheCallSite()
            => VerifyCS.VerifyAnalyzerAsync(WithUsings("""
                [Consistency.PublishesMessages]
                public interface IAnnouncer { void Announce(string text); }

                public sealed class ConsoleAnnouncer : IAnnouncer
                {
                    public void Announce(string text) => Console.WriteLine(text);
                }

                public sealed class PlaceOrder
                {
                    private readonly ShopDbContext _db = null!;
                    private readonly ConsoleAnnouncer _announcer = new();

                    public void Handle(Order order)
                    {
                        {|#1:_db.SaveChanges()|};
                        {|#0:_announcer.Announce(order.Id)|};
                    }
                }
                """), Lost("SaveChanges", "Announce"));

        [Fact]
        public Task MarkersInAMetadataReference_AreEffects()
        {
            var library = CSharpCompilation.Create(
                "Company.Data",
                new[]
                {
                    CSharpSyntaxTree.ParseText("""
                        namespace Company.Data
                        {
                            public class OrderTable
                            {
                                [Consistency.WritesDatabase]
                                public virtual System.Threading.Tasks.Task UpsertAsync(string id) => System.Threading.Tasks.Task.CompletedTask;
                            }

                            [Consistency.PublishesMessages]
                            public interface IOutboundEvents { void Emit(string name); }
                        }
                        """),
                },
                ReferenceAssemblies.Net.WithAbstractions().Resolve(),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            using var image = new MemoryStream();
            Assert.True(library.Emit(image).Success);

            var test = new VerifyCS.Test
            {
                TestCode = """
                    using System.Threading.Tasks;
                    using Company.Data;

                    public sealed class PlaceOrder
                    {
                        private readonly OrderTable _table = new();
                        private readonly IOutboundEvents _events = null!;

                        public async Task HandleAsync(string id)
                        {
                            await {|#1:_table.UpsertAsync(id)|};
                            {|#0:_events.Emit("OrderPlaced")|};
                        }
                    }
                    """,
            };
            test.TestState.AdditionalReferences.Add(MetadataReference.CreateFromImage(image.ToArray()));
            test.ExpectedDiagnostics.Add(Lost("UpsertAsync", "Emit"));
            return test.RunAsync();
        }

        [Fact]
        public Task SeverityCanBeRaisedToError()
        {
            var test = new VerifyCS.Test
            {
                TestCode = Service("""
                    public async Task PlaceAsync(Order order)
                    {
                        await {|#1:_db.SaveChangesAsync()|};
                        await {|#0:_sqs.SendMessageAsync("q", order.Id)|};
                    }
                """),
            };
            test.TestState.AnalyzerConfigFiles.Add(new TestFile("/.editorconfig", "root = true\n[*.cs]\ndotnet_diagnostic.CH0001.severity = error\n"));
            test.ExpectedDiagnostics.Add(Lost("SaveChangesAsync", "SendMessageAsync").WithSeverity(DiagnosticSeverity.Error));
            return test.RunAsync();
        }

        [Fact]
        public Task SeverityNone_SilencesTheRule()
        {
            var test = new VerifyCS.Test
            {
                TestCode = Service("""
                    public async Task PlaceAsync(Order order)
                    {
                        await _db.SaveChangesAsync();
                        await _sqs.SendMessageAsync("q", order.Id);
                    }
                """),
            };
            test.TestState.AnalyzerConfigFiles.Add(new TestFile("/.editorconfig", "root = true\n[*.cs]\ndotnet_diagnostic.CH0001.severity = none\n"));
            return test.RunAsync();
        }

        [Fact]
        public void Descriptor_HasHelpLinkCategoryAndDefaultSeverity()
        {
            var descriptor = new Consistency.Analyzers.Rules.DualWriteAnalyzer().SupportedDiagnostics.Single();
            Assert.Equal("CH0001", descriptor.Id);
            Assert.Equal("Consistency", descriptor.Category);
            Assert.Equal(DiagnosticSeverity.Warning, descriptor.DefaultSeverity);
            Assert.True(descriptor.IsEnabledByDefault);
            Assert.Equal(RuleIdentifiers.GetHelpUri("CH0001"), descriptor.HelpLinkUri);
            Assert.EndsWith("/docs/rules/CH0001.md", descriptor.HelpLinkUri, System.StringComparison.Ordinal);
        }

        [Fact]
        public Task IgnoredMethods_SilenceAKnownPublish()
        {
            var test = new VerifyCS.Test
            {
                TestCode = WithUsings("""
                    public sealed class PlaceOrderConsumer : IConsumer<OrderPlaced>
                    {
                        private readonly ShopDbContext _db = null!;

                        // MassTransit's transactional outbox is configured at startup: Publish is stored with SaveChanges.
                        public async Task Consume(ConsumeContext<OrderPlaced> context)
                        {
                            _db.Orders.Add(new Order { Id = context.Message.OrderId });
                            await _db.SaveChangesAsync();
                            await context.Publish(new OrderPlaced(context.Message.OrderId));
                        }
                    }
                    """),
            };
            test.TestState.AnalyzerConfigFiles.Add(new TestFile("/.editorconfig", "root = true\n[*.cs]\nconsistency.ignored_methods = MassTransit.IPublishEndpoint.Publish\n"));
            return test.RunAsync();
        }

        [Fact]
        public Task IgnoredMethods_LeaveOtherPublishesReported()
        {
            var test = new VerifyCS.Test
            {
                TestCode = Service("""
                    public async Task PlaceAsync(Order order)
                    {
                        await {|#1:_db.SaveChangesAsync()|};
                        await _bus.Publish(new OrderPlaced(order.Id));
                        await {|#0:_sendEndpoint.Send(new OrderPlaced(order.Id))|};
                    }
                """),
            };
            test.TestState.AnalyzerConfigFiles.Add(new TestFile("/.editorconfig", "root = true\n[*.cs]\nconsistency.ignored_methods = M:MassTransit.IPublishEndpoint.Publish``1(``0,System.Threading.CancellationToken)\n"));
            test.ExpectedDiagnostics.Add(Lost("SaveChangesAsync", "Send"));
            return test.RunAsync();
        }
    }
}
