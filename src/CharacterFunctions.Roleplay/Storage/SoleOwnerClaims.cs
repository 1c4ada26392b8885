using System.Collections.Concurrent;

namespace CharacterFunctions.Roleplay.Storage;

/// <summary>
/// Idempotency claims for a host that is the only process using its store (the local host,
/// <see cref="ClaimLeaseOptions.SoleOwner"/>): an in-flight claim lives in this process only, so claiming a
/// turn writes nothing and a turn's success path is the commit alone (its completed record rides in it,
/// <see cref="SessionCommit.Completion"/>). Crash-safe because a crash loses only claims whose work never
/// committed: the retry finds no record and runs. Completed records, and in-flight rows written by an
/// earlier process, come from <paramref name="store"/>. Claiming a new id reads nothing either: the ids of
/// recently active sessions that have a record are known here (<see cref="KnownOperations"/>, loaded once
/// per session), so only a retry of an id with a record reads it.
/// </summary>
public sealed class SoleOwnerClaims(IIdempotencyStore store) : IIdempotencyStore
{
    /// <summary>A claim held here is alive as long as this process: its lease never runs out, nothing renews it.</summary>
    public bool HoldsClaimsInProcess => true;

    /// <summary>Sessions whose operation ids are known here at once; past it one is forgotten (and reloaded when claimed again).</summary>
    public const int MaxIndexedSessions = 128;

    private readonly ConcurrentDictionary<(string SessionId, string OperationId), IdempotencyRecord> _inFlight = new();
    private readonly ConcurrentDictionary<string, KnownOperations> _known = new(StringComparer.Ordinal);

    public async Task<IdempotencyRecord?> TryClaimAsync(IdempotencyRecord claim, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(claim);
        claim = claim with { LeaseUntil = DateTimeOffset.MaxValue };
        var key = (claim.SessionId, claim.OperationId);
        if (!_inFlight.TryAdd(key, claim))
        {
            return _inFlight.TryGetValue(key, out var held) ? held : await store.GetAsync(claim.SessionId, claim.OperationId, ct);
        }
        // Read after claiming: an owner forgets its claim only once its commit is durable (and known here), so a
        // record it completed just before is seen here rather than the work being run twice.
        try
        {
            if (await IsCertainlyNewAsync(claim.SessionId, claim.OperationId, ct))
            {
                return null;
            }
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
        Known(sessionId, operationId);
        _inFlight.TryRemove(key, out _);
    }

    public Task ReleaseAsync(string sessionId, string operationId, CancellationToken ct)
    {
        // The work failed, perhaps after its commit (and the record in it) was applied: what is known of the
        // session's ids may lack it, so it is read again before the next claim trusts it.
        _known.TryRemove(sessionId, out _);
        return _inFlight.TryRemove((sessionId, operationId), out _) ? Task.CompletedTask : store.ReleaseAsync(sessionId, operationId, ct);
    }

    public Task<IReadOnlyCollection<string>> ListOperationIdsAsync(string sessionId, CancellationToken ct) =>
        store.ListOperationIdsAsync(sessionId, ct);

    public async Task<IdempotencyRecord?> GetAsync(string sessionId, string operationId, CancellationToken ct) =>
        _inFlight.TryGetValue((sessionId, operationId), out var held) ? held : await store.GetAsync(sessionId, operationId, ct);

    public void Committed(string sessionId, string operationId)
    {
        Known(sessionId, operationId);
        _inFlight.TryRemove((sessionId, operationId), out _);
    }

    /// <summary>True when the session's ids are known here and <paramref name="operationId"/> is not among them (loads them once).</summary>
    private async Task<bool> IsCertainlyNewAsync(string sessionId, string operationId, CancellationToken ct)
    {
        var known = _known.GetOrAdd(sessionId, _ => new KnownOperations());
        if (_known.Count > MaxIndexedSessions)
        {
            // Forget another session (its ids are reloaded if it is claimed again); an approximation of LRU is enough.
            var other = _known.Keys.FirstOrDefault(id => !string.Equals(id, sessionId, StringComparison.Ordinal));
            if (other is not null)
            {
                _known.TryRemove(other, out _);
            }
        }
        if (!known.IsLoaded)
        {
            known.Loaded(await store.ListOperationIdsAsync(sessionId, ct));
        }
        return known.IsCertainlyNew(operationId);
    }

    /// <summary>A record for the id was written by this process: known before its claim is let go.</summary>
    private void Known(string sessionId, string operationId)
    {
        if (_known.TryGetValue(sessionId, out var known))
        {
            known.Add(operationId);
        }
    }
}
