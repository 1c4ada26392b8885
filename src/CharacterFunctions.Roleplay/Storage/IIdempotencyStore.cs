namespace CharacterFunctions.Roleplay.Storage;

/// <summary>Idempotency records, claimed by insert so exactly one caller wins a new id.</summary>
public interface IIdempotencyStore
{
    /// <summary>Inserts an in-flight record. Returns null when this caller won the claim, else the existing record.</summary>
    Task<IdempotencyRecord?> TryClaimAsync(IdempotencyRecord claim, CancellationToken ct);

    /// <summary>Takes over a stale in-flight claim only if it is still the one observed (compare by ClaimedAt).</summary>
    Task<bool> TryReclaimAsync(IdempotencyRecord observed, DateTimeOffset now, CancellationToken ct);

    Task CompleteAsync(string sessionId, string operationId, string resultJson, CancellationToken ct);

    /// <summary>Removes an in-flight claim after a failure so the client may retry.</summary>
    Task ReleaseAsync(string sessionId, string operationId, CancellationToken ct);

    Task<IdempotencyRecord?> GetAsync(string sessionId, string operationId, CancellationToken ct);
}
