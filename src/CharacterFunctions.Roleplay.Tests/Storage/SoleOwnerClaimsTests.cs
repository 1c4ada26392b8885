using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Roleplay.Tests.Services.Fakes;

namespace CharacterFunctions.Roleplay.Tests.Storage;

public sealed class SoleOwnerClaimsTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 6, 0, 0, TimeSpan.Zero);

    private readonly InMemoryIdempotencyStore _store = new();

    private static IdempotencyRecord Claim(string owner = "this-process", string operation = "t-1") =>
        new("s-1", operation, "hash", IdempotencyStatus.InFlight, null, Now) { Owner = owner, LeaseUntil = Now.AddSeconds(10) };

    /// <summary>What a claim held in process looks like: alive as long as the process, so its lease never runs out.</summary>
    private static IdempotencyRecord Held(string owner = "this-process") => Claim(owner) with { LeaseUntil = DateTimeOffset.MaxValue };

    private static IdempotencyRecord Completed(string operation = "t-1") =>
        new("s-1", operation, "hash", IdempotencyStatus.Completed, "{\"done\":true}", Now);

    [Fact]
    public async Task TryClaimAsync_NewOperation_HoldsItInProcessWithoutWriting()
    {
        var claims = new SoleOwnerClaims(_store);

        Assert.Null(await claims.TryClaimAsync(Claim(), None));

        Assert.Null(await _store.GetAsync("s-1", "t-1", None));
        Assert.Equal(Held(), await claims.GetAsync("s-1", "t-1", None));
        Assert.True(claims.HoldsClaimsInProcess);
    }

    [Fact]
    public async Task TryClaimAsync_OperationHeldHere_ReturnsTheHeldClaim()
    {
        var claims = new SoleOwnerClaims(_store);
        await claims.TryClaimAsync(Claim(), None);

        var second = await claims.TryClaimAsync(Claim(owner: "this-process") with { ClaimedAt = Now.AddSeconds(1) }, None);

        Assert.Equal(Held(), second);
    }

    [Fact]
    public async Task TryClaimAsync_AfterCommitCarriedTheCompletion_ReturnsTheCompletedRecord()
    {
        var claims = new SoleOwnerClaims(_store);
        await claims.TryClaimAsync(Claim(), None);
        _store.WriteCompleted(Completed()); // what the session commit wrote in its transaction

        claims.Committed("s-1", "t-1");
        var retry = await claims.TryClaimAsync(Claim(), None);

        Assert.Equal(Completed(), retry);
        Assert.Equal(Completed(), await claims.GetAsync("s-1", "t-1", None));
    }

    [Fact]
    public async Task ReleaseAsync_HeldClaim_FreesTheOperationForARetry()
    {
        var claims = new SoleOwnerClaims(_store);
        await claims.TryClaimAsync(Claim(), None);

        await claims.ReleaseAsync("s-1", "t-1", None);

        Assert.Null(await claims.TryClaimAsync(Claim(), None));
    }

    [Fact]
    public async Task RenewLeaseAsync_OwnerHoldsClaim_TrueAndTheLeaseStaysUnbounded()
    {
        var claims = new SoleOwnerClaims(_store);
        await claims.TryClaimAsync(Claim(), None);

        Assert.True(await claims.RenewLeaseAsync("s-1", "t-1", "this-process", Now.AddSeconds(30), None));
        Assert.False(await claims.RenewLeaseAsync("s-1", "t-1", "someone-else", Now.AddSeconds(60), None));

        Assert.Equal(DateTimeOffset.MaxValue, (await claims.GetAsync("s-1", "t-1", None))!.LeaseUntil);
        Assert.Null(await _store.GetAsync("s-1", "t-1", None));
    }

    [Fact]
    public async Task CompleteAsync_HeldClaim_WritesTheCompletedRecordAndForgetsTheClaim()
    {
        var claims = new SoleOwnerClaims(_store);
        await claims.TryClaimAsync(Claim(), None);

        await claims.CompleteAsync("s-1", "t-1", "{\"done\":true}", None);

        var stored = await _store.GetAsync("s-1", "t-1", None);
        Assert.Equal((IdempotencyStatus.Completed, "{\"done\":true}"), (stored!.Status, stored.ResultJson));
        Assert.Equal(stored, await claims.TryClaimAsync(Claim(), None));
    }

    [Fact]
    public async Task TryTakeOverAsync_RowLeftByEarlierProcess_DropsTheRowAndHoldsTheClaimHere()
    {
        var left = Claim(owner: "killed-process");
        _store.Put(left);
        var claims = new SoleOwnerClaims(_store);
        Assert.Equal(left, await claims.TryClaimAsync(Claim(), None));

        Assert.True(await claims.TryTakeOverAsync(left, Claim(), None));

        Assert.Null(await _store.GetAsync("s-1", "t-1", None));
        Assert.Equal(Held(), await claims.GetAsync("s-1", "t-1", None));
    }

    [Fact]
    public async Task TryTakeOverAsync_ClaimHeldByThisProcess_IsRefused()
    {
        var claims = new SoleOwnerClaims(_store);
        await claims.TryClaimAsync(Claim(), None);

        Assert.False(await claims.TryTakeOverAsync(Claim(), Claim(owner: "this-process") with { ClaimedAt = Now.AddSeconds(20) }, None));
    }

    [Fact]
    public async Task TryClaimAsync_NewIdOfASessionWhoseIdsAreKnown_ReadsNoRecord()
    {
        _store.WriteCompleted(Completed("t-0"));
        var claims = new SoleOwnerClaims(_store);
        await claims.TryClaimAsync(Claim(operation: "t-1"), None); // loads the session's ids once
        claims.Committed("s-1", "t-1");
        var reads = _store.Gets;

        Assert.Null(await claims.TryClaimAsync(Claim(operation: "t-2"), None));

        Assert.Equal(reads, _store.Gets);
    }

    [Fact]
    public async Task TryClaimAsync_RetryOfACommittedId_ReadsItsRecord()
    {
        var claims = new SoleOwnerClaims(_store);
        await claims.TryClaimAsync(Claim(), None);
        _store.WriteCompleted(Completed());
        claims.Committed("s-1", "t-1");

        Assert.Equal(Completed(), await claims.TryClaimAsync(Claim(), None));
    }

    [Fact]
    public async Task TryClaimAsync_WorkFailedAfterItsCommitWasApplied_RetryStillFindsTheRecord()
    {
        var claims = new SoleOwnerClaims(_store);
        await claims.TryClaimAsync(Claim(), None);
        _store.WriteCompleted(Completed()); // the commit landed, then the connection failed on the way back

        await claims.ReleaseAsync("s-1", "t-1", None);

        Assert.Equal(Completed(), await claims.TryClaimAsync(Claim(), None));
    }
}
