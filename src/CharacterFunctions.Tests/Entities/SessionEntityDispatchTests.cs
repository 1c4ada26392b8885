using CharacterFunctions.Functions.Entities;
using CharacterFunctions.Functions.Orchestrations;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Tests.Durable;

namespace CharacterFunctions.Tests.Entities;

/// <summary>The real <see cref="SessionEntity"/> through the real Durable entity dispatch (GrpcEntityRunner).</summary>
public sealed class SessionEntityDispatchTests
{
    private static readonly IdlePolicy Idle30x2 = new(30, 2);

    private readonly SessionEntityRunner _entity = new("s-1");

    private Task Start(long lastSeq = 1) => _entity.SendAsync(new SessionOperation.Start("s-1", Idle30x2, lastSeq));

    [Fact]
    public async Task Start_IdleEnabled_PersistsStateAndSchedulesIdleDueAtTheDeadlineInUtc()
    {
        var result = await _entity.SendAsync(new SessionOperation.Start("s-1", Idle30x2, 1));

        var signal = Assert.Single(result.Signals());
        Assert.Equal(_entity.InstanceId, signal.InstanceId);
        Assert.Equal(nameof(SessionEntity.IdleDue), signal.Name);
        Assert.Equal(1L, signal.Input<long>());
        Assert.Equal(_entity.Time.GetUtcNow().AddSeconds(30), signal.ScheduledTime.ToDateTimeOffset());
        Assert.Equal(TimeSpan.Zero, signal.ScheduledTime.ToDateTimeOffset().Offset);
        Assert.Empty(result.Orchestrations());
        SessionActorState state = _entity.State!;
        Assert.Equal(("s-1", true, Idle30x2, 1L, 1L), (state.SessionId, state.Started, state.Idle, state.LastSeq, state.TimerGeneration));
        Assert.Equal(_entity.Time.GetUtcNow().AddSeconds(30), state.IdleDueAt);
    }

    [Fact]
    public async Task Operations_AcrossBatches_StateRoundTripsThroughTheAppConverter()
    {
        await Start();
        await _entity.SendAsync(new SessionOperation.AddEvent(new GameEvent("e-1", "s-1", "Player enters Level 3", false)));
        await _entity.SendAsync(new SessionOperation.Activity(2, MessageKind.User));

        SessionActorState state = _entity.State!;
        Assert.Equal(2, state.LastSeq);
        Assert.Equal(2, state.TimerGeneration);
        Assert.Equal("e-1", Assert.Single(state.PendingEvents).EventId);
        Assert.Contains("\"pendingEvents\"", _entity.StoredState); // camelCase: the app's converter, not the default
    }

    [Fact]
    public async Task IdleDue_CurrentGenerationWhenDue_StartsTheNudgeOrchestrationWithItsRequest()
    {
        await Start(lastSeq: 4);
        _entity.Time.Advance(TimeSpan.FromSeconds(30));

        var result = await _entity.SendAsync(new SessionOperation.IdleDue(1));

        var start = Assert.Single(result.Orchestrations());
        Assert.Equal(nameof(NudgeOrchestration), start.Name);
        Assert.Equal(new NudgeRequest("s-1", 4, 1), start.Input<NudgeRequest>());
        var watchdog = Assert.Single(result.Signals());
        Assert.Equal(_entity.Time.GetUtcNow() + SessionReducer.NudgeTimeout, watchdog.ScheduledTime.ToDateTimeOffset());
    }

    [Fact]
    public async Task IdleDue_StaleGenerationAfterPlayerMessage_StartsNothing()
    {
        await Start();
        await _entity.SendAsync(new SessionOperation.Activity(2, MessageKind.User));
        _entity.Time.Advance(TimeSpan.FromSeconds(30));

        var result = await _entity.SendAsync(new SessionOperation.IdleDue(1));

        Assert.Empty(result.Actions);
    }

    [Fact]
    public async Task AddEvent_ReactTrue_StartsTheReactionOrchestrationWithTheEvent()
    {
        await Start();
        var gameEvent = new GameEvent("e-42", "s-1", "The school bell rings.", true);

        var result = await _entity.SendAsync(new SessionOperation.AddEvent(gameEvent));

        var start = Assert.Single(result.Orchestrations());
        Assert.Equal(nameof(ReactionOrchestration), start.Name);
        Assert.Equal(gameEvent, start.Input<GameEvent>());
    }

    [Fact]
    public async Task Activity_NudgeCommitted_StartsThePublishOrchestrationForThatSeq()
    {
        await Start();

        var result = await _entity.SendAsync(new SessionOperation.Activity(2, MessageKind.Nudge));

        var start = Assert.Single(result.Orchestrations());
        Assert.Equal(nameof(PublishOrchestration), start.Name);
        Assert.Equal(new PublishRequest("s-1", 2), start.Input<PublishRequest>());
    }

    [Fact]
    public async Task NudgeFailed_RunningNudge_BacksOffThroughTheDispatch()
    {
        await Start();
        _entity.Time.Advance(TimeSpan.FromSeconds(30));
        await _entity.SendAsync(new SessionOperation.IdleDue(1));

        var result = await _entity.SendAsync(new SessionOperation.NudgeFailed(1));

        Assert.Equal(1, _entity.State!.NudgeFailures);
        var retry = Assert.Single(result.Signals());
        Assert.Equal(_entity.Time.GetUtcNow().AddSeconds(60), retry.ScheduledTime.ToDateTimeOffset());
    }

    [Fact]
    public async Task End_SchedulesItsOwnDeletionAfterTheGracePeriod()
    {
        await Start();

        var result = await _entity.SendAsync(new SessionOperation.End());

        var delete = Assert.Single(result.Signals());
        Assert.Equal(nameof(SessionEntity.Delete), delete.Name);
        Assert.Equal(_entity.InstanceId, delete.InstanceId);
        Assert.Equal(_entity.Time.GetUtcNow() + _entity.Housekeeping.EndedSessionGrace, delete.ScheduledTime.ToDateTimeOffset());
        Assert.True(_entity.State!.Ended);
    }

    [Fact]
    public async Task Delete_EndedSession_RemovesTheStateAndALateIdleDueDoesNotRecreateIt()
    {
        await Start();
        await _entity.SendAsync(new SessionOperation.End());
        await _entity.RunAsync(nameof(SessionEntity.Delete), null);
        Assert.Null(_entity.StoredState);

        // The idle signal scheduled at Start cannot be cancelled and arrives after the deletion.
        _entity.Time.Advance(TimeSpan.FromHours(2));
        var late = await _entity.SendAsync(new SessionOperation.IdleDue(1));

        Assert.Null(_entity.StoredState);
        Assert.Empty(late.Actions);
    }

    [Fact]
    public async Task Delete_SessionNotEnded_KeepsTheState()
    {
        await Start();

        await _entity.RunAsync(nameof(SessionEntity.Delete), null);

        Assert.NotNull(_entity.StoredState);
        Assert.True(_entity.State!.Started);
    }

    [Fact]
    public async Task Activity_ToAnEntityThatNeverStarted_DoesNotCreateIt()
    {
        var result = await _entity.SendAsync(new SessionOperation.Activity(3, MessageKind.User));

        Assert.Null(_entity.StoredState);
        Assert.Empty(result.Actions);
    }

    [Fact]
    public async Task SendAll_TurnReportsWithIdlePolicy_OneOperationWithTheStateOfOneByOneAndOneIdleCheck()
    {
        var oneByOne = new SessionEntityRunner("s-1");
        await oneByOne.SendAsync(new SessionOperation.Start("s-1", Idle30x2, 1));
        await oneByOne.SendAsync(new SessionOperation.Activity(2, MessageKind.User));
        await oneByOne.SendAsync(new SessionOperation.Activity(3, MessageKind.Reply));
        await Start();

        var result = await _entity.SendAllAsync(new SessionOperation.Activity(2, MessageKind.User), new SessionOperation.Activity(3, MessageKind.Reply));

        Assert.Single(result.Results);
        Assert.Equal(oneByOne.StoredState, _entity.StoredState);
        // The user message's idle check would be stale on arrival: only the reply's is scheduled.
        var check = Assert.Single(result.Signals());
        Assert.Equal(nameof(SessionEntity.IdleDue), check.Name);
        Assert.Equal(_entity.State!.TimerGeneration, check.Input<long>());
        Assert.Equal(_entity.Time.GetUtcNow().AddSeconds(30), check.ScheduledTime.ToDateTimeOffset());
    }

    [Fact]
    public async Task SendAll_EventsConsumedThenReports_AppliedInOrder()
    {
        await Start();
        await _entity.SendAsync(new SessionOperation.AddEvent(new GameEvent("e-1", "s-1", "Player enters Level 3", false)));

        await _entity.SendAllAsync(
            new SessionOperation.EventsConsumed(["e-1"]), new SessionOperation.Activity(3, MessageKind.User), new SessionOperation.Activity(4, MessageKind.Reply));

        SessionActorState state = _entity.State!;
        Assert.Empty(state.PendingEvents);
        Assert.Equal(4, state.LastSeq);
        Assert.Equal(3, state.TimerGeneration);
    }

    [Fact]
    public async Task SendAll_EndingTheSession_SchedulesItsOwnDeletion()
    {
        await Start();

        var result = await _entity.SendAllAsync(new SessionOperation.Activity(2, MessageKind.User), new SessionOperation.End());

        var delete = Assert.Single(result.Signals());
        Assert.Equal(nameof(SessionEntity.Delete), delete.Name);
        Assert.True(_entity.State!.Ended);
    }

    [Fact]
    public async Task SendAll_ToAnEntityThatNeverStarted_DoesNotCreateIt()
    {
        var result = await _entity.SendAllAsync(new SessionOperation.Activity(3, MessageKind.User), new SessionOperation.Activity(4, MessageKind.Reply));

        Assert.Null(_entity.StoredState);
        Assert.Empty(result.Actions);
    }
}
