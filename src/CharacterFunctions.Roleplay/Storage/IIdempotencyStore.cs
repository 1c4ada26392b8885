namespace CharacterFunctions.Roleplay.Storage;

/// <summary>Idempotency records, claimed by insert so exactly one caller wins a new id.</summary>
public interface IIdempotencyStore
{
    /// <summary>Inserts an in-flight record (with its owner and lease). Returns null when this caller won the claim, else the existing record.</summary>
    Task<IdempotencyRecord?> TryClaimAsync(IdempotencyRecord claim, CancellationToken ct);

    /// <summary>
    /// Replaces an in-flight claim whose owner is gone by <paramref name="claim"/> (new owner, lease and
    /// claim time), only if it is still exactly the one observed (same claim time, owner and lease: a
    /// renewal in between means the owner is alive). Exactly one of racing take-overs wins.
    /// </summary>
    Task<bool> TryTakeOverAsync(IdempotencyRecord observed, IdempotencyRecord claim, CancellationToken ct);

    /// <summary>Extends an in-flight claim's lease if <paramref name="owner"/> still holds it; false otherwise (completed, released, taken over).</summary>
    Task<bool> RenewLeaseAsync(string sessionId, string operationId, string owner, DateTimeOffset leaseUntil, CancellationToken ct);

    Task CompleteAsync(string sessionId, string operationId, string resultJson, CancellationToken ct);

    /// <summary>Removes an in-flight claim after a failure so the client may retry.</summary>
    Task ReleaseAsync(string sessionId, string operationId, CancellationToken ct);

    Task<IdempotencyRecord?> GetAsync(string sessionId, string operationId, CancellationToken ct);

    /// <summary>Every operation id of the session that has a record (in flight or completed), in no order.</summary>
    Task<IReadOnlyCollection<string>> ListOperationIdsAsync(string sessionId, CancellationToken ct);

    /// <summary>
    /// The operation's completed record was written by a session commit (<see cref="SessionCommit.Completion"/>):
    /// a store that holds in-flight claims in process forgets its own. Durable stores have nothing to do.
    /// </summary>
    void Committed(string sessionId, string operationId)
    {
    }

    /// <summary>
    /// True when in-flight claims live in this process only (<see cref="SoleOwnerClaims"/>): they are alive
    /// exactly as long as the process, so nothing renews their lease.
    /// </summary>
    bool HoldsClaimsInProcess => false;
}
