using System;
using System.Globalization;
using Consistency.Runtime.Outbox;

namespace Consistency.Runtime.Tests.Infrastructure;

public static class Events
{
    public static EventEnvelope Create(string aggregate, int sequence, string? payload = null, string? causationId = null, string? eventId = null) =>
        new(
            eventId ?? $"{aggregate}-{sequence.ToString(CultureInfo.InvariantCulture)}",
            "tests.thing-happened",
            1,
            aggregate,
            new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(sequence),
            payload ?? $"{{\"aggregate\":\"{aggregate}\",\"sequence\":{sequence.ToString(CultureInfo.InvariantCulture)}}}",
            causationId,
            "correlation-1");

    public static int SequenceOf(EventEnvelope envelope) =>
        int.Parse(envelope.EventId[(envelope.EventId.LastIndexOf('-') + 1)..], CultureInfo.InvariantCulture);
}
