using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Storage.Tests.Infrastructure;
using static CharacterFunctions.Storage.Tests.Infrastructure.TestData;

namespace CharacterFunctions.Storage.Tests.Contracts;

/// <summary>
/// An operation's completed idempotency record riding in a session commit (<see cref="SessionCommit.Completion"/>):
/// durable exactly when the commit is, and beside the transcript without ever showing up in it. One subclass
/// per backend, with its session store and idempotency store over the same storage.
/// </summary>
public abstract class SessionCommitContract
{
    protected abstract ISessionStore Sessions { get; }

    protected abstract IIdempotencyStore Records { get; }

    private static readonly CancellationToken Ct = CancellationToken.None;

    private static IdempotencyRecord InFlight(string sessionId, string operationId) =>
        new(sessionId, operationId, "hash-a", IdempotencyStatus.InFlight, null, T0) { Owner = "owner-a", LeaseUntil = T0.AddSeconds(10) };

    private static IdempotencyRecord CompletedFrom(IdempotencyRecord claim, string result) =>
        claim with { Status = IdempotencyStatus.Completed, ResultJson = result, Owner = null, LeaseUntil = null };

    private async Task<SessionRecord> CreateAsync() => await Sessions.CreateAsync(Session(lastSeq: 1), [Opening()], Ct);

    [StoreFact]
    public async Task CommitAsync_CompletionOfAClaim_GetReturnsTheCompletedRecord()
    {
        var head = await CreateAsync();
        var claim = InFlight(head.SessionId, "t-1");
        Assert.Null(await Records.TryClaimAsync(claim, Ct));
        var completed = CompletedFrom(claim, "{\"turnId\":\"t-1\"}");

        await Sessions.CommitAsync(SessionCommit.Append(head, head with { LastSeq = 3 }, [User(2, turnId: "t-1"), Reply(3, turnId: "t-1")]) with { Completion = completed }, Ct);

        Assert.Equal(completed, await Records.GetAsync(head.SessionId, "t-1", Ct));
        // A retry's claim finds the result; a late release by the claim's owner keeps it.
        Assert.Equal(completed, await Records.TryClaimAsync(claim with { ClaimedAt = T0.AddMinutes(1) }, Ct));
        await Records.ReleaseAsync(head.SessionId, "t-1", Ct);
        Assert.Equal(completed, await Records.GetAsync(head.SessionId, "t-1", Ct));
    }

    [StoreFact]
    public async Task CommitAsync_CompletionWithoutAStoredClaim_InsertsTheCompletedRecord()
    {
        var head = await CreateAsync();
        // A host that keeps in-flight claims in process writes nothing before the commit.
        var completed = CompletedFrom(InFlight(head.SessionId, "t-1"), "{\"turnId\":\"t-1\",\"text\":\"" + new string('字', 40_000) + "\"}");

        await Sessions.CommitAsync(SessionCommit.Append(head, head with { LastSeq = 2 }, [User(2, turnId: "t-1")]) with { Completion = completed }, Ct);

        Assert.Equal(completed, await Records.GetAsync(head.SessionId, "t-1", Ct));
    }

    [StoreFact]
    public async Task CommitAsync_StaleVersionWithCompletion_WritesNeitherMessagesNorCompletion()
    {
        var original = await CreateAsync();
        var claim = InFlight(original.SessionId, "t-loser");
        await Records.TryClaimAsync(claim, Ct);
        var winner = await Sessions.CommitAsync(SessionCommit.Append(original, original with { LastSeq = 2 }, [User(2, "winner")]), Ct);

        await Assert.ThrowsAsync<ConcurrencyException>(() => Sessions.CommitAsync(
            SessionCommit.Append(original, original with { LastSeq = 3 }, [User(2, "loser", "t-loser"), Reply(3, "loser", "t-loser")])
                with { Completion = CompletedFrom(claim, "{}") }, Ct));

        Assert.Equal(claim, await Records.GetAsync(original.SessionId, "t-loser", Ct));
        Assert.Equal(winner.Version, (await Sessions.GetAsync(original.SessionId, Ct))!.Version);
        Assert.Equal(["Class monitor, what are you up to?", "winner"], (await Sessions.ReadPageAsync(original.SessionId, 0, 100, Ct)).Select(m => m.Text));
    }

    [StoreFact]
    public async Task CommitAsync_CompletionOfAnotherSession_ThrowsArgumentAndWritesNothing()
    {
        var head = await CreateAsync();
        var foreign = CompletedFrom(InFlight(NewId("s"), "t-1"), "{}");

        await Assert.ThrowsAnyAsync<ArgumentException>(() => Sessions.CommitAsync(
            SessionCommit.Append(head, head with { LastSeq = 2 }, [User(2, turnId: "t-1")]) with { Completion = foreign }, Ct));

        Assert.Null(await Records.GetAsync(foreign.SessionId, "t-1", Ct));
        Assert.Equal(head.Version, (await Sessions.GetAsync(head.SessionId, Ct))!.Version);
    }

    [StoreFact]
    public async Task Records_BesideTheTranscript_NeverShowInHeadOrMessageReads()
    {
        var head = await CreateAsync();
        // Operation ids that look like message keys, the head's key or the message range's bound, and one whose turn wrote messages.
        string[] operationIds = ["t-1", "m0000000000000000002", "head", "n", "event:e-1", "~"];
        foreach (var id in operationIds)
        {
            Assert.Null(await Records.TryClaimAsync(InFlight(head.SessionId, id), Ct));
        }
        head = await Sessions.CommitAsync(SessionCommit.Append(head, head with { LastSeq = 3 }, [User(2, turnId: "t-1"), Reply(3, turnId: "t-1")])
            with { Completion = CompletedFrom(InFlight(head.SessionId, "t-1"), "{}") }, Ct);

        Assert.Equal([1L, 2, 3], (await Sessions.ReadPageAsync(head.SessionId, 0, 1000, Ct)).Select(m => m.Seq));
        Assert.Equal([3L], (await Sessions.ReadPageAsync(head.SessionId, 2, 1000, Ct)).Select(m => m.Seq));
        Assert.Equal([1L, 2, 3], (await Sessions.ReadRangeAsync(head.SessionId, 0, long.MaxValue, Ct)).Select(m => m.Seq));
        Assert.Equal([2L, 3], (await Sessions.FindByTurnAsync(head.SessionId, "t-1", Ct)).Select(m => m.Seq));
        Assert.Empty(await Sessions.FindByTurnAsync(head.SessionId, "head", Ct));
        Assert.Equal(head.Version, (await Sessions.GetAsync(head.SessionId, Ct))!.Version);
    }

    [StoreFact]
    public async Task TryClaimAsync_SessionWithoutHead_LeavesTheSessionUnknown()
    {
        var sessionId = NewId("s");

        Assert.Null(await Records.TryClaimAsync(InFlight(sessionId, "t-1"), Ct));

        Assert.Null(await Sessions.GetAsync(sessionId, Ct));
        Assert.Empty(await Sessions.ReadPageAsync(sessionId, 0, 100, Ct));
    }
}
