using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.SessionLifecycle;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Roleplay.Tests.Services.Fakes;
using static CharacterFunctions.Roleplay.Tests.Services.Fakes.RoleplayHarness;

namespace CharacterFunctions.Roleplay.Tests.Services;

/// <summary>The commit path's write: what rides in the store's transaction, and how often the head is read.</summary>
public sealed class SessionCommitterTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly IdleDefinition Idle = new() { AfterSeconds = 30 };

    [Fact]
    public async Task CommitAsync_ActorsJoinCommits_ActorStateAndCompletionRideInTheOneCommit()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync(Idle);
        var actors = new JointSessionActors();
        var commits = new List<SessionCommit>();
        h.Sessions.BeforeCommit = commit =>
        {
            commits.Add(commit);
            return Task.CompletedTask;
        };

        var result = await h.TurnsWith(actors: actors).PostTurnAsync(s.SessionId, Player(s), Say("I'm reading a book.", "t-1"), null, None);

        var commit = Assert.Single(commits);
        var prepared = Assert.Single(actors.Prepared);
        Assert.Equal(prepared.State, commit.ActorState);
        Assert.Equal(("t-1", IdempotencyStatus.Completed), (commit.Completion!.OperationId, commit.Completion.Status));
        Assert.Equal(
            [new SessionOperation.Activity(result.Messages[0].Seq, MessageKind.User), new SessionOperation.Activity(result.Messages[1].Seq, MessageKind.Reply)],
            prepared.Operations);
        Assert.True(prepared.WasCommitted);
        Assert.Empty(actors.Sent); // applied with the commit, not sent again afterwards
    }

    [Fact]
    public async Task CommitAsync_CommitLosesARace_FirstActorStateIsDiscardedAndTheReplanCommitsItsOwn()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync(Idle);
        var actors = new JointSessionActors();
        h.Sessions.BeforeCommit = async commit =>
        {
            if (commit.Appended.Any(m => m.Kind == MessageKind.User))
            {
                h.Sessions.BeforeCommit = null;
                Assert.NotNull(await h.Idle.GenerateNudgeAsync(s.SessionId, 1, None)); // moves the head first
            }
        };

        await h.TurnsWith(actors: actors).PostTurnAsync(s.SessionId, Player(s), Say("hi", "t-1"), null, None);

        Assert.Equal([(false, true), (true, true)], actors.Prepared.Select(p => (p.WasCommitted, p.WasDisposed)));
    }

    [Fact]
    public async Task CommitAsync_StoreFails_ActorIsNotToldOfTheCommit()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync(Idle);
        var actors = new JointSessionActors();
        h.Sessions.BeforeCommit = _ => throw new IOException("disk full");

        await Assert.ThrowsAsync<IOException>(() => h.TurnsWith(actors: actors).PostTurnAsync(s.SessionId, Player(s), Say("hi", "t-1"), null, None));

        var prepared = Assert.Single(actors.Prepared);
        Assert.Equal((false, true), (prepared.WasCommitted, prepared.WasDisposed));
        Assert.Empty(actors.Sent);
    }

    [Fact]
    public async Task PostTurnAsync_NoLockSerialisesWriters_ReadsTheHeadOnce()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();
        var before = h.Sessions.HeadReads;

        await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("hi", "t-1"), null, None);

        Assert.Equal(1, h.Sessions.HeadReads - before);
    }

    [Fact]
    public async Task PostTurnAsync_LockSerialisesWriters_ReadsTheHeadAgainInsideTheLock()
    {
        var h = new RoleplayHarness { Lock = new SemaphoreSessionLock() };
        var s = await h.OneToOneAsync();
        var before = h.Sessions.HeadReads;

        await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("hi", "t-1"), null, None);

        Assert.Equal(2, h.Sessions.HeadReads - before);
    }
}
