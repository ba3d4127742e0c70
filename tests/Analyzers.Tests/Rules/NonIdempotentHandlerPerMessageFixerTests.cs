using System.Threading;
using System.Threading.Tasks;
using Consistency.CodeFixes.Rules;
using Consistency.Testing;
using static Consistency.Analyzers.Tests.Rules.NonIdempotentHandlerTestSources;
using VerifyFix = Consistency.Testing.Verifiers.CSharpCodeFixVerifier<Consistency.Analyzers.Rules.NonIdempotentHandlerAnalyzer, Consistency.CodeFixes.Rules.NonIdempotentHandlerFixer>;

namespace Consistency.Analyzers.Tests.Rules
{
    /// <summary>
    /// CH0002's inbox fix on handlers that loop over their messages (SQS polling loops, Lambda batches): each message is
    /// checked and applied only when new, and the deletes that end a polling loop's body stay outside the check (a
    /// duplicate is still deleted from the queue). Fixed code compiles with no diagnostic left.
    /// </summary>
    public class NonIdempotentHandlerPerMessageFixerTests
    {
        private const string Service = "SQS polling background service";
        private const string Method = "SQS polling method";

        private static Task VerifyAsync(string source, string fixedSource, DiagnosticResult[] expected, string? batchFixed = null)
        {
            var test = new VerifyFix.Test
            {
                TestCode = source,
                FixedCode = fixedSource,
                ReferenceAssemblies = References,
                CodeActionEquivalenceKey = NonIdempotentHandlerFixer.InboxKey,
            };
            if (batchFixed is not null)
            {
                test.BatchFixedCode = batchFixed;
            }

            test.ExpectedDiagnostics.AddRange(expected);
            if (source == fixedSource)
            {
                test.FixedState.ExpectedDiagnostics.AddRange(expected);
            }

            return test.RunAsync(CancellationToken.None);
        }

        /// <summary>A poller's <c>PollOnce</c> reported for its publish, and no inbox fix offered.</summary>
        private static Task NotOfferedOnAPollerAsync(string members)
        {
            string source = Poller(members);
            return VerifyAsync(source, source, new[] { Expect("PollOnce", Method, "PublishAsync", Publishes) });
        }

        private static string Worker(string members) => Class("public class Worker : Microsoft.Extensions.Hosting.BackgroundService", members);

        private static string Poller(string members) => Class("public class Poller", members);

        [Fact]
        public Task BackgroundService_ChecksEachMessageAndStillDeletesDuplicates()
            => VerifyAsync(Worker("""
                protected override async Task {|#0:ExecuteAsync|}(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        var response = await _sqs.ReceiveMessageAsync("in", stoppingToken);
                        foreach (var message in response.Messages!)
                        {
                            await {|#1:_sns.PublishAsync("arn", message.Body)|};
                            await _sqs.DeleteMessageAsync("in", message.ReceiptHandle, stoppingToken);
                        }
                    }
                }
            """), Worker("""
                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        var response = await _sqs.ReceiveMessageAsync("in", stoppingToken);
                        foreach (var message in response.Messages!)
                        {
                            if (await _inbox.CheckAsync(message.MessageId!, null, stoppingToken) == InboxDecision.Accepted)
                            {
                                await _sns.PublishAsync("arn", message.Body);
                                await _inbox.TryMarkProcessedAsync(message.MessageId!, null, stoppingToken);
                            }

                            await _sqs.DeleteMessageAsync("in", message.ReceiptHandle, stoppingToken);
                        }
                    }
                }
            """), new[] { Expect("ExecuteAsync", Service, "PublishAsync", Publishes) });

        [Fact]
        public Task PollingMethod_LoopBodyWithoutBraces_AndConfiguredDeletes()
            => VerifyAsync(Poller("""
                public async Task {|#0:PollOnce|}(CancellationToken cancellationToken)
                {
                    var response = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest("in"), cancellationToken);
                    foreach (var message in response.Messages!)
                        await {|#1:_sns.PublishAsync("arn", message.Body)|}.ConfigureAwait(false);
                }

                public async Task {|#2:PollAndDelete|}(CancellationToken cancellationToken)
                {
                    var response = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest("in"), cancellationToken);
                    foreach (var message in response.Messages!)
                    {
                        var body = message.Body ?? "";
                        foreach (var attribute in message.Attributes!)
                        {
                            body += attribute.Value;
                        }

                        await {|#3:_sns.PublishAsync("arn", body)|};
                        await _sqs.DeleteMessageAsync("in", message.ReceiptHandle, cancellationToken).ConfigureAwait(false);
                        await _sqs.DeleteMessageAsync(new DeleteMessageRequest { QueueUrl = "audit", ReceiptHandle = message.ReceiptHandle });
                    }
                }
            """), Poller("""
                public async Task PollOnce(CancellationToken cancellationToken)
                {
                    var response = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest("in"), cancellationToken);
                    foreach (var message in response.Messages!)
                    {
                        if (await _inbox.CheckAsync(message.MessageId!, null, cancellationToken) == InboxDecision.Accepted)
                        {
                            await _sns.PublishAsync("arn", message.Body).ConfigureAwait(false);
                            await _inbox.TryMarkProcessedAsync(message.MessageId!, null, cancellationToken);
                        }
                    }
                }

                public async Task PollAndDelete(CancellationToken cancellationToken)
                {
                    var response = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest("in"), cancellationToken);
                    foreach (var message in response.Messages!)
                    {
                        if (await _inbox.CheckAsync(message.MessageId!, null, cancellationToken) == InboxDecision.Accepted)
                        {
                            var body = message.Body ?? "";
                            foreach (var attribute in message.Attributes!)
                            {
                                body += attribute.Value;
                            }

                            await _sns.PublishAsync("arn", body);
                            await _inbox.TryMarkProcessedAsync(message.MessageId!, null, cancellationToken);
                        }

                        await _sqs.DeleteMessageAsync("in", message.ReceiptHandle, cancellationToken).ConfigureAwait(false);
                        await _sqs.DeleteMessageAsync(new DeleteMessageRequest { QueueUrl = "audit", ReceiptHandle = message.ReceiptHandle });
                    }
                }
            """), new[] { Expect("PollOnce", Method, "PublishAsync", Publishes), VerifyFix.Diagnostic().WithLocation(2).WithLocation(3).WithArguments("PollAndDelete", Method, "PublishAsync", Publishes) });

        [Fact]
        public Task PollingMethod_EffectInAHelper_AndAnEarlyContinue()
            => VerifyAsync(Poller("""
                public async Task {|#0:PollOnce|}()
                {
                    var response = await _sqs.ReceiveMessageAsync("in");
                    foreach (var message in response.Messages!)
                    {
                        if (message.Body is null)
                        {
                            continue;
                        }

                        await {|#2:ForwardAsync(message.Body)|};
                        continue;
                    }
                }

                private Task ForwardAsync(string body) => {|#1:_sns.PublishAsync("arn", body)|};
            """), Poller("""
                public async Task PollOnce()
                {
                    var response = await _sqs.ReceiveMessageAsync("in");
                    foreach (var message in response.Messages!)
                    {
                        if (await _inbox.CheckAsync(message.MessageId!, null, default) == InboxDecision.Accepted)
                        {
                            if (message.Body is null)
                            {
                                continue;
                            }

                            await ForwardAsync(message.Body);
                            await _inbox.TryMarkProcessedAsync(message.MessageId!, null, default);
                            continue;
                        }
                    }
                }

                private Task ForwardAsync(string body) => _sns.PublishAsync("arn", body);
            """), new[] { Expect("PollOnce", Method, "PublishAsync", Publishes, viaCall: true) });

        [Fact]
        public Task PollingMethod_MessagesFromAReceiveHelper()
            => VerifyAsync(Poller("""
                public async Task {|#0:Drain|}(CancellationToken token)
                {
                    foreach (var message in await FetchAsync(token))
                    {
                        await {|#1:_sns.PublishAsync("arn", message.Body)|};
                    }
                }

                private async Task<List<Message>> FetchAsync(CancellationToken token)
                    => (await _sqs.ReceiveMessageAsync("in", token)).Messages!;
            """), Poller("""
                public async Task Drain(CancellationToken token)
                {
                    foreach (var message in await FetchAsync(token))
                    {
                        if (await _inbox.CheckAsync(message.MessageId!, null, token) == InboxDecision.Accepted)
                        {
                            await _sns.PublishAsync("arn", message.Body);
                            await _inbox.TryMarkProcessedAsync(message.MessageId!, null, token);
                        }
                    }
                }

                private async Task<List<Message>> FetchAsync(CancellationToken token)
                    => (await _sqs.ReceiveMessageAsync("in", token)).Messages!;
            """), new[] { Expect("Drain", Method, "PublishAsync", Publishes) });

        [Fact]
        public Task LambdaSqsBatch_ChecksEachRecord()
            => VerifyAsync(Function("""
                public async Task {|#0:Handler|}(SQSEvent evnt, ILambdaContext context)
                {
                    foreach (var record in evnt.Records)
                    {
                        await {|#1:_sns.PublishAsync("arn", record.Body)|};
                    }
                }
            """), Function("""
                public async Task Handler(SQSEvent evnt, ILambdaContext context)
                {
                    foreach (var record in evnt.Records)
                    {
                        if (await _inbox.CheckAsync(record.MessageId, null, default) == InboxDecision.Accepted)
                        {
                            await _sns.PublishAsync("arn", record.Body);
                            await _inbox.TryMarkProcessedAsync(record.MessageId, null, default);
                        }
                    }
                }
            """), new[] { Expect("Handler", "SQS Lambda handler", "PublishAsync", Publishes) });

        [Fact]
        public Task LambdaSqsBatchWithItemFailures_MarksOnlyWhatSucceeded()
            => VerifyAsync(Function("""
                public async Task<SQSBatchResponse> {|#0:Handler|}(SQSEvent evnt)
                {
                    var failures = new List<SQSBatchResponse.BatchItemFailure>();
                    foreach (var record in evnt.Records)
                    {
                        try
                        {
                            await {|#1:_sns.PublishAsync("arn", record.Body)|};
                        }
                        catch (Exception)
                        {
                            failures.Add(new SQSBatchResponse.BatchItemFailure { ItemIdentifier = record.MessageId });
                        }
                    }

                    return new SQSBatchResponse(failures);
                }
            """), Function("""
                public async Task<SQSBatchResponse> Handler(SQSEvent evnt)
                {
                    var failures = new List<SQSBatchResponse.BatchItemFailure>();
                    foreach (var record in evnt.Records)
                    {
                        if (await _inbox.CheckAsync(record.MessageId, null, default) == InboxDecision.Accepted)
                        {
                            try
                            {
                                await _sns.PublishAsync("arn", record.Body);
                                await _inbox.TryMarkProcessedAsync(record.MessageId, null, default);
                            }
                            catch (Exception)
                            {
                                failures.Add(new SQSBatchResponse.BatchItemFailure { ItemIdentifier = record.MessageId });
                            }
                        }
                    }

                    return new SQSBatchResponse(failures);
                }
            """), new[] { Expect("Handler", "SQS Lambda handler", "PublishAsync", Publishes) });

        [Fact]
        public Task LambdaSnsKinesisAndDynamoDbStreams_ReadTheirOwnIds()
            => VerifyAsync(Function("""
                public async Task {|#0:OnTopic|}(SNSEvent evnt)
                {
                    foreach (var record in evnt.Records)
                    {
                        await {|#1:_sns.PublishAsync("arn", record.Sns.Message)|};
                    }
                }

                public async Task {|#2:OnStream|}(KinesisEvent evnt)
                {
                    foreach (var record in evnt.Records)
                    {
                        await {|#3:_sns.PublishAsync("arn", record.Kinesis.PartitionKey)|};
                    }
                }

                public async Task {|#4:OnTable|}(DynamoDBEvent evnt)
                {
                    foreach (var change in evnt.Records)
                    {
                        await {|#5:_sns.PublishAsync("arn", change.EventName)|};
                    }
                }
            """), Function("""
                public async Task OnTopic(SNSEvent evnt)
                {
                    foreach (var record in evnt.Records)
                    {
                        if (await _inbox.CheckAsync(record.Sns.MessageId, null, default) == InboxDecision.Accepted)
                        {
                            await _sns.PublishAsync("arn", record.Sns.Message);
                            await _inbox.TryMarkProcessedAsync(record.Sns.MessageId, null, default);
                        }
                    }
                }

                public async Task OnStream(KinesisEvent evnt)
                {
                    foreach (var record in evnt.Records)
                    {
                        if (await _inbox.CheckAsync(record.EventId, null, default) == InboxDecision.Accepted)
                        {
                            await _sns.PublishAsync("arn", record.Kinesis.PartitionKey);
                            await _inbox.TryMarkProcessedAsync(record.EventId, null, default);
                        }
                    }
                }

                public async Task OnTable(DynamoDBEvent evnt)
                {
                    foreach (var change in evnt.Records)
                    {
                        if (await _inbox.CheckAsync(change.EventID, null, default) == InboxDecision.Accepted)
                        {
                            await _sns.PublishAsync("arn", change.EventName);
                            await _inbox.TryMarkProcessedAsync(change.EventID, null, default);
                        }
                    }
                }
            """), new[]
            {
                Expect("OnTopic", "SNS Lambda handler", "PublishAsync", Publishes),
                VerifyFix.Diagnostic().WithLocation(2).WithLocation(3).WithArguments("OnStream", "Kinesis Lambda handler", "PublishAsync", Publishes),
                VerifyFix.Diagnostic().WithLocation(4).WithLocation(5).WithArguments("OnTable", "DynamoDB Streams Lambda handler", "PublishAsync", Publishes),
            });

        [Fact]
        public Task RecordWithoutTheIdMember_IsNotOffered()
        {
            // An event type of the project's own (preferred over the SDK's) whose record has no SNS message: no id to read.
            string source = Function("""
                public async Task {|#0:OnTopic|}(Amazon.Lambda.SNSEvents.SNSEvent evnt)
                {
                    foreach (var record in evnt.Records)
                    {
                        await {|#1:_sns.PublishAsync("arn", record.Body)|};
                    }
                }
            """) + """
                namespace Amazon.Lambda.SNSEvents
                {
                    public class SNSEvent
                    {
                        public List<SNSRecord> Records { get; set; } = new();

                        public class SNSRecord
                        {
                            public string Body { get; set; } = "";
                        }
                    }
                }
                """;
            return VerifyAsync(source, source, new[] { Expect("OnTopic", "SNS Lambda handler", "PublishAsync", Publishes) });
        }

        [Fact]
        public Task PollingService_ParallelForEachAsync_ChecksInTheLambda()
            => VerifyAsync(Worker("""
                protected override async Task {|#0:ExecuteAsync|}(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        var response = await _sqs.ReceiveMessageAsync("in", stoppingToken);
                        await Parallel.ForEachAsync(response.Messages!, stoppingToken, async (message, token) =>
                        {
                            await {|#1:_sns.PublishAsync("arn", message.Body!, token)|};
                            await _sqs.DeleteMessageAsync("in", message.ReceiptHandle, token);
                        });
                    }
                }
            """), Worker("""
                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        var response = await _sqs.ReceiveMessageAsync("in", stoppingToken);
                        await Parallel.ForEachAsync(response.Messages!, stoppingToken, async (message, token) =>
                        {
                            if (await _inbox.CheckAsync(message.MessageId!, null, token) == InboxDecision.Accepted)
                            {
                                await _sns.PublishAsync("arn", message.Body!, token);
                                await _inbox.TryMarkProcessedAsync(message.MessageId!, null, token);
                            }

                            await _sqs.DeleteMessageAsync("in", message.ReceiptHandle, token);
                        });
                    }
                }
            """), new[] { Expect("ExecuteAsync", Service, "PublishAsync", Publishes) });

        [Fact]
        public Task LambdaSqs_ParallelForEachAsyncWithAnEarlyReturn()
            => VerifyAsync(Function("""
                public Task {|#0:Handler|}(SQSEvent evnt, ILambdaContext context)
                    => Parallel.ForEachAsync(evnt.Records, async (record, cancellationToken) =>
                    {
                        if (record.Body.Length == 0)
                        {
                            return;
                        }

                        await {|#1:_sns.PublishAsync("arn", record.Body, cancellationToken)|};
                        return;
                    });
            """), Function("""
                public Task Handler(SQSEvent evnt, ILambdaContext context)
                    => Parallel.ForEachAsync(evnt.Records, async (record, cancellationToken) =>
                    {
                        if (await _inbox.CheckAsync(record.MessageId, null, cancellationToken) == InboxDecision.Accepted)
                        {
                            if (record.Body.Length == 0)
                            {
                                return;
                            }

                            await _sns.PublishAsync("arn", record.Body, cancellationToken);
                            await _inbox.TryMarkProcessedAsync(record.MessageId, null, cancellationToken);
                            return;
                        }
                    });
            """), new[] { Expect("Handler", "SQS Lambda handler", "PublishAsync", Publishes) });

        [Fact]
        public Task ParallelForEachAsyncWithALambdaThatIsNotAsync_IsNotOffered()
        {
            return NotOfferedOnAPollerAsync("""
                public async Task {|#0:PollOnce|}(CancellationToken cancellationToken)
                {
                    var response = await _sqs.ReceiveMessageAsync("in", cancellationToken);
                    await Parallel.ForEachAsync(response.Messages!, (message, token) =>
                    {
                        {|#1:_sns.PublishAsync("arn", message.Body!, token)|}.GetAwaiter().GetResult();
                        return ValueTask.CompletedTask;
                    });
                }
            """);
        }

        [Fact]
        public Task PollingMethodWithAnIdParameter_IsCheckedPerMessage()
        {
            // The "id" of a poll is the worker's: a check of it at the start would let one poll through, ever.
            return VerifyAsync(Poller("""
                public async Task {|#0:PollOnce|}(string id, CancellationToken cancellationToken)
                {
                    var response = await _sqs.ReceiveMessageAsync("in-" + id, cancellationToken);
                    foreach (var message in response.Messages!)
                    {
                        await {|#1:_sns.PublishAsync("arn", message.Body)|};
                    }
                }
            """), Poller("""
                public async Task PollOnce(string id, CancellationToken cancellationToken)
                {
                    var response = await _sqs.ReceiveMessageAsync("in-" + id, cancellationToken);
                    foreach (var message in response.Messages!)
                    {
                        if (await _inbox.CheckAsync(message.MessageId!, null, cancellationToken) == InboxDecision.Accepted)
                        {
                            await _sns.PublishAsync("arn", message.Body);
                            await _inbox.TryMarkProcessedAsync(message.MessageId!, null, cancellationToken);
                        }
                    }
                }
            """), new[] { Expect("PollOnce", Method, "PublishAsync", Publishes) });
        }

        [Fact]
        public Task DeleteAtTheEndOfTheTryOfTheEffects_StaysAfterTheCheckInsideTheTry()
            => VerifyAsync(Poller("""
                public async Task {|#0:PollOnce|}(CancellationToken cancellationToken)
                {
                    var response = await _sqs.ReceiveMessageAsync("in", cancellationToken);
                    foreach (var message in response.Messages!)
                    {
                        try
                        {
                            await {|#1:_sns.PublishAsync("arn", message.Body)|};
                            await _sqs.DeleteMessageAsync("in", message.ReceiptHandle, cancellationToken);
                        }
                        catch (Exception e)
                        {
                            Console.WriteLine(e.Message);
                        }
                    }
                }
            """), Poller("""
                public async Task PollOnce(CancellationToken cancellationToken)
                {
                    var response = await _sqs.ReceiveMessageAsync("in", cancellationToken);
                    foreach (var message in response.Messages!)
                    {
                        try
                        {
                            if (await _inbox.CheckAsync(message.MessageId!, null, cancellationToken) == InboxDecision.Accepted)
                            {
                                await _sns.PublishAsync("arn", message.Body);
                                await _inbox.TryMarkProcessedAsync(message.MessageId!, null, cancellationToken);
                            }

                            await _sqs.DeleteMessageAsync("in", message.ReceiptHandle, cancellationToken);
                        }
                        catch (Exception e)
                        {
                            Console.WriteLine(e.Message);
                        }
                    }
                }
            """), new[] { Expect("PollOnce", Method, "PublishAsync", Publishes) });

        [Fact]
        public Task DeleteInTheMiddleOfTheTry_IsNotOffered()
        {
            // A check around the publish alone would leave the write after the delete unguarded; around both, it would
            // keep a duplicate from being deleted, and it would come back until the dead-letter queue.
            return NotOfferedOnAPollerAsync("""
                public async Task {|#0:PollOnce|}(CancellationToken cancellationToken)
                {
                    var response = await _sqs.ReceiveMessageAsync("in", cancellationToken);
                    foreach (var message in response.Messages!)
                    {
                        try
                        {
                            await {|#1:_sns.PublishAsync("arn", message.Body)|};
                            await _sqs.DeleteMessageAsync("in", message.ReceiptHandle, cancellationToken);
                            Console.WriteLine("deleted");
                        }
                        catch (Exception)
                        {
                        }
                    }
                }
            """);
        }

        [Fact]
        public Task DeleteInATryBesideOtherStatements_IsNotOffered()
        {
            return NotOfferedOnAPollerAsync("""
                public async Task {|#0:PollOnce|}(CancellationToken cancellationToken)
                {
                    var response = await _sqs.ReceiveMessageAsync("in", cancellationToken);
                    foreach (var message in response.Messages!)
                    {
                        Console.WriteLine(message.Body);
                        try
                        {
                            await {|#1:_sns.PublishAsync("arn", message.Body)|};
                            await _sqs.DeleteMessageAsync("in", message.ReceiptHandle, cancellationToken);
                        }
                        catch (Exception)
                        {
                        }
                    }
                }
            """);
        }

        [Fact]
        public Task DeleteThatReadsALocalOfTheProcessing_IsNotOffered()
        {
            return NotOfferedOnAPollerAsync("""
                public async Task {|#0:PollOnce|}(CancellationToken cancellationToken)
                {
                    var response = await _sqs.ReceiveMessageAsync("in", cancellationToken);
                    foreach (var message in response.Messages!)
                    {
                        var handle = message.ReceiptHandle;
                        await {|#1:_sns.PublishAsync("arn", message.Body)|};
                        await _sqs.DeleteMessageAsync("in", handle, cancellationToken);
                    }
                }
            """);
        }

        [Fact]
        public Task MessagesNotLoopedOver_IsNotOffered()
        {
            return NotOfferedOnAPollerAsync("""
                public async Task {|#0:PollOnce|}(CancellationToken cancellationToken)
                {
                    var response = await _sqs.ReceiveMessageAsync("in", cancellationToken);
                    var message = response.Messages![0];
                    await {|#1:_sns.PublishAsync("arn", message.Body)|};
                }
            """);
        }

        [Fact]
        public Task EffectAfterTheLoop_IsNotOffered()
        {
            // The check inside the loop would not guard the publish after it.
            return NotOfferedOnAPollerAsync("""
                public async Task {|#0:PollOnce|}(CancellationToken cancellationToken)
                {
                    var response = await _sqs.ReceiveMessageAsync("in", cancellationToken);
                    foreach (var message in response.Messages!)
                    {
                        Console.WriteLine(message.Body);
                        await _sqs.DeleteMessageAsync("in", message.ReceiptHandle, cancellationToken);
                    }

                    await {|#1:_sns.PublishAsync("arn", "batch done")|};
                }
            """);
        }

        [Fact]
        public Task WithoutAnInbox_IsNotOffered()
        {
            string source = WithUsings("""
                public class Poller
                {
                    private readonly IAmazonSQS _sqs = null!;
                    private readonly IAmazonSimpleNotificationService _sns = null!;

                    public async Task {|#0:PollOnce|}(CancellationToken cancellationToken)
                    {
                        var response = await _sqs.ReceiveMessageAsync("in", cancellationToken);
                        foreach (var message in response.Messages!)
                        {
                            await {|#1:_sns.PublishAsync("arn", message.Body)|};
                        }
                    }
                }
                """);
            return VerifyAsync(source, source, new[] { Expect("PollOnce", Method, "PublishAsync", Publishes) });
        }

        [Fact]
        public Task WithoutAUsingOfTheInboxNamespace_TheDecisionIsQualified()
            => VerifyAsync(DualWriteTestSources.Usings + """
                public class Poller
                {
                    private readonly IAmazonSQS _sqs = null!;
                    private readonly IAmazonSimpleNotificationService _sns = null!;
                    private readonly Consistency.Runtime.Inbox.IInbox _inbox = null!;

                    public async Task {|#0:PollOnce|}(CancellationToken cancellationToken)
                    {
                        var response = await _sqs.ReceiveMessageAsync("in", cancellationToken);
                        foreach (var message in response.Messages!)
                        {
                            await {|#1:_sns.PublishAsync("arn", message.Body)|};
                        }
                    }
                }
                """, DualWriteTestSources.Usings + """
                public class Poller
                {
                    private readonly IAmazonSQS _sqs = null!;
                    private readonly IAmazonSimpleNotificationService _sns = null!;
                    private readonly Consistency.Runtime.Inbox.IInbox _inbox = null!;

                    public async Task PollOnce(CancellationToken cancellationToken)
                    {
                        var response = await _sqs.ReceiveMessageAsync("in", cancellationToken);
                        foreach (var message in response.Messages!)
                        {
                            if (await _inbox.CheckAsync(message.MessageId!, null, cancellationToken) == Consistency.Runtime.Inbox.InboxDecision.Accepted)
                            {
                                await _sns.PublishAsync("arn", message.Body);
                                await _inbox.TryMarkProcessedAsync(message.MessageId!, null, cancellationToken);
                            }
                        }
                    }
                }
                """, new[] { Expect("PollOnce", Method, "PublishAsync", Publishes) });

        [Fact]
        public Task TwoLoopsOverMessages_IsNotOffered()
        {
            return NotOfferedOnAPollerAsync("""
                public async Task {|#0:PollOnce|}(CancellationToken cancellationToken)
                {
                    var response = await _sqs.ReceiveMessageAsync("in", cancellationToken);
                    foreach (var message in response.Messages!)
                    {
                        await {|#1:_sns.PublishAsync("arn", message.Body)|};
                    }

                    foreach (var message in response.Messages!)
                    {
                        await _sqs.DeleteMessageAsync("in", message.ReceiptHandle, cancellationToken);
                    }
                }
            """);
        }

        [Fact]
        public Task LoopInALambda_IsNotOffered()
        {
            // A lambda may not be async; the check awaits.
            return NotOfferedOnAPollerAsync("""
                public async Task {|#0:PollOnce|}(CancellationToken cancellationToken)
                {
                    var response = await _sqs.ReceiveMessageAsync("in", cancellationToken);
                    await Task.Run(async () =>
                    {
                        foreach (var message in response.Messages!)
                        {
                            await {|#1:_sns.PublishAsync("arn", message.Body)|};
                        }
                    });
                }
            """);
        }

        [Fact]
        public Task SynchronousPollingMethod_IsNotOffered()
        {
            return NotOfferedOnAPollerAsync("""
                public void {|#0:PollOnce|}()
                {
                    var response = _sqs.ReceiveMessageAsync("in").GetAwaiter().GetResult();
                    foreach (var message in response.Messages!)
                    {
                        {|#1:_sns.PublishAsync("arn", message.Body)|}.GetAwaiter().GetResult();
                    }
                }
            """);
        }
    }
}
