using System;
using Consistency.Runtime.Outbox;

namespace Consistency.Runtime.Relay;

/// <summary>Something the relay gave up on: an event that kept failing, or a record it could not read.</summary>
/// <param name="RecordId">The stream sequence number (or outbox item key) it came from; <see langword="null"/> when unreadable.</param>
/// <param name="Event">The event, when the record could be read.</param>
/// <param name="RawRecord">The record's text, when it could not be read.</param>
/// <param name="Reason">Why it was given up.</param>
/// <param name="Attempts">How many publish attempts were made (0 for unreadable records).</param>
/// <param name="Exception">The last error, if any.</param>
public sealed record DeadLetter(
    string? RecordId,
    EventEnvelope? Event,
    string? RawRecord,
    string Reason,
    int Attempts,
    Exception? Exception);
