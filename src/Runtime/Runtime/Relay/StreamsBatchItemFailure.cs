namespace Consistency.Runtime.Relay;

/// <summary>One entry of a partial batch failure response.</summary>
/// <param name="ItemIdentifier">The sequence number of the failed stream record.</param>
public sealed record StreamsBatchItemFailure(string ItemIdentifier);
