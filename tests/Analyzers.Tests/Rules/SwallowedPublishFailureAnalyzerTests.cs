using System.Threading.Tasks;
using Consistency.Testing;
using static Consistency.Analyzers.Tests.Rules.DualWriteTestSources;
using VerifyCS = Consistency.Testing.Verifiers.CSharpCodeFixVerifier<Consistency.Analyzers.Rules.SwallowedPublishFailureAnalyzer, Consistency.CodeFixes.Rules.SwallowedPublishFailureFixer>;

namespace Consistency.Analyzers.Tests.Rules
{
    /// <summary>CH0006, first half: a publish whose failure a catch swallows, and the rethrow fix.</summary>
    public class SwallowedPublishFailureAnalyzerTests
    {
        private const string Lost = "the message is lost silently; rethrow it (or report a batch item failure) so that it is retried";

        internal static DiagnosticResult Swallowed(string publish, string catchText, string? write = null)
            => VerifyCS.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                publish,
                "can fail into '" + catchText + "', which neither rethrows nor records the failure" + (write is null ? string.Empty : " after '" + write + "' wrote the database"),
                Lost);

        [Fact]
        public Task CatchThatLogs_GetsRethrow()
            => VerifyCS.VerifyCodeFixAsync(Service("""
                public async Task NotifyAsync(Order order)
                {
                    try
                    {
                        await {|#0:_sqs.SendMessageAsync("q", order.Id)|};
                    }
                    {|#1:catch|} (Exception ex)
                    {
                        Console.WriteLine(ex);
                    }
                }
            """), Swallowed("SendMessageAsync", "catch (Exception)"), Service("""
                public async Task NotifyAsync(Order order)
                {
                    try
                    {
                        await _sqs.SendMessageAsync("q", order.Id);
                    }
                    catch (Exception ex)
                    {
                        Console.WriteLine(ex);
                        throw;
                    }
                }
            """));

        [Fact]
        public Task AfterADatabaseWrite_NamesTheWrite()
            => VerifyCS.VerifyCodeFixAsync(Service("""
                public async Task PlaceAsync(Order order)
                {
                    await _ddb.PutItemAsync(new PutItemRequest());
                    try
                    {
                        await {|#0:_sns.PublishAsync("arn", order.Id)|};
                    }
                    {|#1:catch|}
                    {
                        return;
                    }
                }
            """), Swallowed("PublishAsync", "catch", write: "PutItemAsync"), Service("""
                public async Task PlaceAsync(Order order)
                {
                    await _ddb.PutItemAsync(new PutItemRequest());
                    try
                    {
                        await _sns.PublishAsync("arn", order.Id);
                    }
                    catch
                    {
                        throw;
                    }
                }
            """));

        [Fact]
        public Task RelayLoopThatContinues_ReplacesContinue()
            => VerifyCS.VerifyCodeFixAsync(Service("""
                public async Task RelayAsync(List<OutboxMessage> messages)
                {
                    foreach (var message in messages)
                    {
                        try
                        {
                            await {|#0:_eventBridge.PutEventsAsync(new PutEventsRequest())|}.ConfigureAwait(false);
                        }
                        {|#1:catch|} (Amazon.Runtime.AmazonServiceException e)
                        {
                            Console.WriteLine(e.Message);
                            continue;
                        }

                        message.ProcessedAt = DateTime.UtcNow;
                    }
                }
            """), Swallowed("PutEventsAsync", "catch (AmazonServiceException)"), Service("""
                public async Task RelayAsync(List<OutboxMessage> messages)
                {
                    foreach (var message in messages)
                    {
                        try
                        {
                            await _eventBridge.PutEventsAsync(new PutEventsRequest()).ConfigureAwait(false);
                        }
                        catch (Amazon.Runtime.AmazonServiceException e)
                        {
                            Console.WriteLine(e.Message);
                            throw;
                        }

                        message.ProcessedAt = DateTime.UtcNow;
                    }
                }
            """));

        [Fact]
        public Task PublishInHelper_IsReportedAtTheCall()
            => VerifyCS.VerifyCodeFixAsync(Service("""
                public async Task PlaceAsync(Order order)
                {
                    try
                    {
                        await {|#0:PublishAsync(order)|};
                    }
                    {|#1:catch|} (Exception)
                    {
                    }
                }

                private Task PublishAsync(Order order) => {|#2:_kinesis.PutRecordAsync(new Amazon.Kinesis.Model.PutRecordRequest())|};
            """), Swallowed("PutRecordAsync", "catch (Exception)").WithLocation(2), Service("""
                public async Task PlaceAsync(Order order)
                {
                    try
                    {
                        await PublishAsync(order);
                    }
                    catch (Exception)
                    {
                        throw;
                    }
                }

                private Task PublishAsync(Order order) => _kinesis.PutRecordAsync(new Amazon.Kinesis.Model.PutRecordRequest());
            """));

        [Fact]
        public Task LocalFunctionLambdaAndSyncWait_AreFollowed()
            => VerifyCS.VerifyCodeFixAsync(Service("""
                public async Task LocalAsync(Order order)
                {
                    try
                    {
                        await {|#0:Send()|};
                    }
                    {|#1:catch|}
                    {
                    }

                    Task Send() => {|#2:_sqs.SendMessageAsync("q", order.Id)|};
                }

                public async Task LambdaAsync(Order order)
                {
                    try
                    {
                        await Retry(() => {|#3:_sns.PublishAsync("arn", order.Id)|});
                    }
                    {|#4:catch|} (Exception)
                    {
                        Console.WriteLine("failed");
                    }
                }

                public void Blocking(Order order)
                {
                    try
                    {
                        {|#5:_sqs.SendMessageAsync("q", order.Id)|}.Wait();
                    }
                    {|#6:catch|} (AggregateException)
                    {
                    }
                    finally
                    {
                        Console.WriteLine("done");
                    }
                }

                private static Task Retry(Func<Task> action) => action();
            """), new[]
            {
                Swallowed("SendMessageAsync", "catch").WithLocation(2),
                VerifyCS.Diagnostic().WithLocation(3).WithLocation(4).WithArguments("PublishAsync", "can fail into 'catch (Exception)', which neither rethrows nor records the failure", Lost),
                VerifyCS.Diagnostic().WithLocation(5).WithLocation(6).WithArguments("SendMessageAsync", "can fail into 'catch (AggregateException)', which neither rethrows nor records the failure", Lost),
            }, Service("""
                public async Task LocalAsync(Order order)
                {
                    try
                    {
                        await Send();
                    }
                    catch
                    {
                        throw;
                    }

                    Task Send() => _sqs.SendMessageAsync("q", order.Id);
                }

                public async Task LambdaAsync(Order order)
                {
                    try
                    {
                        await Retry(() => _sns.PublishAsync("arn", order.Id));
                    }
                    catch (Exception)
                    {
                        Console.WriteLine("failed");
                        throw;
                    }
                }

                public void Blocking(Order order)
                {
                    try
                    {
                        _sqs.SendMessageAsync("q", order.Id).Wait();
                    }
                    catch (AggregateException)
                    {
                        throw;
                    }
                    finally
                    {
                        Console.WriteLine("done");
                    }
                }

                private static Task Retry(Func<Task> action) => action();
            """));

        [Fact]
        public Task NestedTry_ReportsOnlyTheInnerSwallow()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task NotifyAsync(Order order)
                {
                    try
                    {
                        try
                        {
                            await {|#0:_sqs.SendMessageAsync("q", order.Id)|};
                        }
                        {|#1:catch|} (Exception)
                        {
                        }
                    }
                    catch (Exception)
                    {
                    }
                }
            """), Swallowed("SendMessageAsync", "catch (Exception)"));

        [Fact]
        public Task ReturnInALambdaOfTheCatch_DoesNotHandleIt()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task NotifyAsync(Order order)
                {
                    try
                    {
                        await {|#0:_sqs.SendMessageAsync("q", order.Id)|};
                    }
                    {|#1:catch|} (Exception ex)
                    {
                        Func<string> describe = () => { return ex.Message; };
                        Console.WriteLine(describe());
                    }
                }
            """), Swallowed("SendMessageAsync", "catch (Exception)"));

        [Fact]
        public Task HandlingCatches_AreNotReported()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                private readonly List<string> _failed = new();
                private int _failures;

                public async Task RethrowAsync(Order order)
                {
                    try { await _sqs.SendMessageAsync("q", order.Id); }
                    catch (Exception ex) { Console.WriteLine(ex); throw; }
                }

                public async Task WrapAsync(Order order)
                {
                    try { await _sqs.SendMessageAsync("q", order.Id); }
                    catch (Exception ex) { throw new InvalidOperationException("publish failed", ex); }
                }

                public async Task<bool> ReturnAsync(Order order)
                {
                    try { await _sqs.SendMessageAsync("q", order.Id); return true; }
                    catch (Exception) { return false; }
                }

                public async Task<List<string>> CollectAsync(List<Order> orders)
                {
                    var failures = new List<string>();
                    foreach (var order in orders)
                    {
                        try { await _sns.PublishAsync("arn", order.Id); }
                        catch (Exception) { failures.Add(order.Id); }
                    }

                    return failures;
                }

                public async Task FlagAsync(Order order)
                {
                    bool failed = false;
                    try { await _sqs.SendMessageAsync("q", order.Id); }
                    catch (Exception) { failed = true; }

                    if (failed) { _failures++; }
                }

                public async Task FieldAsync(Order order)
                {
                    try { await _sqs.SendMessageAsync("q", order.Id); }
                    catch (Exception) { _failures++; }
                }

                public async Task CancelledAsync(Order order, CancellationToken ct)
                {
                    try { await _sqs.SendMessageAsync("q", order.Id, ct); }
                    catch (OperationCanceledException) { }
                }

                public async Task DispatchInfoAsync(Order order)
                {
                    try { await _sqs.SendMessageAsync("q", order.Id); }
                    catch (Exception ex) { System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex).Throw(); }
                }

                public async Task NoPublishAsync(Order order)
                {
                    try { await _ddb.PutItemAsync(new PutItemRequest()); }
                    catch (Exception) { }
                }

                public async Task ReadOnlyAsync(Order order)
                {
                    try { await _ddb.GetItemAsync(new GetItemRequest()); }
                    catch (Exception) { }
                }

                public async Task NoCatchAsync(Order order)
                {
                    try { await _sqs.SendMessageAsync("q", order.Id); }
                    finally { Console.WriteLine("done"); }
                }

                public async Task LocalFunctionNotCalledAsync(Order order)
                {
                    try
                    {
                        Task Send() => _sqs.SendMessageAsync("q", order.Id);
                        await Task.Yield();
                    }
                    catch (Exception) { }
                }
            """));

        [Fact]
        public Task RelayThatMarksOnlyAfterThePublish_IsNotReported()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task RelayAsync()
                {
                    var pending = await _db.OutboxMessages.Where(m => m.ProcessedAt == null).ToListAsync();
                    foreach (var message in pending)
                    {
                        try
                        {
                            await _sqs.SendMessageAsync("q", message.Payload);
                            message.ProcessedAt = DateTime.UtcNow;
                            await _db.SaveChangesAsync();
                        }
                        catch (Exception ex)
                        {
                            Console.WriteLine(ex); // the message stays pending: the next pass publishes it again
                        }
                    }
                }
            """));

        [Fact]
        public Task RelayThatMarksEvenWhenThePublishFailed_IsReported()
            => VerifyCS.VerifyCodeFixAsync(Service("""
                public async Task RelayAsync()
                {
                    var pending = await _db.OutboxMessages.Where(m => m.ProcessedAt == null).ToListAsync();
                    foreach (var message in pending)
                    {
                        try
                        {
                            await {|#0:_sqs.SendMessageAsync("q", message.Payload)|};
                        }
                        {|#1:catch|} (Exception ex)
                        {
                            Console.WriteLine(ex);
                        }

                        message.ProcessedAt = DateTime.UtcNow;
                        await _db.SaveChangesAsync();
                    }
                }
            """), Swallowed("SendMessageAsync", "catch (Exception)", write: "SaveChangesAsync"), Service("""
                public async Task RelayAsync()
                {
                    var pending = await _db.OutboxMessages.Where(m => m.ProcessedAt == null).ToListAsync();
                    foreach (var message in pending)
                    {
                        try
                        {
                            await _sqs.SendMessageAsync("q", message.Payload);
                        }
                        catch (Exception ex)
                        {
                            Console.WriteLine(ex);
                            throw;
                        }

                        message.ProcessedAt = DateTime.UtcNow;
                        await _db.SaveChangesAsync();
                    }
                }
            """));

        [Fact]
        public Task FixAll_RethrowsInEveryCatch()
            => VerifyCS.VerifyCodeFixAsync(Service("""
                public async Task AAsync(Order order)
                {
                    try
                    {
                        await {|#0:_sqs.SendMessageAsync("q", order.Id)|};
                    }
                    {|#1:catch|} (Exception ex)
                    {
                        Console.WriteLine(ex);
                    }
                }

                public async Task BAsync(Order order)
                {
                    try
                    {
                        await {|#2:_sns.PublishAsync("arn", order.Id)|};
                    }
                    {|#3:catch|}
                    {
                        return;
                    }
                }
            """), new[]
            {
                Swallowed("SendMessageAsync", "catch (Exception)"),
                VerifyCS.Diagnostic().WithLocation(2).WithLocation(3).WithArguments("PublishAsync", "can fail into 'catch', which neither rethrows nor records the failure", Lost),
            }, Service("""
                public async Task AAsync(Order order)
                {
                    try
                    {
                        await _sqs.SendMessageAsync("q", order.Id);
                    }
                    catch (Exception ex)
                    {
                        Console.WriteLine(ex);
                        throw;
                    }
                }

                public async Task BAsync(Order order)
                {
                    try
                    {
                        await _sns.PublishAsync("arn", order.Id);
                    }
                    catch
                    {
                        throw;
                    }
                }
            """));
    }
}
