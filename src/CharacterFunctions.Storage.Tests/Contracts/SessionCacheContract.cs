using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Roleplay.Storage.Caching;
using CharacterFunctions.Storage.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using static CharacterFunctions.Storage.Tests.Infrastructure.TestData;

namespace CharacterFunctions.Storage.Tests.Contracts;

/// <summary>
/// <see cref="CachedSessionStore"/> over a real store: after every writer, successful or failed, a read
/// returns the store's truth, and a read in flight across a write never puts an older head back.
/// <see cref="OtherWriter"/> is a second, uncached instance on the same data (another process).
/// </summary>
public abstract class SessionCacheContract
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    /// <summary>The store the cache wraps.</summary>
    protected abstract ISessionStore Store { get; }

    /// <summary>A separate instance writing the same data, not through the cache.</summary>
    protected abstract ISessionStore OtherWriter { get; }

    private (CachedSessionStore Cached, GatedSessionStore Gated, StampedCache<string, SessionRecord> Heads) Cached(int maxEntries = 100)
    {
        var gated = new GatedSessionStore(Store);
        var heads = new StampedCache<string, SessionRecord>(maxEntries, new FakeTimeProvider());
        var tails = new StampedCache<string, TranscriptTail>(maxEntries, new FakeTimeProvider());
        return (new CachedSessionStore(gated, heads, tails), gated, heads);
    }

    /// <summary>The cached store's range and page reads equal the store's own.</summary>
    private async Task AssertTranscriptTruthAsync(ISessionStore cached, string sessionId)
    {
        var head = await OtherWriter.GetAsync(sessionId, Ct);
        JsonAssert.Same(await OtherWriter.ReadRangeAsync(sessionId, 1, head!.LastSeq, Ct), await cached.ReadRangeAsync(sessionId, 1, head.LastSeq, Ct));
        JsonAssert.Same(await OtherWriter.ReadPageAsync(sessionId, 0, 1000, Ct), await cached.ReadPageAsync(sessionId, 0, 1000, Ct));
        JsonAssert.Same(await OtherWriter.ReadPageAsync(sessionId, head.LastSeq - 1, 10, Ct), await cached.ReadPageAsync(sessionId, head.LastSeq - 1, 10, Ct));
    }

    private static SessionCommit Next(SessionRecord head, string text = "next") =>
        SessionCommit.Append(head, head with { LastSeq = head.LastSeq + 1 }, [User(head.LastSeq + 1, text)]);

    private async Task AssertTruthAsync(ISessionStore cached, string sessionId)
    {
        var truth = await OtherWriter.GetAsync(sessionId, Ct);
        var read = await cached.GetAsync(sessionId, Ct);
        Assert.NotNull(truth);
        JsonAssert.Same(truth, read);
    }

    [StoreFact]
    public async Task GetAsync_AfterCreate_ReturnsCreatedHead()
    {
        var (cached, _, _) = Cached();
        var session = Session(lastSeq: 1);
        Assert.Null(await cached.GetAsync(session.SessionId, Ct));

        var created = await cached.CreateAsync(session, [Opening()], Ct);

        Assert.Equal(created.Version, (await cached.GetAsync(session.SessionId, Ct))!.Version);
        await AssertTruthAsync(cached, session.SessionId);
    }

    [StoreFact]
    public async Task GetAsync_AfterCommit_ReturnsCommittedHead()
    {
        var (cached, _, _) = Cached();
        var head = await cached.CreateAsync(Session(lastSeq: 1), [Opening()], Ct);
        await cached.GetAsync(head.SessionId, Ct);

        var committed = await cached.CommitAsync(Next(head), Ct);

        Assert.Equal(committed.Version, (await cached.GetAsync(head.SessionId, Ct))!.Version);
        await AssertTruthAsync(cached, head.SessionId);
    }

    [StoreFact]
    public async Task GetAsync_AfterCreateOfExistingIdFails_ReturnsStoreTruth()
    {
        var (cached, _, _) = Cached();
        var head = await cached.CreateAsync(Session(lastSeq: 1), [Opening()], Ct);
        var moved = await OtherWriter.CommitAsync(Next(head, "elsewhere"), Ct);

        await Assert.ThrowsAsync<ConcurrencyException>(() => cached.CreateAsync(Session(head.SessionId, 1), [Opening()], Ct));

        Assert.Equal(moved.Version, (await cached.GetAsync(head.SessionId, Ct))!.Version);
    }

    [StoreFact]
    public async Task GetAsync_AfterStaleCommitFails_SeesOtherWritersHead()
    {
        // Self-healing: the cached head went stale behind the cache's back; the lost commit drops it.
        var (cached, _, _) = Cached();
        var head = await cached.CreateAsync(Session(lastSeq: 1), [Opening()], Ct);
        var moved = await OtherWriter.CommitAsync(Next(head, "elsewhere"), Ct);

        await Assert.ThrowsAsync<ConcurrencyException>(() => cached.CommitAsync(Next(head), Ct));

        var read = await cached.GetAsync(head.SessionId, Ct);
        Assert.Equal(moved.Version, read!.Version);
        Assert.Equal(2, read.LastSeq);
        await cached.CommitAsync(Next(read, "retried"), Ct);
        await AssertTruthAsync(cached, head.SessionId);
    }

    [StoreFact]
    public async Task GetAsync_AfterCommitFailsForAnotherReason_SeesOtherWritersHead()
    {
        var (cached, _, _) = Cached();
        var head = await cached.CreateAsync(Session(lastSeq: 1), [Opening()], Ct);
        var moved = await OtherWriter.CommitAsync(Next(head, "elsewhere"), Ct);
        var withGap = SessionCommit.Append(head, head with { LastSeq = 3 }, [User(3)]);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => cached.CommitAsync(withGap, Ct));

        Assert.Equal(moved.Version, (await cached.GetAsync(head.SessionId, Ct))!.Version);
    }

    [StoreFact]
    public async Task GetAsync_ReadStartedBeforeCommitEndsAfterIt_KeepsCommittedHead()
    {
        var (cached, gated, _) = Cached();
        var head = await OtherWriter.CreateAsync(Session(lastSeq: 1), [Opening()], Ct);
        var gate = gated.HoldNextGet();
        var slowRead = cached.GetAsync(head.SessionId, Ct);
        await gate.Reached; // the read holds the head as it was before the commit

        var committed = await cached.CommitAsync(Next(head), Ct);
        gate.Release();

        Assert.Equal(head.Version, (await slowRead)!.Version);
        Assert.Equal(committed.Version, (await cached.GetAsync(head.SessionId, Ct))!.Version);
    }

    [StoreFact]
    public async Task GetAsync_ReadStartedBeforeFailedCommitEndsAfterIt_SeesOtherWritersHead()
    {
        var (cached, gated, _) = Cached();
        var head = await OtherWriter.CreateAsync(Session(lastSeq: 1), [Opening()], Ct);
        var gate = gated.HoldNextGet();
        var slowRead = cached.GetAsync(head.SessionId, Ct);
        await gate.Reached;
        var moved = await OtherWriter.CommitAsync(Next(head, "elsewhere"), Ct);

        await Assert.ThrowsAsync<ConcurrencyException>(() => cached.CommitAsync(Next(head), Ct));
        gate.Release();
        await slowRead;

        Assert.Equal(moved.Version, (await cached.GetAsync(head.SessionId, Ct))!.Version);
    }

    [StoreFact]
    public async Task GetAsync_CommitReturningAfterANewerCommit_KeepsNewerHead()
    {
        var (cached, gated, _) = Cached();
        var head = await cached.CreateAsync(Session(lastSeq: 1), [Opening()], Ct);
        var gate = gated.HoldNextCommit();
        var slowCommit = cached.CommitAsync(Next(head, "first"), Ct);
        await gate.Reached; // durable, but not yet back in the cache
        var first = (await OtherWriter.GetAsync(head.SessionId, Ct))!;

        var second = await cached.CommitAsync(Next(first, "second"), Ct);
        gate.Release();
        await slowCommit;

        Assert.Equal(second.Version, (await cached.GetAsync(head.SessionId, Ct))!.Version);
    }

    [StoreFact]
    public async Task GetAsync_MoreSessionsThanMaxEntries_StaysWithinBoundAndReturnsTruth()
    {
        var (cached, _, heads) = Cached(maxEntries: 2);
        var created = new List<SessionRecord>();
        for (var i = 0; i < 5; i++)
        {
            var head = await cached.CreateAsync(Session(lastSeq: 1), [Opening()], Ct);
            created.Add(await cached.CommitAsync(Next(head), Ct));
            Assert.True(heads.Count <= 2);
        }

        foreach (var head in created)
        {
            Assert.Equal(head.Version, (await cached.GetAsync(head.SessionId, Ct))!.Version);
            Assert.True(heads.Count <= 2);
        }
    }

    [StoreFact]
    public async Task ReadRangeAsync_AfterCommitsAndAReplacement_ReturnsWhatTheStoreHolds()
    {
        var (cached, _, _) = Cached();
        var head = await cached.CreateAsync(Session(lastSeq: 1), [Opening()], Ct);
        await cached.ReadRangeAsync(head.SessionId, 1, 1, Ct); // the tail is filled from the store
        head = await cached.CommitAsync(Next(head, "one"), Ct);
        head = await cached.CommitAsync(Next(head, "two"), Ct);

        head = await cached.CommitAsync(new SessionCommit(head, head, [], [User(2, "one, edited")]), Ct);

        await AssertTranscriptTruthAsync(cached, head.SessionId);
        Assert.Equal("one, edited", (await cached.ReadRangeAsync(head.SessionId, 2, 2, Ct))[0].Text);
    }

    [StoreFact]
    public async Task ReadRangeAsync_AfterStaleCommitFails_SeesOtherWritersMessages()
    {
        var (cached, _, _) = Cached();
        var head = await cached.CreateAsync(Session(lastSeq: 1), [Opening()], Ct);
        await cached.ReadRangeAsync(head.SessionId, 1, 1, Ct);
        await OtherWriter.CommitAsync(Next(head, "elsewhere"), Ct);

        await Assert.ThrowsAsync<ConcurrencyException>(() => cached.CommitAsync(Next(head, "here"), Ct));

        await AssertTranscriptTruthAsync(cached, head.SessionId);
        Assert.Equal("elsewhere", (await cached.ReadPageAsync(head.SessionId, 1, 10, Ct)).Single().Text);
    }

    [StoreFact]
    public async Task ReadRangeAsync_ReadStartedBeforeCommitEndsAfterIt_DoesNotPutTheOlderTailBack()
    {
        var (cached, gated, _) = Cached();
        var created = await OtherWriter.CreateAsync(Session(lastSeq: 1), [Opening()], Ct);
        await OtherWriter.CommitAsync(Next(created, "one"), Ct);
        var head = await cached.GetAsync(created.SessionId, Ct); // head cached, no tail yet
        var gate = gated.HoldNextRange();
        var stale = cached.ReadRangeAsync(created.SessionId, 1, 2, Ct); // has read seqs 1..2 and waits
        await gate.Reached;

        await cached.CommitAsync(Next(head!, "newer"), Ct);
        gate.Release();
        await stale;

        await AssertTranscriptTruthAsync(cached, created.SessionId);
        Assert.Equal("newer", (await cached.ReadPageAsync(created.SessionId, 2, 10, Ct)).Single().Text);
    }
}
