using System.Collections.Concurrent;

namespace CharacterFunctions.Roleplay.Storage;

/// <summary>
/// Idempotency claims for a host that is the only process using its store (the local host,
/// <see cref="ClaimLeaseOptions.SoleOwner"/>): an in-flight claim lives in this process only, so claiming a
/// turn writes nothing and a turn's success path is the commit alone (its completed record rides in it,
/// <see cref="SessionCommit.Completion"/>). Crash-safe because a crash loses only claims whose work never
/// committed: the retry finds no record and runs. Completed records, and in-flight rows written by an
/// earlier process, come from <paramref name="store"/>.
/// </summary>
public sealed class SoleOwnerClaims(IIdempotencyStore store) : IIdempotencyStore
{
    /// <summary>A claim held here is alive as long as this process: its lease never runs out, nothing renews it.</summary>
    public bool HoldsClaimsInProcess => true;

    private readonly ConcurrentDictionary<(string SessionId, string OperationId), IdempotencyRecord> _inFlight = new();

    public async Task<IdempotencyRecord?> TryClaimAsync(IdempotencyRecord claim, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(claim);
        claim = claim with { LeaseUntil = DateTimeOffset.MaxValue };
        var key = (claim.SessionId, claim.OperationId);
        if (!_inFlight.TryAdd(key, claim))
        {
            return _inFlight.TryGetValue(key, out var held) ? held : await store.GetAsync(claim.SessionId, claim.OperationId, ct);
        }
        // Read after claiming: an owner forgets its claim only once its commit is durable, so a record it
        // completed just before is seen here rather than the work being run twice.
        try
        {
            var stored = await store.GetAsync(claim.SessionId, claim.OperationId, ct);
            if (stored is not null)
            {
                _inFlight.TryRemove(new(key, claim));
            }
            return stored;
        }
        catch
        {
            _inFlight.TryRemove(new(key, claim));
            throw;
        }
    }

    public async Task<bool> TryTakeOverAsync(IdempotencyRecord observed, IdempotencyRecord claim, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(claim);
        var key = (observed.SessionId, observed.OperationId);
        if (_inFlight.ContainsKey(key))
        {
            // A claim of this process is alive for as long as this process is (a hung request is not taken over here).
            return false;
        }
        // A row an earlier process left in flight (no other process shares the store): hold the claim here, drop the row.
        claim = claim with { LeaseUntil = DateTimeOffset.MaxValue };
        if (!_inFlight.TryAdd(key, claim))
        {
            return false;
        }
        try
        {
            await store.ReleaseAsync(observed.SessionId, observed.OperationId, ct);
            return true;
        }
        catch
        {
            _inFlight.TryRemove(new(key, claim));
            throw;
        }
    }

    /// <summary>True while this owner holds the claim here; its lease is unbounded, so there is nothing to extend.</summary>
    public Task<bool> RenewLeaseAsync(string sessionId, string operationId, string owner, DateTimeOffset leaseUntil, CancellationToken ct) =>
        Task.FromResult(_inFlight.TryGetValue((sessionId, operationId), out var held) && string.Equals(held.Owner, owner, StringComparison.Ordinal));

    public async Task CompleteAsync(string sessionId, string operationId, string resultJson, CancellationToken ct)
    {
        var key = (sessionId, operationId);
        if (!_inFlight.TryGetValue(key, out var held))
        {
            await store.CompleteAsync(sessionId, operationId, resultJson, ct);
            return;
        }
        // Inserted already completed: one write. A row that exists (an earlier process's) is completed in place.
        var completed = held with { Status = IdempotencyStatus.Completed, ResultJson = resultJson, Owner = null, LeaseUntil = null };
        if (await store.TryClaimAsync(completed, ct) is not null)
        {
            await store.CompleteAsync(sessionId, operationId, resultJson, ct);
        }
        _inFlight.TryRemove(key, out _);
    }

    public Task ReleaseAsync(string sessionId, string operationId, CancellationToken ct) =>
        _inFlight.TryRemove((sessionId, operationId), out _) ? Task.CompletedTask : store.ReleaseAsync(sessionId, operationId, ct);

    public async Task<IdempotencyRecord?> GetAsync(string sessionId, string operationId, CancellationToken ct) =>
        _inFlight.TryGetValue((sessionId, operationId), out var held) ? held : await store.GetAsync(sessionId, operationId, ct);

    public void Committed(string sessionId, string operationId) => _inFlight.TryRemove((sessionId, operationId), out _);
}
