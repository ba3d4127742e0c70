using System;

namespace Consistency.Runtime.Tests.Infrastructure;

/// <summary>A clock the test moves by hand.</summary>
/// <remarks>
/// Start it at the real time (<see cref="StartingNow"/>) when records with a TTL reach DynamoDB Local: its TTL sweeper
/// deletes items whose TTL lies in the real past, which would delete live records under a clock set in the past.
/// </remarks>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    /// <summary>A clock at the current time, truncated to whole seconds so that expected values are exact.</summary>
    public static ManualTimeProvider StartingNow() => new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    private readonly object _gate = new();
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _now += by;
        }
    }
}
