using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Storage.Sqlite;
using CharacterFunctions.Storage.Tests.Infrastructure;
using static CharacterFunctions.Storage.Tests.Infrastructure.TestData;

namespace CharacterFunctions.Storage.Tests.Sqlite;

/// <summary>The local host's actors save their state in the session commit (<see cref="SessionCommit.ActorState"/>).</summary>
public sealed class SqliteActorStateCommitTests(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private readonly SqliteSessionStore _sessions = new(fixture.Database);
    private readonly SqliteActorStateStore _states = new(fixture.Database);

    private static SessionActorState StateOf(string sessionId, long lastSeq) =>
        new() { SessionId = sessionId, Started = true, Idle = new IdlePolicy(30, 1), LastSeq = lastSeq, TimerGeneration = 2, IdleDueAt = T0.AddSeconds(30) };

    [Fact]
    public async Task CommitAsync_WithActorState_ActorStateStoreLoadsIt()
    {
        var head = await _sessions.CreateAsync(Session(lastSeq: 1), [Opening()], Ct);
        var state = StateOf(head.SessionId, 2);

        await _sessions.CommitAsync(SessionCommit.Append(head, head with { LastSeq = 2 }, [User(2)]) with { ActorState = state }, Ct);

        JsonAssert.Same(state, await _states.LoadAsync(head.SessionId, Ct));
        Assert.Contains(head.SessionId, (await _states.LoadActiveAsync(Ct)).Select(s => s.SessionId));
    }

    [Fact]
    public async Task CommitAsync_StaleVersionWithActorState_KeepsTheSavedState()
    {
        var original = await _sessions.CreateAsync(Session(lastSeq: 1), [Opening()], Ct);
        var saved = StateOf(original.SessionId, 1);
        await _states.SaveAsync(saved, Ct);
        await _sessions.CommitAsync(SessionCommit.Append(original, original with { LastSeq = 2 }, [User(2, "winner")]), Ct);

        await Assert.ThrowsAsync<ConcurrencyException>(() => _sessions.CommitAsync(
            SessionCommit.Append(original, original with { LastSeq = 2 }, [User(2, "loser")]) with { ActorState = StateOf(original.SessionId, 2) }, Ct));

        JsonAssert.Same(saved, await _states.LoadAsync(original.SessionId, Ct));
    }
}
