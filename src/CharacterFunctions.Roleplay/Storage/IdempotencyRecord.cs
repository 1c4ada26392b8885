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
    DateTimeOffset ClaimedAt);

public enum IdempotencyStatus
{
    InFlight,
    Completed,
}
