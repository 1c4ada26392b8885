using CharacterFunctions.Roleplay.Alternatives;
using CharacterFunctions.Roleplay.Commits;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Events;
using CharacterFunctions.Roleplay.Generation;
using CharacterFunctions.Roleplay.Nudges;
using CharacterFunctions.Roleplay.Profiles;
using CharacterFunctions.Roleplay.Security;
using CharacterFunctions.Roleplay.SessionLifecycle;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Roleplay.Turns;
using CharacterFunctions.Roleplay.Validation;
using CharacterFunctions.Roleplay.Tests.Services.Fakes;

namespace CharacterFunctions.Roleplay.Tests.Services;

public sealed class GameEventIntakeTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task AcceptAsync_NewEvent_AcceptedAndSentToActor()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();
        var gameEvent = new GameEvent("e-42", s.SessionId, "Player enters Level 3", false);

        Assert.Equal(EventDisposition.Accepted, await h.Intake.AcceptAsync(gameEvent, None));
        Assert.Contains(new SessionOperation.AddEvent(gameEvent), h.Actors.SentTo(s.SessionId));
    }

    [Fact]
    public async Task AcceptAsync_SeenOrPendingEventId_Duplicate()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();
        h.Actors.SetState(new SessionActorState
        {
            SessionId = s.SessionId,
            SeenEventIds = ["e-1"],
            PendingEvents = [new GameEvent("e-2", s.SessionId, "x", false)],
        });

        Assert.Equal(EventDisposition.Duplicate, await h.Intake.AcceptAsync(new GameEvent("e-1", s.SessionId, "x", false), None));
        Assert.Equal(EventDisposition.Duplicate, await h.Intake.AcceptAsync(new GameEvent("e-2", s.SessionId, "x", true), None));
        Assert.DoesNotContain(h.Actors.SentTo(s.SessionId), op => op is SessionOperation.AddEvent);
    }

    [Fact]
    public async Task AcceptAsync_EightSimultaneousDeliveriesOfOneEventId_ExactlyOneAcceptedAndSentOnce()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();
        var intake = h.Intake;
        var gameEvent = new GameEvent("e-race", s.SessionId, "The bell rings.", false);

        var dispositions = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => intake.AcceptAsync(gameEvent, None))));

        Assert.Single(dispositions, d => d == EventDisposition.Accepted);
        Assert.Equal(7, dispositions.Count(d => d == EventDisposition.Duplicate));
        Assert.Single(h.Actors.SentTo(s.SessionId), op => op is SessionOperation.AddEvent);
    }

    [Fact]
    public async Task AcceptAsync_ClaimOfProcessThatDiedBeforeHandOver_TakenOverAndAccepted()
    {
        var h = new RoleplayHarness();
        h.LeaseOptions.SoleOwner = true;
        var s = await h.OneToOneAsync();
        var gameEvent = new GameEvent("e-orphan", s.SessionId, "The lights flicker.", false);
        var now = h.Time.GetUtcNow();
        h.Idempotency.Put(new IdempotencyRecord(s.SessionId, GameEventIntake.ClaimPrefix + "e-orphan", "game-event", IdempotencyStatus.InFlight, null, now)
        {
            Owner = "killed-process",
            LeaseUntil = now.AddSeconds(10),
        });

        Assert.Equal(EventDisposition.Accepted, await h.Intake.AcceptAsync(gameEvent, None));
        Assert.Single(h.Actors.SentTo(s.SessionId), op => op is SessionOperation.AddEvent);
    }

    [Fact]
    public async Task AcceptAsync_ClaimHeldByLiveOtherInstance_Duplicate()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();
        var now = h.Time.GetUtcNow();
        h.Idempotency.Put(new IdempotencyRecord(s.SessionId, GameEventIntake.ClaimPrefix + "e-held", "game-event", IdempotencyStatus.InFlight, null, now)
        {
            Owner = "other-instance",
            LeaseUntil = now.AddSeconds(10),
        });

        Assert.Equal(EventDisposition.Duplicate, await h.Intake.AcceptAsync(new GameEvent("e-held", s.SessionId, "x", false), None));
        Assert.DoesNotContain(h.Actors.SentTo(s.SessionId), op => op is SessionOperation.AddEvent);
    }

    [Fact]
    public async Task AcceptAsync_RedeliveryAfterAcceptance_Duplicate()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();
        var gameEvent = new GameEvent("e-again", s.SessionId, "x", false);

        Assert.Equal(EventDisposition.Accepted, await h.Intake.AcceptAsync(gameEvent, None));
        Assert.Equal(EventDisposition.Duplicate, await h.Intake.AcceptAsync(gameEvent, None));
    }

    [Fact]
    public async Task AcceptAsync_EndedSession_SessionEnded_UnknownSession_UnknownSession()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();
        await h.SessionService.EndAsync(s.SessionId, Caller.Operator, None);

        Assert.Equal(EventDisposition.SessionEnded, await h.Intake.AcceptAsync(new GameEvent("e-1", s.SessionId, "x", false), None));
        Assert.Equal(EventDisposition.UnknownSession, await h.Intake.AcceptAsync(new GameEvent("e-1", "missing", "x", false), None));
    }

    [Theory]
    [InlineData("", "s", "text", "eventId")]
    [InlineData("bad id", "s", "text", "eventId")]
    [InlineData("e-1\n", "s", "text", "eventId")]
    [InlineData("e-1", "", "text", "sessionId")]
    [InlineData("e-1", "games/42", "text", "sessionId")]
    [InlineData("e-1", "s", " ", "text")]
    public async Task AcceptAsync_InvalidEvent_ThrowsValidationNamingTheField(string eventId, string sessionId, string text, string field)
    {
        var h = new RoleplayHarness();

        var error = await Assert.ThrowsAsync<RoleplayException>(() => h.Intake.AcceptAsync(new GameEvent(eventId, sessionId, text, false), None));

        Assert.Equal(ProblemKind.Validation, error.Kind);
        Assert.Contains(field, error.Errors!.Keys);
    }

    [Fact]
    public async Task AcceptAsync_SessionIdOverOneKiB_ValidationProblem()
    {
        var h = new RoleplayHarness();

        var error = await Assert.ThrowsAsync<RoleplayException>(
            () => h.Intake.AcceptAsync(new GameEvent("e-1", new string('a', 1025), "text", false), None));

        Assert.Equal(ProblemKind.Validation, error.Kind);
        Assert.Contains("sessionId", error.Errors!.Keys);
    }
}
