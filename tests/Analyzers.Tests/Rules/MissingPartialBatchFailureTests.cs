using System.Threading.Tasks;
using Consistency.Testing;
using static Consistency.Analyzers.Tests.Rules.NonIdempotentHandlerTestSources;
using Verify = Consistency.Analyzers.Tests.Rules.HandlerRuleVerifier<Consistency.Analyzers.Rules.MissingPartialBatchFailureAnalyzer, Consistency.CodeFixes.Rules.MissingPartialBatchFailureFixer>;

namespace Consistency.Analyzers.Tests.Rules
{
    /// <summary>CH0005: batch Lambda handlers (SQS, Kinesis, DynamoDB Streams) that do not report partial batch failure, and the fix.</summary>
    public class MissingPartialBatchFailureTests
    {
        private const string NoResponse = "returns no batch response";
        private const string Queue = "one record that throws returns the whole batch to the queue, and the records that succeeded are processed again";
        private const string Stream = "one record that throws fails the whole batch, which Lambda retries, blocking the shard, until its records expire";

        private static DiagnosticResult Expect(string handler, string kind, string shape, string consequence, string response, int location = 0)
            => Verify.Diagnostic().WithLocation(location).WithArguments(handler, kind, shape, consequence, response);

        private static DiagnosticResult Sqs(string handler = "Handler", int location = 0) => Expect(handler, "SQS Lambda handler", NoResponse, Queue, "SQSBatchResponse", location);

        [Fact]
        public Task SqsHandlerReturningTask_IsReported()
            => Verify.VerifyAsync(Function("""
                public async Task {|#0:Handler|}(SQSEvent evnt, ILambdaContext context)
                {
                    foreach (var record in evnt.Records)
                    {
                        await _sqs.DeleteMessageAsync("q", record.ReceiptHandle);
                    }
                }
            """), Sqs());

        [Fact]
        public Task KinesisVoidHandler_IsReported()
            => Verify.VerifyAsync(Function("""
                public void {|#0:Handler|}(KinesisEvent evnt) => Console.WriteLine(evnt.Records.Count);
            """), Expect("Handler", "Kinesis Lambda handler", NoResponse, Stream, "StreamsEventResponse"));

        [Fact]
        public Task DynamoDbStreamHandler_ReturningAnEmptyResponse_IsReported()
            => Verify.VerifyAsync(Function("""
                public async Task<Amazon.Lambda.DynamoDBEvents.StreamsEventResponse> {|#0:Handler|}(DynamoDBEvent evnt)
                {
                    foreach (var record in evnt.Records)
                    {
                        await _sns.PublishAsync("arn", record.Dynamodb.SequenceNumber);
                    }

                    return new Amazon.Lambda.DynamoDBEvents.StreamsEventResponse { BatchItemFailures = new List<Amazon.Lambda.DynamoDBEvents.StreamsEventResponse.BatchItemFailure>() };
                }
            """), Expect("Handler", "DynamoDB Streams Lambda handler", "returns a StreamsEventResponse but never adds a record to its BatchItemFailures", Stream, "StreamsEventResponse"));

        [Fact]
        public Task SqsHandler_ReturningAnEmptyResponse_FromAnExpressionBody_IsReported()
            => Verify.VerifyAsync(Function("""
                public SQSBatchResponse {|#0:Handler|}(SQSEvent evnt) => new SQSBatchResponse();
            """), Expect("Handler", "SQS Lambda handler", "returns a SQSBatchResponse but never adds a record to its BatchItemFailures", Queue, "SQSBatchResponse"));

        [Fact]
        public Task HandlersThatReportFailures_AreNotReported()
            => Verify.VerifyAsync(Function("""
                public async Task<SQSBatchResponse> Handler(SQSEvent evnt)
                {
                    var failures = new List<SQSBatchResponse.BatchItemFailure>();
                    foreach (var record in evnt.Records)
                    {
                        try { await _sqs.DeleteMessageAsync("q", record.ReceiptHandle); }
                        catch (Exception) { failures.Add(new SQSBatchResponse.BatchItemFailure { ItemIdentifier = record.MessageId }); }
                    }

                    return new SQSBatchResponse(failures);
                }

                public StreamsEventResponse Kinesis(KinesisEvent evnt)
                {
                    var response = new StreamsEventResponse();
                    void Fail(string id) => response.BatchItemFailures.Add(new StreamsEventResponse.BatchItemFailure { ItemIdentifier = id });
                    foreach (var record in evnt.Records)
                    {
                        if (record.Kinesis.Data is null) Fail(record.Kinesis.SequenceNumber);
                    }

                    return response;
                }

                public Task<Amazon.Lambda.DynamoDBEvents.StreamsEventResponse> Stream(DynamoDBEvent evnt) => Process(evnt);

                public SQSBatchResponse Delegated(SQSEvent evnt)
                {
                    var response = new SQSBatchResponse();
                    Fill(evnt, response);
                    return response;
                }

                private static Task<Amazon.Lambda.DynamoDBEvents.StreamsEventResponse> Process(DynamoDBEvent evnt) => Task.FromResult(new Amazon.Lambda.DynamoDBEvents.StreamsEventResponse());

                private static void Fill(SQSEvent evnt, SQSBatchResponse response) { }
            """.Replace("StreamsEventResponse Kinesis", "Amazon.Lambda.KinesisEvents.StreamsEventResponse Kinesis").Replace("var response = new StreamsEventResponse()", "var response = new Amazon.Lambda.KinesisEvents.StreamsEventResponse()").Replace("new StreamsEventResponse.BatchItemFailure", "new Amazon.Lambda.KinesisEvents.StreamsEventResponse.BatchItemFailure")));

        [Fact]
        public Task CustomResponseWithBatchItemFailures_IsAccepted()
            => Verify.VerifyAsync(Function("""
                public async Task<Failures> Handler(SQSEvent evnt)
                {
                    var result = new Failures();
                    foreach (var record in evnt.Records)
                    {
                        try { await _sqs.DeleteMessageAsync("q", record.ReceiptHandle); }
                        catch (Exception) { result.BatchItemFailures.Add(record.MessageId); }
                    }

                    return result;
                }
            }

            public class Failures { public List<string> BatchItemFailures { get; } = new(); }
            public class Unused
            {
            """));

        [Fact]
        public Task NonBatchHandlers_AndNonHandlers_AreNotReported()
            => Verify.VerifyAsync(Function("""
                public Task Sns(SNSEvent evnt) => Task.CompletedTask;
                public Task Bridge(CloudWatchEvent<OrderDetail> evnt) => Task.CompletedTask;
                private Task NotAnEntryPoint(SQSEvent evnt) => Task.CompletedTask;
            """));

        [Fact]
        public Task Fix_SqsAsyncHandler()
            => Verify.VerifyFixAsync(Function("""
                public async Task {|#0:Handler|}(SQSEvent evnt, ILambdaContext context)
                {
                    context.Logger.LogLine("batch");
                    foreach (var record in evnt.Records)
                    {
                        var order = record.Body;
                        await _sqs.DeleteMessageAsync("q", order);
                    }
                }
            """), new[] { Sqs() }, Function("""
                public async Task<SQSBatchResponse> Handler(SQSEvent evnt, ILambdaContext context)
                {
                    context.Logger.LogLine("batch");
                    var batchItemFailures = new List<SQSBatchResponse.BatchItemFailure>();
                    foreach (var record in evnt.Records)
                    {
                        try
                        {
                            var order = record.Body;
                            await _sqs.DeleteMessageAsync("q", order);
                        }
                        catch (Exception)
                        {
                            batchItemFailures.Add(new SQSBatchResponse.BatchItemFailure { ItemIdentifier = record.MessageId });
                        }
                    }
                    return new SQSBatchResponse { BatchItemFailures = batchItemFailures };
                }
            """));

        [Fact]
        public Task Fix_KinesisVoidHandler_StopsAtTheFirstFailure()
            => Verify.VerifyFixAsync(Function("""
                public void {|#0:Handler|}(KinesisEvent evnt)
                {
                    foreach (var record in evnt.Records)
                    {
                        if (record.Kinesis.Data.Length == 0)
                        {
                            continue;
                        }

                        Console.WriteLine(record.Kinesis.PartitionKey);
                    }
                }
            """), new[] { Expect("Handler", "Kinesis Lambda handler", NoResponse, Stream, "StreamsEventResponse") }, Function("""
                public StreamsEventResponse Handler(KinesisEvent evnt)
                {
                    var batchItemFailures = new List<StreamsEventResponse.BatchItemFailure>();
                    foreach (var record in evnt.Records)
                    {
                        try
                        {
                            if (record.Kinesis.Data.Length == 0)
                            {
                                continue;
                            }

                            Console.WriteLine(record.Kinesis.PartitionKey);
                        }
                        catch (Exception)
                        {
                            batchItemFailures.Add(new StreamsEventResponse.BatchItemFailure { ItemIdentifier = record.Kinesis.SequenceNumber });
                            break;
                        }
                    }
                    return new StreamsEventResponse { BatchItemFailures = batchItemFailures };
                }
            """.Replace("StreamsEventResponse", "Amazon.Lambda.KinesisEvents.StreamsEventResponse")));

        [Fact]
        public Task Fix_NotOffered_ForOtherShapes()
        {
            const string Members = """
                public async Task {|#0:Linq|}(SQSEvent evnt)
                {
                    await Task.WhenAll(evnt.Records.Select(r => _sqs.DeleteMessageAsync("q", r.ReceiptHandle)));
                }

                public async Task {|#1:EarlyReturn|}(SQSEvent evnt)
                {
                    if (evnt.Records.Count == 0)
                    {
                        return;
                    }

                    foreach (var record in evnt.Records)
                    {
                        await _sqs.DeleteMessageAsync("q", record.ReceiptHandle);
                    }
                }

                public SQSBatchResponse {|#2:Empty|}(SQSEvent evnt)
                {
                    foreach (var record in evnt.Records)
                    {
                        Console.WriteLine(record.Body);
                    }

                    return new SQSBatchResponse();
                }

                public Task {|#3:NotAsync|}(SQSEvent evnt)
                {
                    foreach (var record in evnt.Records)
                    {
                        Console.WriteLine(record.Body);
                    }

                    return Task.CompletedTask;
                }
            """;
            return Verify.VerifyFixAsync(
                Function(Members),
                new[]
                {
                    Sqs("Linq", 0),
                    Sqs("EarlyReturn", 1),
                    Expect("Empty", "SQS Lambda handler", "returns a SQSBatchResponse but never adds a record to its BatchItemFailures", Queue, "SQSBatchResponse", 2),
                    Sqs("NotAsync", 3),
                },
                Function(Members));
        }

        [Fact]
        public Task FixAll_FixesEveryBatchHandlerOfTheFile()
            => Verify.VerifyFixAsync(Function("""
                public async Task {|#0:Orders|}(SQSEvent evnt)
                {
                    foreach (var message in evnt.Records)
                    {
                        await _sqs.DeleteMessageAsync("q", message.ReceiptHandle);
                    }
                }

                public async Task {|#1:Changes|}(DynamoDBEvent evnt)
                {
                    foreach (var change in evnt.Records)
                    {
                        await _sns.PublishAsync("arn", change.EventName);
                    }
                }
            """), new[] { Sqs("Orders", 0), Expect("Changes", "DynamoDB Streams Lambda handler", NoResponse, Stream, "StreamsEventResponse", 1) }, Function("""
                public async Task<SQSBatchResponse> Orders(SQSEvent evnt)
                {
                    var batchItemFailures = new List<SQSBatchResponse.BatchItemFailure>();
                    foreach (var message in evnt.Records)
                    {
                        try
                        {
                            await _sqs.DeleteMessageAsync("q", message.ReceiptHandle);
                        }
                        catch (Exception)
                        {
                            batchItemFailures.Add(new SQSBatchResponse.BatchItemFailure { ItemIdentifier = message.MessageId });
                        }
                    }
                    return new SQSBatchResponse { BatchItemFailures = batchItemFailures };
                }

                public async Task<Amazon.Lambda.DynamoDBEvents.StreamsEventResponse> Changes(DynamoDBEvent evnt)
                {
                    var batchItemFailures = new List<Amazon.Lambda.DynamoDBEvents.StreamsEventResponse.BatchItemFailure>();
                    foreach (var change in evnt.Records)
                    {
                        try
                        {
                            await _sns.PublishAsync("arn", change.EventName);
                        }
                        catch (Exception)
                        {
                            batchItemFailures.Add(new Amazon.Lambda.DynamoDBEvents.StreamsEventResponse.BatchItemFailure { ItemIdentifier = change.Dynamodb.SequenceNumber });
                            break;
                        }
                    }
                    return new Amazon.Lambda.DynamoDBEvents.StreamsEventResponse { BatchItemFailures = batchItemFailures };
                }
            """));
    }
}
