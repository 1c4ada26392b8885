using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Storage.Tests.Infrastructure;
using static CharacterFunctions.Storage.Tests.Infrastructure.TestData;

namespace CharacterFunctions.Storage.Tests.Contracts;

/// <summary>Behaviour every <see cref="IIdempotencyStore"/> must have; one subclass per store.</summary>
public abstract class IdempotencyStoreContract
{
    protected abstract IIdempotencyStore Store { get; }

    private static readonly CancellationToken Ct = CancellationToken.None;

    private static IdempotencyRecord Claim(string? sessionId = null, string? operationId = null, string hash = "hash-a", DateTimeOffset? at = null) =>
        new(sessionId ?? NewId("s"), operationId ?? NewId("op"), hash, IdempotencyStatus.InFlight, null, at ?? T0.AddTicks(1234567));

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
    public async Task TryReclaimAsync_ObservedStillCurrent_TakesOverWithNewTime()
    {
        var claim = Claim();
        await Store.TryClaimAsync(claim, Ct);
        var now = T0.AddMinutes(5);

        Assert.True(await Store.TryReclaimAsync(claim, now, Ct));

        var read = await Store.GetAsync(claim.SessionId, claim.OperationId, Ct);
        Assert.Equal(now, read!.ClaimedAt);
        Assert.Equal(IdempotencyStatus.InFlight, read.Status);
    }

    [StoreFact]
    public async Task TryReclaimAsync_SomeoneReclaimedFirst_Loses()
    {
        var claim = Claim();
        await Store.TryClaimAsync(claim, Ct);
        Assert.True(await Store.TryReclaimAsync(claim, T0.AddMinutes(5), Ct));

        Assert.False(await Store.TryReclaimAsync(claim, T0.AddMinutes(6), Ct));
        Assert.Equal(T0.AddMinutes(5), (await Store.GetAsync(claim.SessionId, claim.OperationId, Ct))!.ClaimedAt);
    }

    [StoreFact]
    public async Task TryReclaimAsync_ParallelReclaims_ExactlyOneWins()
    {
        var claim = Claim();
        await Store.TryClaimAsync(claim, Ct);

        var results = await Task.WhenAll(Enumerable.Range(1, 10).Select(async i =>
        {
            await Task.Yield();
            return await Store.TryReclaimAsync(claim, T0.AddMinutes(i), Ct);
        }));

        Assert.Single(results, won => won);
    }

    [StoreFact]
    public async Task TryReclaimAsync_CompletedOrMissing_ReturnsFalse()
    {
        var claim = Claim();
        await Store.TryClaimAsync(claim, Ct);
        await Store.CompleteAsync(claim.SessionId, claim.OperationId, "{}", Ct);

        Assert.False(await Store.TryReclaimAsync(claim, T0.AddMinutes(5), Ct));
        Assert.False(await Store.TryReclaimAsync(Claim(), T0.AddMinutes(5), Ct));
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
}
