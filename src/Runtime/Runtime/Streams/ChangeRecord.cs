using System.Collections.Generic;
using Amazon.DynamoDBv2.Model;

namespace Consistency.Runtime.Streams;

/// <summary>
/// One DynamoDB stream record, as <c>GetRecords</c> returns it and as a Lambda stream event carries it, or the reason
/// it could not be read.
/// </summary>
/// <param name="SequenceNumber">Its sequence number in the shard; <see langword="null"/> when unreadable.</param>
/// <param name="EventName">INSERT, MODIFY or REMOVE.</param>
/// <param name="NewImage">The item after the change (streams with NEW_IMAGE or NEW_AND_OLD_IMAGES).</param>
/// <param name="RawJson">The record's JSON text, kept for dead letters.</param>
/// <param name="Error">Why the record could not be read; <see langword="null"/> when it was.</param>
public sealed record ChangeRecord(
    string? SequenceNumber,
    string? EventName,
    IReadOnlyDictionary<string, AttributeValue>? NewImage,
    string RawJson,
    string? Error);
