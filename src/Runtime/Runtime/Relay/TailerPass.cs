namespace Consistency.Runtime.Relay;

/// <summary>The outcome of one pass of a tailer or poller.</summary>
/// <param name="Records">Records (or outbox items) read.</param>
/// <param name="FailedRecords">Records that failed and will be read again.</param>
public sealed record TailerPass(int Records, int FailedRecords);
