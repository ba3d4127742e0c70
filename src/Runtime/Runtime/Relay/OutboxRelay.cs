using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Consistency.Runtime.Outbox;

namespace Consistency.Runtime.Relay;

/// <summary>
/// Publishes the events of outbox records with at-least-once delivery, keeping the order of each aggregate.
/// Shared by the Lambda entry point, the stream tailer and the polling relay.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Records of different aggregates are published concurrently; records of one aggregate strictly in order.</item>
/// <item>When a publish fails, the batch is bisected to find the failing events; the others go through.</item>
/// <item>A single event is tried <see cref="RelayOptions.MaxAttempts"/> times, then sent to the dead-letter sink.
/// Without a sink, or when the sink fails, its record is reported failed and nothing after it in the same aggregate
/// is published (a failed publish never advances past the event).</item>
/// <item>Unreadable records go to the dead-letter sink at once; retrying cannot fix them.</item>
/// </list>
/// </remarks>
public sealed class OutboxRelay
{
    private readonly IOutboxPublisher _publisher;
    private readonly IDeadLetterSink? _deadLetters;
    private readonly RelayOptions _options;

    /// <summary>Creates the relay.</summary>
    /// <param name="publisher">Sends events to the broker.</param>
    /// <param name="deadLetters">Keeps what is given up on; without it nothing is ever given up.</param>
    /// <param name="options">Retry and concurrency settings.</param>
    public OutboxRelay(IOutboxPublisher publisher, IDeadLetterSink? deadLetters = null, RelayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(publisher);
        _publisher = publisher;
        _deadLetters = deadLetters;
        _options = options ?? new RelayOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxPublishBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxConcurrency, 1);
    }

    /// <summary>Publishes the events of <paramref name="records"/> and reports the records that must be delivered again.</summary>
    /// <param name="records">Records in stream (or key) order.</param>
    /// <param name="cancellationToken">Stops publishing; the call then throws and no record counts as done.</param>
    /// <returns>What happened.</returns>
    public async Task<RelayBatchResult> ProcessAsync(IReadOnlyList<RelayRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var counters = new Counters();
        var failed = new bool[records.Count];
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            if (record.Skip)
            {
                counters.Skipped++;
            }
            else if (record.Error is not null)
            {
                var letter = new DeadLetter(record.Id, null, record.RawRecord, "Unreadable record: " + record.Error, 0, null);
                if (await TryDeadLetterAsync(letter, cancellationToken).ConfigureAwait(false))
                {
                    counters.DeadLetteredRecords++;
                }
                else
                {
                    failed[i] = true;
                }
            }
            else
            {
                if (!groups.TryGetValue(record.AggregateKey!, out var indexes))
                {
                    groups[record.AggregateKey!] = indexes = new List<int>();
                }

                indexes.Add(i);
            }
        }

        await Parallel.ForEachAsync(
            groups.Values,
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrency, CancellationToken = cancellationToken },
            async (indexes, token) =>
            {
                for (var k = 0; k < indexes.Count; k++)
                {
                    if (!await PublishRecordAsync(records[indexes[k]], counters, token).ConfigureAwait(false))
                    {
                        // Later records of this aggregate wait for the failed one: order is kept.
                        for (var rest = k; rest < indexes.Count; rest++)
                        {
                            failed[indexes[rest]] = true;
                        }

                        return;
                    }
                }
            }).ConfigureAwait(false);

        var failedIndexes = Enumerable.Range(0, records.Count).Where(i => failed[i]).ToList();
        return new RelayBatchResult(
            failedIndexes.Where(i => records[i].Id is not null).Select(i => records[i].Id!).ToList(),
            failedIndexes,
            counters.Published,
            counters.DeadLetteredEvents,
            counters.DeadLetteredRecords,
            counters.Skipped);
    }

    private async Task<bool> PublishRecordAsync(RelayRecord record, Counters counters, CancellationToken cancellationToken)
    {
        var events = record.Events;
        for (var start = 0; start < events.Count; start += _options.MaxPublishBatchSize)
        {
            var chunk = events.Skip(start).Take(_options.MaxPublishBatchSize).ToList();
            if (!await PublishRangeAsync(record, chunk, counters, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }

        return true;
    }

    private async Task<bool> PublishRangeAsync(RelayRecord record, List<EventEnvelope> events, Counters counters, CancellationToken cancellationToken)
    {
        Exception failure;
        try
        {
            await _publisher.PublishAsync(events, cancellationToken).ConfigureAwait(false);
            counters.AddPublished(events.Count);
            return true;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            failure = exception;
        }

        if (events.Count == 1)
        {
            return await RetrySingleAsync(record, events[0], failure, counters, cancellationToken).ConfigureAwait(false);
        }

        // Bisect: isolate the failing events so that the healthy ones are not held back by a poison event.
        var middle = events.Count / 2;
        return await PublishRangeAsync(record, events.GetRange(0, middle), counters, cancellationToken).ConfigureAwait(false)
            && await PublishRangeAsync(record, events.GetRange(middle, events.Count - middle), counters, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> RetrySingleAsync(RelayRecord record, EventEnvelope envelope, Exception firstFailure, Counters counters, CancellationToken cancellationToken)
    {
        var attempts = 1;
        var lastFailure = firstFailure;
        var single = new[] { envelope };
        while (attempts < _options.MaxAttempts)
        {
            await Task.Delay(_options.RetryDelay * Math.Pow(2, attempts - 1), cancellationToken).ConfigureAwait(false);
            attempts++;
            try
            {
                await _publisher.PublishAsync(single, cancellationToken).ConfigureAwait(false);
                counters.AddPublished(1);
                return true;
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                lastFailure = exception;
            }
        }

        var letter = new DeadLetter(
            record.Id,
            envelope,
            null,
            string.Create(CultureInfo.InvariantCulture, $"Publishing failed {attempts} times: {lastFailure.Message}"),
            attempts,
            lastFailure);
        if (await TryDeadLetterAsync(letter, cancellationToken).ConfigureAwait(false))
        {
            counters.AddDeadLetteredEvent();
            return true;
        }

        return false;
    }

    private async Task<bool> TryDeadLetterAsync(DeadLetter letter, CancellationToken cancellationToken)
    {
        if (_deadLetters is null)
        {
            return false;
        }

        try
        {
            await _deadLetters.SendAsync(letter, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The sink is down: keep the record failed rather than lose it.
            return false;
        }
    }

    private sealed class Counters
    {
        private int _published;
        private int _deadLetteredEvents;

        public int Published => Volatile.Read(ref _published);

        public int DeadLetteredEvents => Volatile.Read(ref _deadLetteredEvents);

        public int DeadLetteredRecords { get; set; }

        public int Skipped { get; set; }

        public void AddPublished(int count) => Interlocked.Add(ref _published, count);

        public void AddDeadLetteredEvent() => Interlocked.Increment(ref _deadLetteredEvents);
    }
}
