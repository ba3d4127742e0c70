using System;

namespace Consistency.Runtime.Relay;

/// <summary>Settings of <see cref="OutboxPoller"/>.</summary>
public sealed class OutboxPollerOptions
{
    /// <summary>Outbox items per query page. Default: 100.</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>Pages per pass at most. Default: 10.</summary>
    public int MaxPagesPerPass { get; set; } = 10;

    /// <summary>Pause when a pass found nothing to publish. Default: 1 s.</summary>
    public TimeSpan IdleDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Pause after a pass with failures. Default: 1 s.</summary>
    public TimeSpan FailureDelay { get; set; } = TimeSpan.FromSeconds(1);
}
