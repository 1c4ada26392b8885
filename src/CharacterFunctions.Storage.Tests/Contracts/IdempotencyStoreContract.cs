using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Storage.Tests.Infrastructure;
using static CharacterFunctions.Storage.Tests.Infrastructure.TestData;

namespace CharacterFunctions.Storage.Tests.Contracts;

/// <summary>Behaviour every <see cref="IIdempotencyStore"/> must have; one subclass per store.</summary>
public abstract class IdempotencyStoreContract
{
    protected abstract IIdempotencyStore Store { get; }

    private static readonly CancellationToken Ct = CancellationToken.None;

    private static IdempotencyRecord Claim(string? sessionId = null, string? operationId = null, string hash = "hash-a", DateTimeOffset? at = null, string owner = "owner-a")
    {
        var claimedAt = at ?? T0.AddTicks(1234567);
        return new(sessionId ?? NewId("s"), operationId ?? NewId("op"), hash, IdempotencyStatus.InFlight, null, claimedAt)
        {
            Owner = owner,
            LeaseUntil = claimedAt.AddSeconds(10),
        };
    }

    /// <summary>What a new owner writes when it takes the claim over at <paramref name="now"/>.</summary>
    private static IdempotencyRecord TakeOver(IdempotencyRecord observed, DateTimeOffset now, string owner = "owner-b") =>
        observed with { ClaimedAt = now, Owner = owner, LeaseUntil = now.AddSeconds(10) };

    [StoreFact]
    public async Task TryClaimAsync_NewId_WinsAndIsReadable()
    {
        var claim = Claim();

        Assert.Null(await Store.TryClaimAsync(claim, Ct));

        Assert.Equal(claim, await Store.GetAsync(claim.SessionId, claim.OperationId, Ct));
    }

    [StoreFact]
    public async Task TryClaimAsync_Taken_ReturnsExistingRecord()
    {
        var first = Claim();
        await Store.TryClaimAsync(first, Ct);

        var existing = await Store.TryClaimAsync(first with { RequestHash = "hash-b", ClaimedAt = T0.AddMinutes(1) }, Ct);

        Assert.Equal(first, existing);
    }

    [StoreFact]
    public async Task TryClaimAsync_TwentyParallelClaims_ExactlyOneWins()
    {
        var sessionId = NewId("s");
        var operationId = NewId("op");

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            await Task.Yield();
            return (Hash: $"hash-{i}", Existing: await Store.TryClaimAsync(Claim(sessionId, operationId, $"hash-{i}"), Ct));
        }));

        var winner = Assert.Single(results, r => r.Existing is null);
        Assert.All(results.Where(r => r.Existing is not null), r => Assert.Equal(winner.Hash, r.Existing!.RequestHash));
        Assert.Equal(winner.Hash, (await Store.GetAsync(sessionId, operationId, Ct))!.RequestHash);
    }

    [StoreFact]
    public async Task TryClaimAsync_SameOperationIdInOtherSession_IsIndependent()
    {
        var a = Claim(operationId: "turn-1");
        var b = Claim(operationId: "turn-1");

        Assert.Null(await Store.TryClaimAsync(a, Ct));
        Assert.Null(await Store.TryClaimAsync(b, Ct));
    }

    [StoreFact]
    public async Task CompleteAsync_StoresResultAndLaterClaimsSeeIt()
    {
        var claim = Claim();
        await Store.TryClaimAsync(claim, Ct);
        var result = "{\"turnId\":\"t\",\"messages\":[{\"text\":\"" + new string('字', 45_000) + "\"}]}";

        await Store.CompleteAsync(claim.SessionId, claim.OperationId, result, Ct);

        var expected = claim with { Status = IdempotencyStatus.Completed, ResultJson = result };
        Assert.Equal(expected, await Store.GetAsync(claim.SessionId, claim.OperationId, Ct));
        Assert.Equal(expected, await Store.TryClaimAsync(claim with { ClaimedAt = T0.AddHours(1) }, Ct));
    }

    [StoreFact]
    public async Task CompleteAsync_NeverClaimed_ThrowsAndStoresNothing()
    {
        var claim = Claim();

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.CompleteAsync(claim.SessionId, claim.OperationId, "{}", Ct));

        Assert.Null(await Store.GetAsync(claim.SessionId, claim.OperationId, Ct));
    }

    [StoreFact]
    public async Task ReleaseAsync_InFlight_RemovesClaimSoRetryCanWin()
    {
        var claim = Claim();
        await Store.TryClaimAsync(claim, Ct);

        await Store.ReleaseAsync(claim.SessionId, claim.OperationId, Ct);

        Assert.Null(await Store.GetAsync(claim.SessionId, claim.OperationId, Ct));
        Assert.Null(await Store.TryClaimAsync(claim with { RequestHash = "retry" }, Ct));
        Assert.Equal("retry", (await Store.GetAsync(claim.SessionId, claim.OperationId, Ct))!.RequestHash);
    }

    [StoreFact]
    public async Task ReleaseAsync_Completed_KeepsRecord()
    {
        var claim = Claim();
        await Store.TryClaimAsync(claim, Ct);
        await Store.CompleteAsync(claim.SessionId, claim.OperationId, "{}", Ct);

        await Store.ReleaseAsync(claim.SessionId, claim.OperationId, Ct);

        Assert.Equal(IdempotencyStatus.Completed, (await Store.GetAsync(claim.SessionId, claim.OperationId, Ct))!.Status);
    }

    [StoreFact]
    public async Task ReleaseAsync_Unknown_DoesNothing()
    {
        await Store.ReleaseAsync(NewId("s"), "never-claimed", Ct);
    }

    [StoreFact]
    public async Task TryTakeOverAsync_ObservedStillCurrent_NewOwnerLeaseAndTime()
    {
        var claim = Claim();
        await Store.TryClaimAsync(claim, Ct);
        var takeOver = TakeOver(claim, T0.AddMinutes(5));

        Assert.True(await Store.TryTakeOverAsync(claim, takeOver, Ct));

        Assert.Equal(takeOver, await Store.GetAsync(claim.SessionId, claim.OperationId, Ct));
    }

    [StoreFact]
    public async Task TryTakeOverAsync_SomeoneTookOverFirst_Loses()
    {
        var claim = Claim();
        await Store.TryClaimAsync(claim, Ct);
        var first = TakeOver(claim, T0.AddMinutes(5), "owner-b");
        Assert.True(await Store.TryTakeOverAsync(claim, first, Ct));

        Assert.False(await Store.TryTakeOverAsync(claim, TakeOver(claim, T0.AddMinutes(6), "owner-c"), Ct));
        Assert.Equal(first, await Store.GetAsync(claim.SessionId, claim.OperationId, Ct));
    }

    [StoreFact]
    public async Task TryTakeOverAsync_OwnerRenewedSinceObserved_LosesAndOwnerKeepsClaim()
    {
        var claim = Claim();
        await Store.TryClaimAsync(claim, Ct);
        var renewedUntil = claim.LeaseUntil!.Value.AddSeconds(3);
        Assert.True(await Store.RenewLeaseAsync(claim.SessionId, claim.OperationId, claim.Owner!, renewedUntil, Ct));

        Assert.False(await Store.TryTakeOverAsync(claim, TakeOver(claim, T0.AddMinutes(5)), Ct));

        var read = await Store.GetAsync(claim.SessionId, claim.OperationId, Ct);
        Assert.Equal(claim with { LeaseUntil = renewedUntil }, read);
    }

    [StoreFact]
    public async Task TryTakeOverAsync_ClaimWithoutOwnerOrLease_TakenOver()
    {
        // A record written before leases existed.
        var legacy = Claim() with { Owner = null, LeaseUntil = null };
        await Store.TryClaimAsync(legacy, Ct);
        var takeOver = TakeOver(legacy, T0.AddMinutes(5));

        Assert.True(await Store.TryTakeOverAsync(legacy, takeOver, Ct));

        Assert.Equal(takeOver, await Store.GetAsync(legacy.SessionId, legacy.OperationId, Ct));
    }

    [StoreFact]
    public async Task TryTakeOverAsync_ParallelTakeOvers_ExactlyOneWins()
    {
        var claim = Claim();
        await Store.TryClaimAsync(claim, Ct);

        var results = await Task.WhenAll(Enumerable.Range(1, 10).Select(async i =>
        {
            await Task.Yield();
            var mine = TakeOver(claim, T0.AddMinutes(i), $"owner-{i}");
            return (Mine: mine, Won: await Store.TryTakeOverAsync(claim, mine, Ct));
        }));

        var winner = Assert.Single(results, r => r.Won);
        Assert.Equal(winner.Mine, await Store.GetAsync(claim.SessionId, claim.OperationId, Ct));
    }

    [StoreFact]
    public async Task TryTakeOverAsync_CompletedOrMissing_ReturnsFalse()
    {
        var claim = Claim();
        await Store.TryClaimAsync(claim, Ct);
        await Store.CompleteAsync(claim.SessionId, claim.OperationId, "{}", Ct);
        var missing = Claim();

        Assert.False(await Store.TryTakeOverAsync(claim with { Status = IdempotencyStatus.Completed, ResultJson = "{}" }, TakeOver(claim, T0.AddMinutes(5)), Ct));
        Assert.False(await Store.TryTakeOverAsync(missing, TakeOver(missing, T0.AddMinutes(5)), Ct));
        Assert.Null(await Store.GetAsync(missing.SessionId, missing.OperationId, Ct));
    }

    [StoreFact]
    public async Task RenewLeaseAsync_Owner_ExtendsLeaseOnly()
    {
        var claim = Claim();
        await Store.TryClaimAsync(claim, Ct);
        var until = T0.AddMinutes(1);

        Assert.True(await Store.RenewLeaseAsync(claim.SessionId, claim.OperationId, claim.Owner!, until, Ct));

        Assert.Equal(claim with { LeaseUntil = until }, await Store.GetAsync(claim.SessionId, claim.OperationId, Ct));
    }

    [StoreFact]
    public async Task RenewLeaseAsync_AfterTakeOver_OldOwnerRefusedAndNewLeaseKept()
    {
        var claim = Claim();
        await Store.TryClaimAsync(claim, Ct);
        var takeOver = TakeOver(claim, T0.AddMinutes(5));
        await Store.TryTakeOverAsync(claim, takeOver, Ct);

        Assert.False(await Store.RenewLeaseAsync(claim.SessionId, claim.OperationId, claim.Owner!, T0.AddHours(1), Ct));

        Assert.Equal(takeOver, await Store.GetAsync(claim.SessionId, claim.OperationId, Ct));
    }

    [StoreFact]
    public async Task RenewLeaseAsync_CompletedReleasedOrMissing_ReturnsFalse()
    {
        var completed = Claim();
        await Store.TryClaimAsync(completed, Ct);
        await Store.CompleteAsync(completed.SessionId, completed.OperationId, "{}", Ct);
        var released = Claim();
        await Store.TryClaimAsync(released, Ct);
        await Store.ReleaseAsync(released.SessionId, released.OperationId, Ct);

        Assert.False(await Store.RenewLeaseAsync(completed.SessionId, completed.OperationId, completed.Owner!, T0.AddHours(1), Ct));
        Assert.False(await Store.RenewLeaseAsync(released.SessionId, released.OperationId, released.Owner!, T0.AddHours(1), Ct));
        Assert.Equal(IdempotencyStatus.Completed, (await Store.GetAsync(completed.SessionId, completed.OperationId, Ct))!.Status);
        Assert.Null(await Store.GetAsync(released.SessionId, released.OperationId, Ct));
    }

    [StoreFact]
    public async Task Claims_OperationIdsWithReservedCharacters_AreDistinct()
    {
        var sessionId = NewId("s");
        string[] ids = ["a/b", "a%2Fb", "a#b?c\\d", "ü-é-😀", "a%b"];

        foreach (var id in ids)
        {
            Assert.Null(await Store.TryClaimAsync(Claim(sessionId, id, "hash-" + id), Ct));
        }

        foreach (var id in ids)
        {
            var read = await Store.GetAsync(sessionId, id, Ct);
            Assert.Equal(id, read!.OperationId);
            Assert.Equal("hash-" + id, read.RequestHash);
        }
    }

    [StoreFact]
    public async Task ListOperationIdsAsync_ClaimedAndCompletedIds_ListsThisSessionsOnly()
    {
        var sessionId = NewId("s");
        await Store.TryClaimAsync(Claim(sessionId, "turn-a"), Ct);
        await Store.TryClaimAsync(Claim(sessionId, "event:door/open#1?"), Ct);
        await Store.CompleteAsync(sessionId, "event:door/open#1?", "{}", Ct);
        await Store.TryClaimAsync(Claim(NewId("s"), "turn-elsewhere"), Ct);

        var ids = await Store.ListOperationIdsAsync(sessionId, Ct);

        Assert.Equal(["event:door/open#1?", "turn-a"], ids.Order(StringComparer.Ordinal));
        Assert.Empty(await Store.ListOperationIdsAsync(NewId("s"), Ct));
    }
}
