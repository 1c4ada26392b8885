using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Events;
using CharacterFunctions.Roleplay.ModelApi;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Roleplay.Tests.Services.Fakes;
using static CharacterFunctions.Roleplay.Tests.Services.Fakes.RoleplayHarness;

namespace CharacterFunctions.Roleplay.Tests.Services;

/// <summary>
/// A store that knows no game event was ever held for a session lets a turn skip asking the actor (a
/// Durable state query in Azure); every path that holds an event marks the session before the actor holds it.
/// </summary>
public sealed class HeldEventMarkTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task PostTurnAsync_NoEventEverHeld_DoesNotAskTheActor()
    {
        var h = new RoleplayHarness(tracksHeldEvents: true);
        var s = await h.OneToOneAsync();

        await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("hi", "t-1"), null, None);

        Assert.Equal(0, h.Actors.StateQueries);
    }

    [Fact]
    public async Task PostTurnAsync_StoreDoesNotTrackHeldEvents_AsksTheActor()
    {
        var h = new RoleplayHarness(tracksHeldEvents: false);
        var s = await h.OneToOneAsync();

        await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("hi", "t-1"), null, None);

        Assert.Equal(1, h.Actors.StateQueries);
    }

    [Fact]
    public async Task AcceptAsync_HeldEvent_MarksTheSessionSoTheNextTurnWritesIt()
    {
        var h = new RoleplayHarness(tracksHeldEvents: true);
        var s = await h.OneToOneAsync();
        var gameEvent = new GameEvent("e-1", s.SessionId, "The door creaks open", React: false);

        Assert.Equal(EventDisposition.Accepted, await h.Intake.AcceptAsync(gameEvent, None));
        h.Actors.SetState(new SessionActorState { SessionId = s.SessionId, Started = true, PendingEvents = [gameEvent] }); // what the actor holds now
        var result = await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("What was that?", "t-1"), null, None);

        Assert.True((await h.Sessions.GetAsync(s.SessionId, None))!.MayHaveHeldEvents);
        Assert.Equal([MessageKind.Event, MessageKind.User, MessageKind.Reply], result.Messages.Select(m => m.Kind));
    }

    [Fact]
    public async Task AcceptAsync_EventToReactTo_DoesNotMark()
    {
        var h = new RoleplayHarness(tracksHeldEvents: true);
        var s = await h.OneToOneAsync();

        await h.Intake.AcceptAsync(new GameEvent("e-1", s.SessionId, "Level 3", React: true), None);

        Assert.False((await h.Sessions.GetAsync(s.SessionId, None))!.MayHaveHeldEvents);
    }

    [Fact]
    public async Task ReactAsync_ModelFails_MarksTheSessionBeforeTheEventIsHeld()
    {
        var h = new RoleplayHarness(tracksHeldEvents: true);
        var s = await h.OneToOneAsync();
        h.ChatModel.ThenFail(ModelFailureKind.RateLimited);

        await h.Reactions.ReactAsync(new GameEvent("e-1", s.SessionId, "Level 3", React: true), None);

        Assert.True((await h.Sessions.GetAsync(s.SessionId, None))!.MayHaveHeldEvents);
        Assert.Contains(h.Actors.SentTo(s.SessionId), o => o is SessionOperation.ReactionFailed);
    }
}
