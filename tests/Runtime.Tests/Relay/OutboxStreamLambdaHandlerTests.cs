using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Consistency.Runtime.Relay;
using Consistency.Runtime.Tests.Infrastructure;

namespace Consistency.Runtime.Tests.Relay;

public sealed class OutboxStreamLambdaHandlerTests
{
    // A record shaped like the Lambda DynamoDB event, with an image that is not a valid outbox item.
    private const string MalformedOutboxRecord = """
        {"eventID":"m1","eventName":"INSERT","eventVersion":"1.1","eventSource":"aws:dynamodb","awsRegion":"us-east-1",
         "dynamodb":{"ApproximateCreationDateTime":1767225600,"Keys":{"pk":{"S":"outbox#m"},"sk":{"S":"1"}},
           "NewImage":{"kind":{"S":"outbox"},"aggregate_key":{"S":"m"},"events":{"L":[{"M":{"id":{"S":"no-type"}}}]}},
           "SequenceNumber":"900000000000000000001","SizeBytes":60,"StreamViewType":"NEW_IMAGE"},
         "eventSourceARN":"arn:aws:dynamodb:us-east-1:123456789012:table/outbox/stream/2026-01-01T00:00:00.000"}
        """;

    private const string BadAttributeRecord = """
        {"eventID":"m2","eventName":"INSERT","dynamodb":{"NewImage":{"kind":{"X":"outbox"}},"SequenceNumber":"900000000000000000002"}}
        """;

    private const string BusinessModifyRecord = """
        {"eventID":"m3","eventName":"MODIFY","dynamodb":{"NewImage":{"pk":{"S":"order-1"}},"SequenceNumber":"900000000000000000003"}}
        """;

    private static string LambdaEvent(params string[] records) => "{\"Records\":[" + string.Join(",", records) + "]}";

    [Fact]
    public async Task Malformed_records_go_to_the_dead_letter_sink_while_the_rest_flow()
    {
        await using var outbox = await OutboxStream.CreateAsync("lambda-malformed");
        await outbox.CommitAsync([Events.Create("l-1", 1), Events.Create("l-2", 1)]);
        await outbox.CommitAsync([Events.Create("l-1", 2)]);
        var real = (await outbox.ReadAllRecordsAsync()).Select(r => r.RawJson).ToList();
        Assert.Equal(3, real.Count);
        var publisher = new RecordingPublisher();
        var deadLetters = new InMemoryDeadLetterSink();
        var handler = new OutboxStreamLambdaHandler(new OutboxRelay(publisher, deadLetters));

        var response = await handler.HandleAsync(
            LambdaEvent(real[0], MalformedOutboxRecord, "42", real[1], BadAttributeRecord, BusinessModifyRecord, real[2]),
            CancellationToken.None);

        Assert.Empty(response.BatchItemFailures);
        Assert.Equal("{\"batchItemFailures\":[]}", response.ToJson());
        Assert.Equal(["l-1-1", "l-1-2", "l-2-1"], publisher.Published.Select(e => e.EventId).Order(StringComparer.Ordinal));
        Assert.Equal(3, deadLetters.Letters.Count);
        Assert.Equal(["900000000000000000001", null, "900000000000000000002"], deadLetters.Letters.Select(l => l.RecordId));
        Assert.Contains(deadLetters.Letters, l => l.RawRecord == "42");
        Assert.All(deadLetters.Letters, l => Assert.StartsWith("Unreadable record", l.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_publish_is_reported_as_a_batch_item_failure_by_sequence_number()
    {
        await using var outbox = await OutboxStream.CreateAsync("lambda-failure");
        await outbox.CommitAsync([Events.Create("ok", 1)]);
        await outbox.CommitAsync([Events.Create("down", 1)]);
        await outbox.CommitAsync([Events.Create("down", 2)]);
        await outbox.CommitAsync([Events.Create("ok", 2)]);
        var records = await outbox.ReadAllRecordsAsync();
        var publisher = new RecordingPublisher { ShouldFail = batch => batch.Any(e => e.AggregateKey == "down") };
        var handler = new OutboxStreamLambdaHandler(new OutboxRelay(publisher, null, new RelayOptions { RetryDelay = TimeSpan.FromMilliseconds(1) }));

        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(LambdaEvent(records.Select(r => r.RawJson).ToArray())));
        var response = await handler.HandleAsync(stream, CancellationToken.None);

        Assert.Equal([records[1].SequenceNumber, records[2].SequenceNumber], response.BatchItemFailures.Select(f => f.ItemIdentifier));
        Assert.Equal(
            $"{{\"batchItemFailures\":[{{\"itemIdentifier\":\"{records[1].SequenceNumber}\"}},{{\"itemIdentifier\":\"{records[2].SequenceNumber}\"}}]}}",
            response.ToJson());
        Assert.Equal(["ok-1", "ok-2"], publisher.Published.Select(e => e.EventId));
    }

    [Fact]
    public async Task An_unreadable_record_without_sequence_number_that_cannot_be_dead_lettered_fails_the_invocation()
    {
        var handler = new OutboxStreamLambdaHandler(new OutboxRelay(new RecordingPublisher(), new FailingDeadLetterSink()));

        await Assert.ThrowsAsync<InvalidOperationException>(() => handler.HandleAsync(LambdaEvent("42"), CancellationToken.None));
    }

    [Fact]
    public async Task An_event_that_is_not_json_fails_the_invocation()
    {
        var handler = new OutboxStreamLambdaHandler(new OutboxRelay(new RecordingPublisher()));

        await Assert.ThrowsAnyAsync<System.Text.Json.JsonException>(() => handler.HandleAsync("{\"Records\":[", CancellationToken.None));
        await Assert.ThrowsAsync<FormatException>(() => handler.HandleAsync("{}", CancellationToken.None));
    }
}
