using CharacterFunctions.Roleplay.Storage;

namespace CharacterFunctions.Roleplay.Tests.Services.Fakes;

internal sealed class InMemoryIdempotencyStore : IIdempotencyStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string, string), IdempotencyRecord> _records = [];

    public Task<IdempotencyRecord?> TryClaimAsync(IdempotencyRecord claim, CancellationToken ct)
    {
        lock (_gate)
        {
            if (_records.TryGetValue((claim.SessionId, claim.OperationId), out var existing))
            {
                return Task.FromResult<IdempotencyRecord?>(existing);
            }
            _records[(claim.SessionId, claim.OperationId)] = claim;
            return Task.FromResult<IdempotencyRecord?>(null);
        }
    }

    /// <summary>A session commit's completion: inserted, or replacing the in-flight claim.</summary>
    public void WriteCompleted(IdempotencyRecord completed)
    {
        lock (_gate)
        {
            _records[(completed.SessionId, completed.OperationId)] = completed;
        }
    }

    public Task<bool> TryTakeOverAsync(IdempotencyRecord observed, IdempotencyRecord claim, CancellationToken ct)
    {
        lock (_gate)
        {
            var key = (observed.SessionId, observed.OperationId);
            if (_records.TryGetValue(key, out var current) && current.Status == IdempotencyStatus.InFlight && current == observed)
            {
                _records[key] = current with { ClaimedAt = claim.ClaimedAt, Owner = claim.Owner, LeaseUntil = claim.LeaseUntil };
                return Task.FromResult(true);
            }
            return Task.FromResult(false);
        }
    }

    public Task<bool> RenewLeaseAsync(string sessionId, string operationId, string owner, DateTimeOffset leaseUntil, CancellationToken ct)
    {
        lock (_gate)
        {
            var key = (sessionId, operationId);
            if (_records.TryGetValue(key, out var current) && current.Status == IdempotencyStatus.InFlight && current.Owner == owner)
            {
                _records[key] = current with { LeaseUntil = leaseUntil };
                return Task.FromResult(true);
            }
            return Task.FromResult(false);
        }
    }

    public Task CompleteAsync(string sessionId, string operationId, string resultJson, CancellationToken ct)
    {
        lock (_gate)
        {
            var key = (sessionId, operationId);
            _records[key] = _records[key] with { Status = IdempotencyStatus.Completed, ResultJson = resultJson };
            return Task.CompletedTask;
        }
    }

    public Task ReleaseAsync(string sessionId, string operationId, CancellationToken ct)
    {
        lock (_gate)
        {
            if (_records.TryGetValue((sessionId, operationId), out var r) && r.Status == IdempotencyStatus.InFlight)
            {
                _records.Remove((sessionId, operationId));
            }
            return Task.CompletedTask;
        }
    }

    /// <summary>Record reads so far (GetAsync), to see which claims needed one.</summary>
    public int Gets { get; private set; }

    public Task<IReadOnlyCollection<string>> ListOperationIdsAsync(string sessionId, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyCollection<string>>(_records.Keys.Where(k => k.Item1 == sessionId).Select(k => k.Item2).ToList());
        }
    }

    public Task<IdempotencyRecord?> GetAsync(string sessionId, string operationId, CancellationToken ct)
    {
        Gets++;
        lock (_gate)
        {
            return Task.FromResult(_records.GetValueOrDefault((sessionId, operationId)));
        }
    }

    /// <summary>Puts a record directly (e.g. a stale in-flight claim left by a crashed worker).</summary>
    public void Put(IdempotencyRecord record)
    {
        lock (_gate)
        {
            _records[(record.SessionId, record.OperationId)] = record;
        }
    }
}
