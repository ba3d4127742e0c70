using System.Collections.Generic;

namespace Consistency.Runtime.Relay;

/// <summary>What a relay pass did.</summary>
/// <param name="FailedRecordIds">Records not fully published, in input order: they must be delivered again.</param>
/// <param name="FailedRecordIndexes">Positions of the failed records in the input.</param>
/// <param name="PublishedEvents">Events the publisher accepted.</param>
/// <param name="DeadLetteredEvents">Events given up on after the maximum attempts.</param>
/// <param name="DeadLetteredRecords">Unreadable records given up on.</param>
/// <param name="SkippedRecords">Records that were not outbox inserts.</param>
public sealed record RelayBatchResult(
    IReadOnlyList<string> FailedRecordIds,
    IReadOnlyList<int> FailedRecordIndexes,
    int PublishedEvents,
    int DeadLetteredEvents,
    int DeadLetteredRecords,
    int SkippedRecords);
