using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Storage.Tests.Infrastructure;
using static CharacterFunctions.Storage.Tests.Infrastructure.TestData;

namespace CharacterFunctions.Storage.Tests.Contracts;

/// <summary>Behaviour every <see cref="ISessionActorStateStore"/> must have; one subclass per store.</summary>
public abstract class ActorStateStoreContract
{
    protected abstract ISessionActorStateStore Store { get; }

    private static readonly CancellationToken Ct = CancellationToken.None;

    private static SessionActorState State(bool started = true, bool ended = false) => new()
    {
        SessionId = NewId("s"),
        Started = started,
        Ended = ended,
        Idle = new IdlePolicy(30, 2),
        LastSeq = 17,
        NudgesInARow = 1,
        TimerGeneration = 9,
        IdleDueAt = T0.AddSeconds(30),
        PendingEvents = [new GameEvent("e-1", "s", "Player enters Level 3", false), new GameEvent("e-2", "s", "门开了", false)],
        SeenEventIds = ["e-0", "e-1", "e-2"],
    };

    [StoreFact]
    public async Task SaveAsync_ThenLoad_RoundTripsEveryField()
    {
        var state = State();

        await Store.SaveAsync(state, Ct);

        JsonAssert.Same(state, await Store.LoadAsync(state.SessionId, Ct));
    }

    [StoreFact]
    public async Task SaveAsync_Again_Overwrites()
    {
        var state = State();
        await Store.SaveAsync(state, Ct);

        var next = state with { TimerGeneration = 10, IdleDueAt = null, PendingEvents = [] };
        await Store.SaveAsync(next, Ct);

        JsonAssert.Same(next, await Store.LoadAsync(state.SessionId, Ct));
    }

    [StoreFact]
    public async Task LoadAsync_Unknown_ReturnsNull()
    {
        Assert.Null(await Store.LoadAsync(NewId("s"), Ct));
    }

    [StoreFact]
    public async Task LoadActiveAsync_ReturnsStartedAndNotEndedOnly()
    {
        var active = State();
        var ended = State(ended: true);
        var notStarted = State(started: false);
        var endedLater = State();
        foreach (var state in new[] { active, ended, notStarted, endedLater })
        {
            await Store.SaveAsync(state, Ct);
        }

        await Store.SaveAsync(endedLater with { Ended = true, IdleDueAt = null }, Ct);

        var ids = (await Store.LoadActiveAsync(Ct)).Select(s => s.SessionId).ToHashSet();
        Assert.Contains(active.SessionId, ids);
        Assert.DoesNotContain(ended.SessionId, ids);
        Assert.DoesNotContain(notStarted.SessionId, ids);
        Assert.DoesNotContain(endedLater.SessionId, ids);
    }
}
