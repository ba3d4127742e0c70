using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Consistency.Runtime.Outbox;
using Consistency.Runtime.Streams;
using Consistency.Runtime.Tests.Infrastructure;

namespace Consistency.Runtime.Tests.Streams;

public sealed class DynamoDbStreamsClientTests
{
    [Fact]
    public void Signature_matches_the_AWS_SigV4_test_suite_post_vanilla_vector()
    {
        var authorization = SigV4Signer.CreateAuthorization(
            "POST",
            new Dictionary<string, string> { ["Host"] = "example.amazonaws.com", ["X-Amz-Date"] = "20150830T123600Z" },
            ReadOnlySpan<byte>.Empty,
            "us-east-1",
            "service",
            "AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            new DateTimeOffset(2015, 8, 30, 12, 36, 0, TimeSpan.Zero));

        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b",
            authorization);
    }

    [Fact]
    public async Task Lists_describes_and_reads_the_outbox_stream()
    {
        await using var outbox = await OutboxStream.CreateAsync("streams-client");
        await outbox.CommitAsync([Events.Create("s-1", 1), Events.Create("s-1", 2), Events.Create("s-2", 1)]);

        var arns = await outbox.Streams.ListStreamsAsync(outbox.Options.TableName, CancellationToken.None);
        Assert.Contains(outbox.StreamArn, arns);
        var description = await outbox.Streams.DescribeStreamAsync(outbox.StreamArn, null, CancellationToken.None);
        Assert.Equal("ENABLED", description.StreamStatus);
        Assert.NotEmpty(description.Shards);

        var records = await outbox.ReadAllRecordsAsync();
        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.Equal("INSERT", r.EventName));
        Assert.All(records, r => Assert.Null(r.Error));
        var events = records.SelectMany(r => OutboxItems.ReadEvents(r.NewImage!)).ToList();
        Assert.Equal(["s-1-1", "s-1-2", "s-2-1"], events.Select(e => e.EventId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Iterators_after_a_sequence_number_skip_what_was_handled()
    {
        await using var outbox = await OutboxStream.CreateAsync("streams-after");
        await outbox.CommitAsync([Events.Create("x", 1)]);
        await outbox.CommitAsync([Events.Create("x", 2)]);
        var records = await outbox.ReadAllRecordsAsync();
        var shard = (await outbox.Streams.DescribeStreamAsync(outbox.StreamArn, null, CancellationToken.None)).Shards[0].ShardId;

        var after = await outbox.Streams.GetShardIteratorAsync(outbox.StreamArn, shard, ShardIteratorType.AfterSequenceNumber, records[0].SequenceNumber, CancellationToken.None);
        var at = await outbox.Streams.GetShardIteratorAsync(outbox.StreamArn, shard, ShardIteratorType.AtSequenceNumber, records[0].SequenceNumber, CancellationToken.None);

        Assert.Equal([records[1].SequenceNumber], (await outbox.Streams.GetRecordsAsync(after!, 100, CancellationToken.None)).Records.Select(r => r.SequenceNumber));
        Assert.Equal(records.Select(r => r.SequenceNumber), (await outbox.Streams.GetRecordsAsync(at!, 100, CancellationToken.None)).Records.Select(r => r.SequenceNumber));
    }

    [Fact]
    public async Task Errors_carry_the_service_error_code()
    {
        await using var outbox = await OutboxStream.CreateAsync("streams-error");

        var exception = await Assert.ThrowsAsync<DynamoDbStreamsException>(() => outbox.Streams.DescribeStreamAsync(outbox.StreamArn + "-missing", null, CancellationToken.None));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, exception.StatusCode);
        Assert.False(string.IsNullOrEmpty(exception.ErrorCode));
    }
}
