using System.Threading.Tasks;
using Consistency.Testing;
using static Consistency.Analyzers.Tests.Rules.DualWriteTestSources;
using VerifyCS = Consistency.Testing.Verifiers.CSharpCodeFixVerifier<Consistency.Analyzers.Rules.FireAndForgetAnalyzer, Consistency.CodeFixes.Rules.FireAndForgetFixer>;

namespace Consistency.Analyzers.Tests.Rules
{
    /// <summary>CH0011: publishes and writes whose task nobody observes, in every shape, and the await fix.</summary>
    public class FireAndForgetAnalyzerTests
    {
        private const string Discarded = "its task is discarded";

        private static DiagnosticResult Lost(string name, string what, string how) => VerifyCS.Diagnostic().WithLocation(0).WithArguments(name, what, how);

        private static DiagnosticResult Publish(string name, string how = Discarded) => Lost(name, "publishes", how);

        /// <summary>Reported, and no fix is offered: the fixed code equals the input and keeps the diagnostics.</summary>
        private static Task NoFixAsync(string source, params DiagnosticResult[] expected)
        {
            var test = new VerifyCS.Test { TestCode = source, FixedCode = source };
            test.ExpectedDiagnostics.AddRange(expected);
            test.FixedState.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync();
        }

        // Positives ------------------------------------------------------------------------------------------------

        [Fact]
        public Task DiscardInAsyncMethod_IsAwaited()
            => VerifyCS.VerifyCodeFixAsync(Service("""
                public async Task PlaceAsync(Order order)
                {
                    await Task.Yield();
                    _ = {|#0:_sqs.SendMessageAsync("q", order.Id)|};
                }
            """), Publish("SendMessageAsync"), Service("""
                public async Task PlaceAsync(Order order)
                {
                    await Task.Yield();
                    await _sqs.SendMessageAsync("q", order.Id);
                }
            """));

        [Fact]
        public Task CallStatementWithoutAwait_IsAwaited()
            => VerifyCS.VerifyCodeFixAsync(Service("""
                public async Task PlaceAsync(Order order)
                {
                    await _context.SaveAsync(order);
            #pragma warning disable CS4014
                    {|#0:_sns.PublishAsync("arn", order.Id)|};
            #pragma warning restore CS4014
                }
            """), Publish("PublishAsync"), Service("""
                public async Task PlaceAsync(Order order)
                {
                    await _context.SaveAsync(order);
            #pragma warning disable CS4014
                    await _sns.PublishAsync("arn", order.Id);
            #pragma warning restore CS4014
                }
            """));

        [Fact]
        public Task DiscardedWrite_InPrivateVoidMethod_BecomesAsyncTask_AndItsCallsAreAwaited()
            => VerifyCS.VerifyCodeFixAsync(Service("""
                public async Task PlaceAsync(Order order)
                {
                    await Task.Yield();
                    Store(order);
                    this.Store(order);
                }

                private void Store(Order order)
                {
                    _ = {|#0:_ddb.PutItemAsync(new PutItemRequest())|};
                }
            """), Lost("PutItemAsync", "writes the database", Discarded), Service("""
                public async Task PlaceAsync(Order order)
                {
                    await Task.Yield();
                    await Store(order);
                    await this.Store(order);
                }

                private async Task Store(Order order)
                {
                    await _ddb.PutItemAsync(new PutItemRequest());
                }
            """));

        [Fact]
        public Task PrivateVoidMethodCalledFromSyncCode_IsReportedWithoutFix()
            => NoFixAsync(Service("""
                public void Place(Order order) => Store(order);

                private void Store(Order order)
                {
                    _ = {|#0:_ddb.PutItemAsync(new PutItemRequest())|};
                }
            """), Lost("PutItemAsync", "writes the database", Discarded));

        [Fact]
        public Task ExpressionBodiedPrivateVoidMethod_BecomesAsyncTask()
            => VerifyCS.VerifyCodeFixAsync(Service("""
                private void Notify(Order order) => _ = {|#0:_sqs.SendMessageAsync("q", order.Id)|};
            """), Publish("SendMessageAsync"), Service("""
                private async Task Notify(Order order) => await _sqs.SendMessageAsync("q", order.Id);
            """));

        [Fact]
        public Task SyncLocalFunction_BecomesAsyncTask()
            => VerifyCS.VerifyCodeFixAsync(Service("""
                public async Task PlaceAsync(Order order)
                {
                    await Task.Yield();
                    Notify();

                    void Notify()
                    {
                        _ = {|#0:_sqs.SendMessageAsync("q", order.Id)|};
                    }
                }
            """), Publish("SendMessageAsync"), Service("""
                public async Task PlaceAsync(Order order)
                {
                    await Task.Yield();
                    await Notify();

                    async Task Notify()
                    {
                        await _sqs.SendMessageAsync("q", order.Id);
                    }
                }
            """));

        [Fact]
        public Task PublicVoidMethod_IsReportedWithoutFix()
            => NoFixAsync(Service("""
                public void Notify(Order order)
                {
                    _ = {|#0:_sqs.SendMessageAsync("q", order.Id)|};
                }
            """), Publish("SendMessageAsync"));

        [Fact]
        public Task PrivateVoidMethodUsedAsDelegate_IsReportedWithoutFix()
            => NoFixAsync(Service("""
                public Action<Order> Handler => Notify;

                private void Notify(Order order)
                {
                    _ = {|#0:_sqs.SendMessageAsync("q", order.Id)|};
                }
            """), Publish("SendMessageAsync"));

        [Fact]
        public Task TaskRunDiscarded_AwaitsTheRun()
            => VerifyCS.VerifyCodeFixAsync(Service("""
                public async Task PlaceAsync(Order order)
                {
                    await _context.SaveAsync(order);
                    _ = {|#1:Task.Run(() => {|#0:_sqs.SendMessageAsync("q", order.Id)|})|};
                }
            """), Publish("SendMessageAsync", "it runs in 'Run' whose task is discarded").WithLocation(1), Service("""
                public async Task PlaceAsync(Order order)
                {
                    await _context.SaveAsync(order);
                    await Task.Run(() => _sqs.SendMessageAsync("q", order.Id));
                }
            """));

        [Fact]
        public Task AsyncLambdaInDiscardedTaskRun_IsReported()
            => VerifyCS.VerifyCodeFixAsync(Service("""
                public async Task PlaceAsync(Order order)
                {
                    await Task.Yield();
            #pragma warning disable CS4014
                    {|#1:Task.Run(async () =>
                    {
                        await {|#0:_kinesis.PutRecordAsync(new Amazon.Kinesis.Model.PutRecordRequest())|};
                    })|};
            #pragma warning restore CS4014
                }
            """), Publish("PutRecordAsync", "it runs in 'Run' whose task is discarded").WithLocation(1), Service("""
                public async Task PlaceAsync(Order order)
                {
                    await Task.Yield();
            #pragma warning disable CS4014
                    await Task.Run(async () =>
                    {
                        await _kinesis.PutRecordAsync(new Amazon.Kinesis.Model.PutRecordRequest());
                    });
            #pragma warning restore CS4014
                }
            """));

        [Fact]
        public Task ContinueWithDiscarded_IsReported()
            => VerifyCS.VerifyCodeFixAsync(Service("""
                public async Task PlaceAsync(Order order)
                {
                    await Task.Yield();
                    _ = {|#1:{|#0:_sqs.SendMessageAsync("q", order.Id)|}.ContinueWith(t => Console.WriteLine(t.Status))|};
                }
            """), Publish("SendMessageAsync", "it runs in 'ContinueWith' whose task is discarded").WithLocation(1), Service("""
                public async Task PlaceAsync(Order order)
                {
                    await Task.Yield();
                    await _sqs.SendMessageAsync("q", order.Id).ContinueWith(t => Console.WriteLine(t.Status));
                }
            """));

        [Fact]
        public Task WhenAllDiscarded_ReportsEveryTask()
            => VerifyCS.VerifyCodeFixAsync(Service("""
                public async Task PlaceAsync(Order order)
                {
                    await Task.Yield();
                    _ = {|#2:Task.WhenAll({|#0:_sqs.SendMessageAsync("q", order.Id)|}, {|#1:_sns.PublishAsync("arn", order.Id)|})|};
                }
            """), new[]
            {
                Publish("SendMessageAsync", "it runs in 'WhenAll' whose task is discarded").WithLocation(2),
                VerifyCS.Diagnostic().WithLocation(1).WithLocation(2).WithArguments("PublishAsync", "publishes", "it runs in 'WhenAll' whose task is discarded"),
            }, Service("""
                public async Task PlaceAsync(Order order)
                {
                    await Task.Yield();
                    await Task.WhenAll(_sqs.SendMessageAsync("q", order.Id), _sns.PublishAsync("arn", order.Id));
                }
            """));

        [Fact]
        public Task AsyncVoidLambda_IsReportedWithoutFix()
            => NoFixAsync(Service("""
                public void PlaceAll(List<Order> orders)
                {
                    orders.ForEach({|#1:async o => await {|#0:_sqs.SendMessageAsync("q", o.Id)|}|});
                }
            """), Publish("SendMessageAsync", "it is awaited in an async void lambda that nobody awaits").WithLocation(1));

        [Fact]
        public Task AsyncVoidEventHandler_IsReportedWithoutFix()
            => NoFixAsync(Service("""
                public async void OnOrderPlaced(object? sender, EventArgs e)
                {
                    await {|#0:_eventBridge.PutEventsAsync(new PutEventsRequest())|};
                }
            """), Publish("PutEventsAsync", "it is awaited in async void 'OnOrderPlaced' that nobody awaits"));

        [Fact]
        public Task HelperThatPublishes_IsReportedAtTheCall()
            => VerifyCS.VerifyCodeFixAsync(Service("""
                public async Task PlaceAsync(Order order)
                {
                    await _context.SaveAsync(order);
                    _ = {|#0:PublishAsync(order)|};
                }

                private Task PublishAsync(Order order) => {|#1:_sqs.SendMessageAsync("q", order.Id)|};
            """), Lost("PublishAsync", "publishes in 'SendMessageAsync'", Discarded).WithLocation(1), Service("""
                public async Task PlaceAsync(Order order)
                {
                    await _context.SaveAsync(order);
                    await PublishAsync(order);
                }

                private Task PublishAsync(Order order) => _sqs.SendMessageAsync("q", order.Id);
            """));

        [Fact]
        public Task InLoopBranchAndFinally_AllAwaited()
            => VerifyCS.VerifyCodeFixAsync(Service("""
                public async Task PlaceAllAsync(List<Order> orders, bool notify)
                {
                    try
                    {
                        foreach (var order in orders)
                        {
                            if (notify)
                            {
                                _ = {|#0:_sqs.SendMessageAsync("q", order.Id)|};
                            }
                        }
                    }
                    finally
                    {
                        _ = {|#1:_ddb.PutItemAsync(new PutItemRequest())|};
                    }

                    await Task.Yield();
                }
            """), new[]
            {
                Publish("SendMessageAsync"),
                VerifyCS.Diagnostic().WithLocation(1).WithArguments("PutItemAsync", "writes the database", Discarded),
            }, Service("""
                public async Task PlaceAllAsync(List<Order> orders, bool notify)
                {
                    try
                    {
                        foreach (var order in orders)
                        {
                            if (notify)
                            {
                                await _sqs.SendMessageAsync("q", order.Id);
                            }
                        }
                    }
                    finally
                    {
                        await _ddb.PutItemAsync(new PutItemRequest());
                    }

                    await Task.Yield();
                }
            """));

        [Fact]
        public Task FixAll_FixesEveryHazardOfTheFile()
            => VerifyCS.VerifyCodeFixAsync(Service("""
                public async Task PlaceAsync(Order order)
                {
                    await Task.Yield();
                    _ = {|#0:_sqs.SendMessageAsync("q", order.Id)|};
                    _ = {|#1:_db.SaveChangesAsync()|};
                }

                private void Notify(Order order)
                {
                    _ = {|#2:_sns.PublishAsync("arn", order.Id)|};
                    _ = {|#3:_firehose.PutRecordAsync("stream", new Amazon.KinesisFirehose.Model.Record())|};
                }

                public async Task RunAsync(Order order)
                {
                    await PlaceAsync(order);
                    Notify(order);
                }
            """), new[]
            {
                Publish("SendMessageAsync"),
                VerifyCS.Diagnostic().WithLocation(1).WithArguments("SaveChangesAsync", "writes the database", Discarded),
                VerifyCS.Diagnostic().WithLocation(2).WithArguments("PublishAsync", "publishes", Discarded),
                VerifyCS.Diagnostic().WithLocation(3).WithArguments("PutRecordAsync", "publishes", Discarded),
            }, Service("""
                public async Task PlaceAsync(Order order)
                {
                    await Task.Yield();
                    await _sqs.SendMessageAsync("q", order.Id);
                    await _db.SaveChangesAsync();
                }

                private async Task Notify(Order order)
                {
                    await _sns.PublishAsync("arn", order.Id);
                    await _firehose.PutRecordAsync("stream", new Amazon.KinesisFirehose.Model.Record());
                }

                public async Task RunAsync(Order order)
                {
                    await PlaceAsync(order);
                    await Notify(order);
                }
            """));

        [Fact]
        public Task ConstructorLockAndSyncLambda_AreReportedWithoutFix()
            => NoFixAsync(Service("""
                private readonly object _gate = new();

                public OrderService(Order order)
                {
                    _ = {|#0:_sqs.SendMessageAsync("q", order.Id)|};
                }

                public async Task LockedAsync(Order order)
                {
                    await Task.Yield();
                    lock (_gate)
                    {
                        _ = {|#1:_sns.PublishAsync("arn", order.Id)|};
                    }
                }

                public Func<Task> Deferred(Order order) => () =>
                {
                    _ = {|#2:_ddb.PutItemAsync(new PutItemRequest())|};
                    return Task.CompletedTask;
                };
            """),
                Publish("SendMessageAsync"),
                VerifyCS.Diagnostic().WithLocation(1).WithArguments("PublishAsync", "publishes", Discarded),
                VerifyCS.Diagnostic().WithLocation(2).WithArguments("PutItemAsync", "writes the database", Discarded));

        [Fact]
        public Task ConfigureAwaitDiscardedInSwitch_IsAwaited()
            => VerifyCS.VerifyCodeFixAsync(Service("""
                public async Task RouteAsync(Order order, int kind)
                {
                    await Task.Yield();
                    switch (kind)
                    {
                        case 1:
                            _ = {|#1:{|#0:_sqs.SendMessageAsync("q", order.Id)|}.ConfigureAwait(false)|};
                            break;
                        default:
                            break;
                    }
                }
            """), Publish("SendMessageAsync", "it runs in 'ConfigureAwait' whose task is discarded").WithLocation(1), Service("""
                public async Task RouteAsync(Order order, int kind)
                {
                    await Task.Yield();
                    switch (kind)
                    {
                        case 1:
                            await _sqs.SendMessageAsync("q", order.Id).ConfigureAwait(false);
                            break;
                        default:
                            break;
                    }
                }
            """));

        // Negatives ------------------------------------------------------------------------------------------------

        [Fact]
        public Task ObservedTasks_AreNotReported()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task AwaitedAsync(Order order) => await _sqs.SendMessageAsync("q", order.Id);

                public Task ReturnedAsync(Order order) => _sqs.SendMessageAsync("q", order.Id);

                public Task ReturnedFromBlock(Order order)
                {
                    return _ddb.PutItemAsync(new PutItemRequest());
                }

                public async Task StoredThenAwaitedAsync(Order order)
                {
                    var sent = _sqs.SendMessageAsync("q", order.Id);
                    await _context.SaveAsync(order);
                    await sent;
                }

                public async Task WhenAllAwaitedAsync(Order order)
                    => await Task.WhenAll(_sqs.SendMessageAsync("q", order.Id), _sns.PublishAsync("arn", order.Id));

                public async Task RunAwaitedAsync(Order order) => await Task.Run(() => _sqs.SendMessageAsync("q", order.Id));

                public async Task ConfiguredAsync(Order order) => await _sqs.SendMessageAsync("q", order.Id).ConfigureAwait(false);

                public void Blocking(Order order)
                {
                    _sqs.SendMessageAsync("q", order.Id).GetAwaiter().GetResult();
                    _sns.PublishAsync("arn", order.Id).Wait();
                }

                public Task Collected(List<Order> orders)
                {
                    var tasks = new List<Task>();
                    foreach (var order in orders)
                    {
                        tasks.Add(_sqs.SendMessageAsync("q", order.Id));
                    }

                    return Task.WhenAll(tasks);
                }

                public Task Retried(Order order) => Retry(() => _sqs.SendMessageAsync("q", order.Id));

                public Func<Task> Deferred(Order order) => async () => await _sqs.SendMessageAsync("q", order.Id);

                private static Task Retry(Func<Task> action) => action();
            """));

        [Fact]
        public Task ReadsAndNonEffects_AreNotReported()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public void Fire(Order order)
                {
                    _ = _ddb.GetItemAsync(new GetItemRequest());
                    _ = Task.Delay(10);
                    _ = LogAsync(order);
                    _ = _http.GetAsync("https://example.com");
                }

                private Task LogAsync(Order order) => Task.CompletedTask;
            """));
    }
}
