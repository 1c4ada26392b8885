using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CharacterFunctions.Roleplay.Storage;

/// <summary>
/// Ownership of in-flight idempotency claims: each claim carries this process's owner id (new on every
/// start) and a lease its owner renews while the work runs. The one rule for "is the owner gone" lives here.
/// </summary>
public sealed class ClaimLease(IOptions<ClaimLeaseOptions> options, IIdempotencyStore records, TimeProvider time, ILogger<ClaimLease> logger)
{
    /// <summary>This process's owner id: a restart gets a new one, so claims of the old process are recognisably foreign.</summary>
    public string OwnerId { get; } = $"{Environment.ProcessId}-{Guid.NewGuid():N}";

    public ClaimLeaseOptions Options => options.Value;

    /// <summary>A fresh in-flight claim owned by this process, leased from now.</summary>
    public IdempotencyRecord NewClaim(string sessionId, string operationId, string requestHash)
    {
        var now = time.GetUtcNow();
        return new IdempotencyRecord(sessionId, operationId, requestHash, IdempotencyStatus.InFlight, null, now)
        {
            Owner = OwnerId,
            LeaseUntil = now + Options.Lease,
        };
    }

    /// <summary>
    /// True when an in-flight claim may be taken over: its lease ran out, or (sole owner) another process
    /// id holds it. A claim of this process with a live lease is a request still running here.
    /// </summary>
    public bool IsOwnerGone(IdempotencyRecord claim, DateTimeOffset now)
    {
        if (claim.Status != IdempotencyStatus.InFlight)
        {
            return false;
        }
        // Records from before leases count as leased from their claim time.
        if (now >= (claim.LeaseUntil ?? claim.ClaimedAt + Options.Lease))
        {
            return true;
        }
        return Options.SoleOwner && !string.Equals(claim.Owner, OwnerId, StringComparison.Ordinal);
    }

    /// <summary>Renews the claim every <see cref="ClaimLeaseOptions.RenewEvery"/> until disposed (dispose before completing or releasing it).</summary>
    public IAsyncDisposable KeepAlive(string sessionId, string operationId) =>
        records.HoldsClaimsInProcess
            ? NothingToRenew.Instance
            : new ClaimLeaseRenewal(RenewAsync, Options.RenewEvery, time, logger, sessionId, operationId);

    private Task<bool> RenewAsync(string sessionId, string operationId, CancellationToken ct) =>
        records.RenewLeaseAsync(sessionId, operationId, OwnerId, time.GetUtcNow() + Options.Lease, ct);

    private sealed class NothingToRenew : IAsyncDisposable
    {
        public static readonly NothingToRenew Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
