using System;
using System.Globalization;
using Consistency.Runtime.Outbox;

namespace Consistency.Runtime.EntityFrameworkCore.Tests.Infrastructure;

public static class Events
{
    public static EventEnvelope Create(string aggregate, int sequence) =>
        new(
            $"{aggregate}-{sequence.ToString(CultureInfo.InvariantCulture)}",
            "tests.order-changed",
            2,
            aggregate,
            new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(2)).AddSeconds(sequence),
            $"{{\"aggregate\":\"{aggregate}\",\"sequence\":{sequence.ToString(CultureInfo.InvariantCulture)}}}",
            causationId: "cause-" + aggregate,
            correlationId: "correlation-1");
}
