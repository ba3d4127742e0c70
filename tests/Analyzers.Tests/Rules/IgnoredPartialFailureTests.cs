using System.Threading.Tasks;
using Consistency.Testing;
using static Consistency.Analyzers.Tests.Rules.DualWriteTestSources;
using VerifyCS = Consistency.Testing.Verifiers.CSharpCodeFixVerifier<Consistency.Analyzers.Rules.SwallowedPublishFailureAnalyzer, Consistency.CodeFixes.Rules.SwallowedPublishFailureFixer>;

namespace Consistency.Analyzers.Tests.Rules
{
    /// <summary>CH0006, second half: batch publishes whose rejected entries are never read, and the check fix.</summary>
    public class IgnoredPartialFailureTests
    {
        private const string Lost = "the call succeeds while entries are rejected, and they are lost silently; check it and throw or retry the failed entries";

        private static DiagnosticResult Ignored(string operation, string member, int location = 0)
            => VerifyCS.Diagnostic().WithLocation(location).WithArguments(operation, "reports rejected entries in '" + member + "', which the flow never reads", Lost);

        [Fact]
        public Task AwaitedStatement_IsKeptAndChecked()
            => VerifyCS.VerifyCodeFixAsync(Service("""
                public async Task PublishAsync(PutEventsRequest request)
                {
                    await {|#0:_eventBridge.PutEventsAsync(request)|};
                }
            """), Ignored("PutEventsAsync", "PutEventsResponse.FailedEntryCount"), Service("""
                public async Task PublishAsync(PutEventsRequest request)
                {
                    var response = await _eventBridge.PutEventsAsync(request);
                    if (response.FailedEntryCount > 0)
                    {
                        throw new InvalidOperationException("PutEventsAsync did not accept every entry (FailedEntryCount): retry or dead-letter the failed entries.");
                    }
                }
            """));

        [Fact]
        public Task LocalNeverChecked_GetsTheCheckAfterIt()
            => VerifyCS.VerifyCodeFixAsync(Service("""
                public async Task<string?> PublishAsync(Amazon.Kinesis.Model.PutRecordsRequest request)
                {
                    var result = await {|#0:_kinesis.PutRecordsAsync(request)|};
                    return result.ResponseMetadata?.RequestId;
                }
            """), Ignored("PutRecordsAsync", "PutRecordsResponse.FailedRecordCount"), Service("""
                public async Task<string?> PublishAsync(Amazon.Kinesis.Model.PutRecordsRequest request)
                {
                    var result = await _kinesis.PutRecordsAsync(request);
                    if (result.FailedRecordCount > 0)
                    {
                        throw new InvalidOperationException("PutRecordsAsync did not accept every entry (FailedRecordCount): retry or dead-letter the failed entries.");
                    }

                    return result.ResponseMetadata?.RequestId;
                }
            """));

        [Fact]
        public Task DiscardedListFailure_ChecksTheCount()
            => VerifyCS.VerifyCodeFixAsync(Service("""
                public async Task PublishAsync(List<SendMessageBatchRequestEntry> entries)
                {
                    _ = await {|#0:_sqs.SendMessageBatchAsync("q", entries)|};
                }
            """), Ignored("SendMessageBatchAsync", "SendMessageBatchResponse.Failed"), Service("""
                public async Task PublishAsync(List<SendMessageBatchRequestEntry> entries)
                {
                    var response = await _sqs.SendMessageBatchAsync("q", entries);
                    if (response.Failed is { Count: > 0 })
                    {
                        throw new InvalidOperationException("SendMessageBatchAsync did not accept every entry (Failed): retry or dead-letter the failed entries.");
                    }
                }
            """));

        [Fact]
        public Task InLoopAndBranch_WithFixAll_NamesLocalsApart()
            => VerifyCS.VerifyCodeFixAsync(Service("""
                public async Task RelayAsync(List<PublishBatchRequest> batches, Amazon.KinesisFirehose.Model.PutRecordBatchRequest records, bool archive)
                {
                    foreach (var batch in batches)
                    {
                        await {|#0:_sns.PublishBatchAsync(batch)|};
                    }

                    if (archive)
                    {
                        await {|#1:_firehose.PutRecordBatchAsync(records)|};
                    }
                }
            """), new[]
            {
                Ignored("PublishBatchAsync", "PublishBatchResponse.Failed"),
                Ignored("PutRecordBatchAsync", "PutRecordBatchResponse.FailedPutCount", 1),
            }, Service("""
                public async Task RelayAsync(List<PublishBatchRequest> batches, Amazon.KinesisFirehose.Model.PutRecordBatchRequest records, bool archive)
                {
                    foreach (var batch in batches)
                    {
                        var response = await _sns.PublishBatchAsync(batch);
                        if (response.Failed is { Count: > 0 })
                        {
                            throw new InvalidOperationException("PublishBatchAsync did not accept every entry (Failed): retry or dead-letter the failed entries.");
                        }
                    }

                    if (archive)
                    {
                        var response2 = await _firehose.PutRecordBatchAsync(records);
                        if (response2.FailedPutCount > 0)
                        {
                            throw new InvalidOperationException("PutRecordBatchAsync did not accept every entry (FailedPutCount): retry or dead-letter the failed entries.");
                        }
                    }
                }
            """));

        [Fact]
        public Task ExpressionBody_IsReportedWithoutFix()
        {
            string source = Service("""
                public async Task PublishAsync(PutEventsRequest request) => _ = await {|#0:_eventBridge.PutEventsAsync(request)|};
            """);
            var test = new VerifyCS.Test { TestCode = source, FixedCode = source };
            test.ExpectedDiagnostics.Add(Ignored("PutEventsAsync", "PutEventsResponse.FailedEntryCount"));
            test.FixedState.ExpectedDiagnostics.Add(Ignored("PutEventsAsync", "PutEventsResponse.FailedEntryCount"));
            return test.RunAsync();
        }

        [Fact]
        public Task CheckedOrHandedOn_IsNotReported()
            => VerifyCS.VerifyAnalyzerAsync(Service("""
                public async Task CountAsync(PutEventsRequest request)
                {
                    var response = await _eventBridge.PutEventsAsync(request);
                    if (response.FailedEntryCount > 0) { throw new InvalidOperationException(); }
                }

                public async Task EntriesAsync(PutEventsRequest request)
                {
                    var response = await _eventBridge.PutEventsAsync(request);
                    foreach (var entry in response.Entries!)
                    {
                        if (entry.ErrorCode is not null) { throw new InvalidOperationException(entry.ErrorMessage); }
                    }
                }

                public async Task ListAsync(List<SendMessageBatchRequestEntry> entries)
                {
                    SendMessageBatchResponse response;
                    response = await _sqs.SendMessageBatchAsync("q", entries);
                    if (response.Failed?.Count > 0) { throw new InvalidOperationException(); }
                }

                public async Task<int?> InlineAsync(Amazon.Kinesis.Model.PutRecordsRequest request)
                    => (await _kinesis.PutRecordsAsync(request)).FailedRecordCount;

                public Task<Amazon.Kinesis.Model.PutRecordsResponse> ReturnedAsync(Amazon.Kinesis.Model.PutRecordsRequest request)
                    => _kinesis.PutRecordsAsync(request);

                public async Task PassedAsync(PutEventsRequest request)
                {
                    var response = await _eventBridge.PutEventsAsync(request);
                    Inspect(response);
                }

                public async Task SingleSendAsync(Order order)
                {
                    await _sqs.SendMessageAsync("q", order.Id);
                    await _kinesis.PutRecordAsync(new Amazon.Kinesis.Model.PutRecordRequest());
                }

                private static void Inspect(PutEventsResponse response) { }
            """));
    }
}
