using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Consistency.Runtime.Outbox;
using Consistency.Runtime.Relay;
using Consistency.Runtime.Tests.Infrastructure;

namespace Consistency.Runtime.Tests.Relay;

public sealed class OutboxRelayTests
{
    private static readonly RelayOptions Fast = new() { RetryDelay = TimeSpan.FromMilliseconds(1) };

    private static RelayRecord Record(string id, string aggregate, params int[] sequences) =>
        RelayRecord.ForEvents(id, aggregate, sequences.Select(s => Events.Create(aggregate, s)).ToList());

    [Fact]
    public async Task A_failing_aggregate_blocks_only_its_own_later_records()
    {
        var publisher = new RecordingPublisher { ShouldFail = batch => batch.Any(e => e.EventId == "b-1") };
        var relay = new OutboxRelay(publisher, deadLetters: null, Fast);
        var records = new[]
        {
            Record("1", "a", 1), Record("2", "b", 1, 2), Record("3", "a", 2), Record("4", "b", 3), Record("5", "c", 1),
        };

        var result = await relay.ProcessAsync(records, CancellationToken.None);

        Assert.Equal(["2", "4"], result.FailedRecordIds);
        Assert.Equal([1, 3], result.FailedRecordIndexes);
        Assert.Equal(["a-1", "a-2", "c-1"], publisher.Published.Select(e => e.EventId).Order(StringComparer.Ordinal));
        Assert.Equal(0, result.DeadLetteredEvents);
    }

    [Fact]
    public async Task Bisect_isolates_a_poison_event_which_is_dead_lettered_after_max_attempts()
    {
        var publisher = new RecordingPublisher { ShouldFail = batch => batch.Any(e => e.EventId == "p-4") };
        var deadLetters = new InMemoryDeadLetterSink();
        var relay = new OutboxRelay(publisher, deadLetters, Fast);

        var result = await relay.ProcessAsync([Record("1", "p", Enumerable.Range(0, 10).ToArray())], CancellationToken.None);

        Assert.Empty(result.FailedRecordIds);
        Assert.Equal(9, result.PublishedEvents);
        Assert.Equal(Enumerable.Range(0, 10).Where(i => i != 4), publisher.Published.Select(Events.SequenceOf));
        var letter = Assert.Single(deadLetters.Letters);
        Assert.Equal("p-4", letter.Event!.EventId);
        Assert.Equal("1", letter.RecordId);
        Assert.Equal(3, letter.Attempts);
        Assert.Contains("broker rejected", letter.Reason, StringComparison.Ordinal);

        // 1 batch + bisection down to the poison event (10 → 5 → 2+3 → …) + 2 retries: far fewer calls than one per event and attempt.
        Assert.True(publisher.Calls <= 12, $"{publisher.Calls} publish calls");
    }

    [Fact]
    public async Task Without_a_working_dead_letter_sink_nothing_advances_past_the_failed_event()
    {
        foreach (IDeadLetterSink? sink in new IDeadLetterSink?[] { null, new FailingDeadLetterSink() })
        {
            var publisher = new RecordingPublisher { ShouldFail = batch => batch.Any(e => e.EventId == "q-4") };
            var relay = new OutboxRelay(publisher, sink, Fast);

            var result = await relay.ProcessAsync([Record("1", "q", 0, 1, 2, 3, 4, 5, 6), Record("2", "q", 7), Record("3", "r", 0)], CancellationToken.None);

            Assert.Equal(["1", "2"], result.FailedRecordIds);
            Assert.Equal(["q-0", "q-1", "q-2", "q-3", "r-0"], publisher.Published.Select(e => e.EventId).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task A_transient_failure_is_retried_without_dead_lettering()
    {
        var failures = 2;
        var publisher = new RecordingPublisher { ShouldFail = _ => Interlocked.Decrement(ref failures) >= 0 };
        var deadLetters = new InMemoryDeadLetterSink();

        var result = await new OutboxRelay(publisher, deadLetters, Fast).ProcessAsync([Record("1", "t", 1)], CancellationToken.None);

        Assert.Empty(result.FailedRecordIds);
        Assert.Equal(["t-1"], publisher.Published.Select(e => e.EventId));
        Assert.Empty(deadLetters.Letters);
        Assert.Equal(3, publisher.Calls);
    }

    [Fact]
    public async Task Events_of_one_aggregate_are_published_in_order_while_aggregates_run_concurrently()
    {
        var publisher = new RecordingPublisher();
        var records = new List<RelayRecord>();
        for (var i = 0; i < 200; i++)
        {
            records.Add(Record(i.ToString(System.Globalization.CultureInfo.InvariantCulture), "agg-" + (i % 7), i));
        }

        var result = await new OutboxRelay(publisher, null, new RelayOptions { MaxConcurrency = 7 }).ProcessAsync(records, CancellationToken.None);

        Assert.Equal(200, result.PublishedEvents);
        foreach (var aggregate in publisher.Published.GroupBy(e => e.AggregateKey))
        {
            var sequences = aggregate.Select(Events.SequenceOf).ToList();
            Assert.Equal(sequences.Order(), sequences);
        }
    }

    [Fact]
    public async Task Unreadable_records_are_dead_lettered_at_once_and_skipped_records_acknowledged()
    {
        var publisher = new RecordingPublisher();
        var deadLetters = new InMemoryDeadLetterSink();
        var records = new[] { Record("1", "u", 1), RelayRecord.Malformed("2", "bad image", "{raw}"), RelayRecord.Skipped("3"), Record("4", "u", 2) };

        var result = await new OutboxRelay(publisher, deadLetters, Fast).ProcessAsync(records, CancellationToken.None);

        Assert.Empty(result.FailedRecordIds);
        Assert.Equal(1, result.DeadLetteredRecords);
        Assert.Equal(1, result.SkippedRecords);
        Assert.Equal(2, result.PublishedEvents);
        var letter = Assert.Single(deadLetters.Letters);
        Assert.Equal("{raw}", letter.RawRecord);
        Assert.Equal(0, letter.Attempts);
        Assert.Null(letter.Event);
    }

    [Fact]
    public async Task Cancellation_stops_the_relay_with_an_exception()
    {
        using var cancellation = new CancellationTokenSource();
        var publisher = new RecordingPublisher { ShouldFail = _ => { cancellation.Cancel(); return true; } };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new OutboxRelay(publisher, new InMemoryDeadLetterSink(), Fast).ProcessAsync([Record("1", "c", 1)], cancellation.Token));
    }

    [Fact]
    public void Envelope_round_trips_through_CloudEvents_json()
    {
        var envelope = Events.Create("order-9", 3, causationId: "cmd-1");
        var json = EventEnvelopeJson.Serialize(envelope, "urn:orders");

        Assert.Contains("\"specversion\":\"1.0\"", json, StringComparison.Ordinal);
        Assert.Contains("\"source\":\"urn:orders\"", json, StringComparison.Ordinal);
        Assert.Contains("\"data\":{\"aggregate\":\"order-9\",\"sequence\":3}", json, StringComparison.Ordinal);
        var back = EventEnvelopeJson.Deserialize(json);
        Assert.Equal(envelope.EventId, back.EventId);
        Assert.Equal(envelope.TypeName, back.TypeName);
        Assert.Equal(envelope.AggregateKey, back.AggregateKey);
        Assert.Equal(envelope.OccurredAt, back.OccurredAt);
        Assert.Equal(envelope.CausationId, back.CausationId);
        Assert.Equal(envelope.CorrelationId, back.CorrelationId);
        Assert.Equal(envelope.Payload, back.Payload);
        Assert.Throws<FormatException>(() => EventEnvelopeJson.Deserialize("{\"id\":\"x\"}"));
    }
}
