namespace CharacterFunctions.Roleplay.Storage;

/// <summary>
/// A claimed client operation id within a session. <see cref="RequestHash"/> tells a retry from a
/// different request reusing the id; <see cref="ResultJson"/> is the stored response once completed.
/// </summary>
public sealed record IdempotencyRecord(
    string SessionId,
    string OperationId,
    string RequestHash,
    IdempotencyStatus Status,
    string? ResultJson,
    DateTimeOffset ClaimedAt)
{
    /// <summary>The process/instance that holds an in-flight claim (<see cref="ClaimLease.OwnerId"/>); null on records from before leases.</summary>
    public string? Owner { get; init; }

    /// <summary>Until when the owner is presumed alive; the owner renews it while its work runs (see <see cref="ClaimLease"/>).</summary>
    public DateTimeOffset? LeaseUntil { get; init; }
}

public enum IdempotencyStatus
{
    InFlight,
    Completed,
}
