using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Events;
using CharacterFunctions.Roleplay.ModelApi;
using CharacterFunctions.Roleplay.SessionLifecycle;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Roleplay.Tests.Services.Fakes;
using static CharacterFunctions.Roleplay.Tests.Services.Fakes.RoleplayHarness;

namespace CharacterFunctions.Roleplay.Tests.Services;

/// <summary>
/// A store that knows no game event is held for a session lets a turn skip asking the actor (a Durable state
/// query in Azure); every path that holds an event marks it before the actor holds it, and the commit that
/// writes the event clears its mark.
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
    public async Task AcceptAsync_HeldEvent_MarksItUntilTheTurnThatWritesIt()
    {
        var h = new RoleplayHarness(tracksHeldEvents: true);
        var s = await h.OneToOneAsync();
        var gameEvent = new GameEvent("e-1", s.SessionId, "The door creaks open", React: false);

        Assert.Equal(EventDisposition.Accepted, await h.Intake.AcceptAsync(gameEvent, None));
        var marked = (await h.Sessions.GetAsync(s.SessionId, None))!.HeldEventMarks;
        HoldPending(h, s, gameEvent);
        var result = await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("What was that?", "t-1"), null, None);

        Assert.Equal(["e-1"], marked!);
        Assert.Equal([MessageKind.Event, MessageKind.User, MessageKind.Reply], result.Messages.Select(m => m.Kind));
        Assert.Empty((await h.Sessions.GetAsync(s.SessionId, None))!.HeldEventMarks!);
    }

    [Fact]
    public async Task PostTurnAsync_AfterATurnWroteTheHeldEvent_DoesNotAskTheActor()
    {
        var h = new RoleplayHarness(tracksHeldEvents: true);
        var s = await h.OneToOneAsync();
        var gameEvent = new GameEvent("e-1", s.SessionId, "The door creaks open", React: false);
        await h.Intake.AcceptAsync(gameEvent, None);
        HoldPending(h, s, gameEvent);
        await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("What was that?", "t-1"), null, None);
        var queriesBefore = h.Actors.StateQueries;

        await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("Never mind.", "t-2"), null, None);

        Assert.Equal(queriesBefore, h.Actors.StateQueries);
    }

    [Fact]
    public async Task PostTurnAsync_EventMarkedButNotYetDeliveredToTheActor_KeepsTheMarkAndAsksAgain()
    {
        var h = new RoleplayHarness(tracksHeldEvents: true);
        var s = await h.OneToOneAsync();
        await h.Sessions.MarkHeldEventAsync(s.SessionId, "e-1", None); // the intake's mark; its AddEvent is still on its way
        await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("Anything new?", "t-1"), null, None);
        var queriesBefore = h.Actors.StateQueries;
        var marks = (await h.Sessions.GetAsync(s.SessionId, None))!.HeldEventMarks;

        var gameEvent = new GameEvent("e-1", s.SessionId, "The door creaks open", React: false);
        HoldPending(h, s, gameEvent); // delivered now
        var result = await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("And now?", "t-2"), null, None);

        Assert.Equal(["e-1"], marks!);
        Assert.Equal(queriesBefore + 1, h.Actors.StateQueries);
        Assert.Equal("e-1", result.Messages[0].EventId);
    }

    [Fact]
    public async Task AcceptAsync_EventToReactTo_DoesNotMark()
    {
        var h = new RoleplayHarness(tracksHeldEvents: true);
        var s = await h.OneToOneAsync();

        await h.Intake.AcceptAsync(new GameEvent("e-1", s.SessionId, "Level 3", React: true), None);

        Assert.Empty((await h.Sessions.GetAsync(s.SessionId, None))!.HeldEventMarks!);
    }

    [Fact]
    public async Task ReactAsync_ReactionCommitted_LeavesAnotherEventsMark()
    {
        var h = new RoleplayHarness(tracksHeldEvents: true);
        var s = await h.OneToOneAsync();
        await h.Sessions.MarkHeldEventAsync(s.SessionId, "e-held", None);

        var written = await h.Reactions.ReactAsync(new GameEvent("e-1", s.SessionId, "Level 3", React: true), None);

        Assert.Equal("e-1", written[0].EventId);
        Assert.Equal(["e-held"], (await h.Sessions.GetAsync(s.SessionId, None))!.HeldEventMarks!);
    }

    [Fact]
    public async Task ReactAsync_ModelFails_MarksTheEventBeforeItIsHeld()
    {
        var h = new RoleplayHarness(tracksHeldEvents: true);
        var s = await h.OneToOneAsync();
        h.ChatModel.ThenFail(ModelFailureKind.RateLimited);

        await h.Reactions.ReactAsync(new GameEvent("e-1", s.SessionId, "Level 3", React: true), None);

        Assert.Equal(["e-1"], (await h.Sessions.GetAsync(s.SessionId, None))!.HeldEventMarks!);
        Assert.Contains(h.Actors.SentTo(s.SessionId), o => o is SessionOperation.ReactionFailed);
    }

    /// <summary>What the actor holds once the intake's AddEvent has arrived.</summary>
    private static void HoldPending(RoleplayHarness h, CreatedSession s, GameEvent gameEvent) =>
        h.Actors.SetState(new SessionActorState { SessionId = s.SessionId, Started = true, PendingEvents = [gameEvent] });
}
