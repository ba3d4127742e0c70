using System;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Consistency.Generators.Idempotency;
using Consistency.Generators.Tests.Infrastructure;
using Consistency.Runtime.Idempotency;
using Consistency.Runtime.Outbox;
using Consistency.Testing.Generators;

namespace Consistency.Generators.Tests.Idempotency
{
    public class IdempotentGeneratorTests
    {
        private static GeneratorRun RunShop() => GeneratorHarness.Create(new IdempotentGenerator(), IdempotentSources.Shop).Run();

        private static (object Handler, InMemoryIdempotencyStore Store) CreateHandler(Assembly assembly)
        {
            var store = new InMemoryIdempotencyStore();
            var type = assembly.GetType("Shop.OrderHandler", throwOnError: true)!;
            return (Activator.CreateInstance(type, new IdempotencyHandler(store, localCacheCapacity: 1))!, store);
        }

        private static object Command(Assembly assembly, string orderId, decimal amount)
            => Activator.CreateInstance(assembly.GetType("Shop.PlaceOrder", throwOnError: true)!, orderId, amount)!;

        private static int Runs(object handler) => (int)handler.GetType().GetProperty("Runs")!.GetValue(handler)!;

        private static void Set(object handler, string property, object? value) => handler.GetType().GetProperty(property)!.SetValue(handler, value);

        [Fact]
        public void Output_MatchesBaseline()
            => GeneratorTest.VerifyBaselines(RunShop(), GeneratorHarness.BaselineDirectory, "Idempotent_Shop");

        [Fact]
        public void LambdaTransactionalStaticNestedAndGeneric_MatchBaseline()
        {
            var test = GeneratorHarness.Create(new IdempotentGenerator(), IdempotentSources.Shapes);

            var run = test.Run();
            Assert.Equal(2, run.Result.GeneratedSources.Length);
            GeneratorTest.VerifyBaselines(run, GeneratorHarness.BaselineDirectory, "Idempotent_Shapes");
        }

        [Fact]
        public void Output_CompilesCleanly_InANullableDisabledProject()
        {
            var test = GeneratorHarness.Create(new IdempotentGenerator(), IdempotentSources.Shapes);
            test.NullableContextOptions = Microsoft.CodeAnalysis.NullableContextOptions.Disable;

            Assert.Equal(2, test.Run().Result.GeneratedSources.Length);
        }

        [Fact]
        public void Output_CompilesCleanly_WithCSharp10()
        {
            var test = GeneratorHarness.Create(new IdempotentGenerator(), IdempotentSources.Shop);
            test.LanguageVersion = Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp10;

            Assert.Single(test.Run().Result.GeneratedSources);
        }

        [Fact]
        public void Output_CompilesWithWarningsAsErrors_AndDeclaresOneWrapperPerMethod()
        {
            var assembly = GeneratorHarness.EmitAndLoad(RunShop());
            var type = assembly.GetType("Shop.OrderHandler")!;

            Assert.Equal(typeof(Task<>), type.GetMethod("PlaceIdempotentAsync")!.ReturnType.GetGenericTypeDefinition());
            Assert.Equal(typeof(Task), type.GetMethod("CancelIdempotentAsync")!.ReturnType);
            Assert.Equal(typeof(Task<int>), type.GetMethod("CountIdempotentAsync")!.ReturnType);
            Assert.Equal(typeof(Task), type.GetMethod("TouchIdempotentAsync")!.ReturnType);
            Assert.Equal(typeof(ValueTask<string>), type.GetMethod("QuoteIdempotentAsync")!.ReturnType);
            Assert.Equal(typeof(ValueTask), type.GetMethod("PingIdempotentAsync")!.ReturnType);
        }

        [Fact]
        public async Task Replay_ReturnsTheCachedResult_WithoutRunningAgain()
        {
            var assembly = GeneratorHarness.EmitAndLoad(RunShop());
            var (handler, _) = CreateHandler(assembly);

            var first = await GeneratorHarness.InvokeAsync(handler, "PlaceIdempotentAsync", Command(assembly, "o-1", 10m), CancellationToken.None);
            var second = await GeneratorHarness.InvokeAsync(handler, "PlaceIdempotentAsync", Command(assembly, "o-1", 10m), CancellationToken.None);

            Assert.Equal(1, Runs(handler));
            Assert.Equal(first, second);
            Assert.Equal(1, (int)second!.GetType().GetProperty("Run")!.GetValue(second)!);
        }

        [Fact]
        public async Task DifferentKeys_RunSeparately()
        {
            var assembly = GeneratorHarness.EmitAndLoad(RunShop());
            var (handler, store) = CreateHandler(assembly);

            await GeneratorHarness.InvokeAsync(handler, "PlaceIdempotentAsync", Command(assembly, "o-1", 10m), CancellationToken.None);
            await GeneratorHarness.InvokeAsync(handler, "PlaceIdempotentAsync", Command(assembly, "o-2", 10m), CancellationToken.None);

            Assert.Equal(2, Runs(handler));
            Assert.Equal(2, store.Count);
        }

        [Fact]
        public async Task ConcurrentDuplicate_IsRejectedWhileTheFirstRuns()
        {
            var assembly = GeneratorHarness.EmitAndLoad(RunShop());
            var (handler, _) = CreateHandler(assembly);
            var gate = new TaskCompletionSource();
            Set(handler, "Gate", gate);

            var first = GeneratorHarness.InvokeAsync(handler, "PlaceIdempotentAsync", Command(assembly, "o-1", 10m), CancellationToken.None);
            var duplicate = await Assert.ThrowsAsync<IdempotencyAlreadyInProgressException>(
                () => GeneratorHarness.InvokeAsync(handler, "PlaceIdempotentAsync", Command(assembly, "o-1", 10m), CancellationToken.None));
            gate.SetResult();
            await first;

            Assert.StartsWith("orders.place#", duplicate.Key, StringComparison.Ordinal);
            Assert.Equal(1, Runs(handler));
        }

        [Fact]
        public async Task SameKey_DifferentPayload_Raises()
        {
            var assembly = GeneratorHarness.EmitAndLoad(RunShop());
            var (handler, _) = CreateHandler(assembly);

            await GeneratorHarness.InvokeAsync(handler, "PlaceIdempotentAsync", Command(assembly, "o-1", 10m), CancellationToken.None);
            await Assert.ThrowsAsync<IdempotencyPayloadMismatchException>(
                () => GeneratorHarness.InvokeAsync(handler, "PlaceIdempotentAsync", Command(assembly, "o-1", 99m), CancellationToken.None));

            Assert.Equal(1, Runs(handler));
        }

        [Fact]
        public async Task Exception_ReleasesTheRecord_SoARetryRuns()
        {
            var assembly = GeneratorHarness.EmitAndLoad(RunShop());
            var (handler, store) = CreateHandler(assembly);
            Set(handler, "Fail", true);

            var failure = await Assert.ThrowsAsync<InvalidOperationException>(
                () => GeneratorHarness.InvokeAsync(handler, "PlaceIdempotentAsync", Command(assembly, "o-1", 10m), CancellationToken.None));
            Assert.Equal("payment declined", failure.Message);
            Assert.Equal(0, store.Count);

            Set(handler, "Fail", false);
            var retried = await GeneratorHarness.InvokeAsync(handler, "PlaceIdempotentAsync", Command(assembly, "o-1", 10m), CancellationToken.None);

            Assert.Equal(2, Runs(handler));
            Assert.Equal(2, (int)retried!.GetType().GetProperty("Run")!.GetValue(retried)!);
        }

        [Fact]
        public async Task CancellationToken_FlowsToTheMethod()
        {
            var assembly = GeneratorHarness.EmitAndLoad(RunShop());
            var (handler, _) = CreateHandler(assembly);
            using var source = new CancellationTokenSource();

            await GeneratorHarness.InvokeAsync(handler, "PlaceIdempotentAsync", Command(assembly, "o-1", 10m), source.Token);

            Assert.Equal(source.Token, (CancellationToken)handler.GetType().GetProperty("SeenToken")!.GetValue(handler)!);
        }

        [Fact]
        public async Task CanceledToken_StopsBeforeTheWork()
        {
            var assembly = GeneratorHarness.EmitAndLoad(RunShop());
            var (handler, store) = CreateHandler(assembly);
            using var source = new CancellationTokenSource();
            await source.CancelAsync();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(
                () => GeneratorHarness.InvokeAsync(handler, "PlaceIdempotentAsync", Command(assembly, "o-1", 10m), source.Token));

            Assert.Equal(0, Runs(handler));
            Assert.Equal(0, store.Count);
        }

        [Fact]
        public async Task SyncAndValueTaskShapes_ReplayToo()
        {
            var assembly = GeneratorHarness.EmitAndLoad(RunShop());
            var (handler, _) = CreateHandler(assembly);
            var requestId = Guid.NewGuid();

            var count1 = await GeneratorHarness.InvokeAsync(handler, "CountIdempotentAsync", requestId, 3);
            var count2 = await GeneratorHarness.InvokeAsync(handler, "CountIdempotentAsync", requestId, 3);
            await GeneratorHarness.InvokeAsync(handler, "TouchIdempotentAsync", "o-1");
            await GeneratorHarness.InvokeAsync(handler, "TouchIdempotentAsync", "o-1");
            await GeneratorHarness.InvokeAsync(handler, "CancelIdempotentAsync", "o-1", null);
            await GeneratorHarness.InvokeAsync(handler, "CancelIdempotentAsync", "o-1", null);
            var quote1 = await ((ValueTask<string>)GeneratorHarness.InvokeValueTask(handler, "QuoteIdempotentAsync", Command(assembly, "o-9", 1m))!);
            var quote2 = await ((ValueTask<string>)GeneratorHarness.InvokeValueTask(handler, "QuoteIdempotentAsync", Command(assembly, "o-9", 1m))!);
            await ((ValueTask)GeneratorHarness.InvokeValueTask(handler, "PingIdempotentAsync", 7L)!);
            await ((ValueTask)GeneratorHarness.InvokeValueTask(handler, "PingIdempotentAsync", 7L)!);

            Assert.Equal(13, count1);
            Assert.Equal(count1, count2);
            Assert.Equal(quote1, quote2);
            Assert.Equal(5, Runs(handler));
        }

        [Fact]
        public async Task TwoMethods_WithTheSameKeyValue_NeverCollide()
        {
            var assembly = GeneratorHarness.EmitAndLoad(RunShop());
            var (handler, store) = CreateHandler(assembly);

            await GeneratorHarness.InvokeAsync(handler, "TouchIdempotentAsync", "o-1");
            await GeneratorHarness.InvokeAsync(handler, "CancelIdempotentAsync", "o-1", null);

            Assert.Equal(2, Runs(handler));
            Assert.Equal(2, store.Count);
        }

        [Fact]
        public async Task UnitOfWork_TheCompletedRecordCommitsInTheSameTransactionAsTheBusinessWrite()
        {
            var assembly = GeneratorHarness.EmitAndLoad(GeneratorHarness.Create(new IdempotentGenerator(), IdempotentSources.Transactional).Run());
            using var dynamo = new RecordingDynamoDb();
            var idempotency = new IdempotencyHandler(
                new DynamoDbIdempotencyStore(dynamo, "idempotency"),
                unitOfWorkFactory: new OutboxUnitOfWorkFactory(dynamo, new OutboxOptions { TableName = "stock" }));
            var handler = Activator.CreateInstance(assembly.GetType("Shop.StockHandler", throwOnError: true)!, idempotency)!;
            var command = Activator.CreateInstance(assembly.GetType("Shop.ReserveStock", throwOnError: true)!, "r-1", "sku-9", 2)!;

            var wrapper = handler.GetType().GetMethod("ReserveIdempotentAsync")!;
            var first = await GeneratorHarness.InvokeAsync(handler, "ReserveIdempotentAsync", command, CancellationToken.None);
            var replay = await GeneratorHarness.InvokeAsync(handler, "ReserveIdempotentAsync", command, CancellationToken.None);

            Assert.Equal(new[] { "command", "cancellationToken" }, wrapper.GetParameters().Select(p => p.Name));
            var transaction = Assert.Single(dynamo.Transactions);
            Assert.Equal(new[] { "stock", "idempotency" }, transaction.TransactItems.Select(i => i.Put.TableName));
            Assert.StartsWith("stock.reserve#", transaction.TransactItems[1].Put.Item["id"].S, StringComparison.Ordinal);
            Assert.Equal(1, Runs(handler));
            Assert.Equal(first, replay);
        }

        [Fact]
        public async Task NullMessage_WhoseMembersFormTheKey_IsRejected()
        {
            var assembly = GeneratorHarness.EmitAndLoad(RunShop());
            var (handler, store) = CreateHandler(assembly);

            var error = await Assert.ThrowsAsync<ArgumentNullException>(() => GeneratorHarness.InvokeAsync(handler, "NoteIdempotentAsync", new object?[] { null }));
            var note = await GeneratorHarness.InvokeAsync(handler, "NoteIdempotentAsync", Command(assembly, "o-5", 1m));

            Assert.Equal("command", error.ParamName);
            Assert.Equal("o-5", note);
            Assert.Equal(1, store.Count);
        }

        [Fact]
        public async Task NullKeyValue_IsRejectedBeforeTheStore()
        {
            var assembly = GeneratorHarness.EmitAndLoad(RunShop());
            var (handler, store) = CreateHandler(assembly);

            var error = await Assert.ThrowsAsync<ArgumentException>(() => GeneratorHarness.InvokeAsync(handler, "CancelIdempotentAsync", null, "why"));

            Assert.Equal("orderId", error.ParamName);
            Assert.Equal(0, store.Count);
        }
    }
}
