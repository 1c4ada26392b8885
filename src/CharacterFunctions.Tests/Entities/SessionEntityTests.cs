using CharacterFunctions.Functions.Entities;
using CharacterFunctions.Functions.Orchestrations;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Tests.Fakes;

namespace CharacterFunctions.Tests.Entities;

public sealed class SessionEntityTests
{
    private const string SessionId = "s-1";
    private static readonly IdlePolicy ThirtySeconds = new(30, 1);

    private static List<object> Sorted(IEnumerable<object> actions) => [.. actions.OrderBy(a => a.ToString(), StringComparer.Ordinal)];

    [Fact]
    public async Task Start_IdleEnabled_SignalsItselfIdleDueAfterTheIdleDelayWithTheTimerGeneration()
    {
        var harness = new SessionEntityHarness(SessionId);
        DateTimeOffset started = harness.Time.GetUtcNow();

        IReadOnlyList<object> expected = await harness.SendAsync(new SessionOperation.Start(SessionId, ThirtySeconds, 1));

        RecordingEntityContext.Signal signal = Assert.Single(harness.Context.Signals);
        Assert.True(signal.Target.IsSelf(harness.Context));
        Assert.Equal(nameof(SessionEntity.IdleDue), signal.Operation);
        Assert.Equal(started.AddSeconds(30), signal.SignalTime);
        Assert.Equal(harness.Reference.TimerGeneration, Assert.IsType<long>(signal.Input));
        Assert.Equal(Sorted(expected), Sorted(harness.Actions));
    }

    [Fact]
    public async Task Start_Always_PersistsTheReducersState()
    {
        var harness = new SessionEntityHarness(SessionId);

        await harness.SendAsync(new SessionOperation.Start(SessionId, ThirtySeconds, 1));

        SessionActorState stored = Assert.IsType<SessionActorState>(harness.Stored);
        Assert.Equal(SessionId, stored.SessionId);
        Assert.True(stored.Started);
        Assert.Equal(ThirtySeconds, stored.Idle);
        Assert.Equal(harness.Reference.TimerGeneration, stored.TimerGeneration);
        Assert.Equal(harness.Reference.IdleDueAt, stored.IdleDueAt);
    }

    [Fact]
    public async Task IdleDue_CurrentGenerationWhenDue_SchedulesANudgeOrchestrationAndNoModelCallInTheEntity()
    {
        var harness = new SessionEntityHarness(SessionId);
        await harness.SendAsync(new SessionOperation.Start(SessionId, ThirtySeconds, 1));
        long generation = (long)harness.Context.Signals.Single().Input!;
        harness.Time.Advance(TimeSpan.FromSeconds(30));

        IReadOnlyList<object> expected = await harness.SendAsync(new SessionOperation.IdleDue(generation));

        RecordingEntityContext.Orchestration nudge = Assert.Single(
            harness.Context.Orchestrations, o => o.Name == nameof(NudgeOrchestration));
        Assert.Equal(new NudgeRequest(SessionId, 1, generation), nudge.Input);
        Assert.Equal(Sorted(expected), Sorted(harness.Actions));
    }

    [Fact]
    public async Task IdleDue_StaleGenerationAfterPlayerMessage_SchedulesNoNudge()
    {
        var harness = new SessionEntityHarness(SessionId);
        await harness.SendAsync(new SessionOperation.Start(SessionId, ThirtySeconds, 1));
        long firstGeneration = (long)harness.Context.Signals.Single().Input!;
        harness.Time.Advance(TimeSpan.FromSeconds(10));
        await harness.SendAsync(new SessionOperation.Activity(2, MessageKind.User));
        harness.Time.Advance(TimeSpan.FromSeconds(20));

        await harness.SendAsync(new SessionOperation.IdleDue(firstGeneration));

        Assert.DoesNotContain(harness.Context.Orchestrations, o => o.Name == nameof(NudgeOrchestration));
    }

    [Fact]
    public async Task AddEvent_ReactTrue_SchedulesAReactionOrchestrationWithTheEvent()
    {
        var harness = new SessionEntityHarness(SessionId);
        await harness.SendAsync(new SessionOperation.Start(SessionId, IdlePolicy.Off, 1));
        var gameEvent = new GameEvent("e-42", SessionId, "Player enters Level 3", React: true);

        IReadOnlyList<object> expected = await harness.SendAsync(new SessionOperation.AddEvent(gameEvent));

        RecordingEntityContext.Orchestration reaction = Assert.Single(
            harness.Context.Orchestrations, o => o.Name == nameof(ReactionOrchestration));
        Assert.Equal(gameEvent, reaction.Input);
        Assert.Equal(Sorted(expected), Sorted(harness.Actions));
    }

    [Fact]
    public async Task AddEvent_ReactFalse_KeepsTheEventPendingWithoutOrchestrations()
    {
        var harness = new SessionEntityHarness(SessionId);
        await harness.SendAsync(new SessionOperation.Start(SessionId, IdlePolicy.Off, 1));
        var gameEvent = new GameEvent("e-7", SessionId, "It starts to rain", React: false);

        await harness.SendAsync(new SessionOperation.AddEvent(gameEvent));

        Assert.Empty(harness.Context.Orchestrations);
        Assert.Contains(gameEvent, Assert.IsType<SessionActorState>(harness.Stored).PendingEvents);
    }

    [Fact]
    public async Task Activity_NudgeCommitted_SchedulesPublishOfThatSeq()
    {
        var harness = new SessionEntityHarness(SessionId);
        await harness.SendAsync(new SessionOperation.Start(SessionId, ThirtySeconds, 1));
        harness.Time.Advance(TimeSpan.FromSeconds(30));

        IReadOnlyList<object> expected = await harness.SendAsync(new SessionOperation.Activity(2, MessageKind.Nudge));

        RecordingEntityContext.Orchestration publish = Assert.Single(
            harness.Context.Orchestrations, o => o.Name == nameof(PublishOrchestration));
        Assert.Equal(new PublishRequest(SessionId, 2), publish.Input);
        Assert.Equal(Sorted(expected), Sorted(harness.Actions));
    }

    [Fact]
    public async Task End_ThenIdleDue_SchedulesNothing()
    {
        var harness = new SessionEntityHarness(SessionId);
        await harness.SendAsync(new SessionOperation.Start(SessionId, ThirtySeconds, 1));
        long generation = (long)harness.Context.Signals.Single().Input!;
        await harness.SendAsync(new SessionOperation.End());
        harness.Time.Advance(TimeSpan.FromSeconds(30));

        await harness.SendAsync(new SessionOperation.IdleDue(generation));

        Assert.Empty(harness.Actions);
        Assert.True(Assert.IsType<SessionActorState>(harness.Stored).Ended);
    }

    [Fact]
    public async Task EventsConsumed_AfterPendingEvent_RemovesItFromState()
    {
        var harness = new SessionEntityHarness(SessionId);
        await harness.SendAsync(new SessionOperation.Start(SessionId, IdlePolicy.Off, 1));
        await harness.SendAsync(new SessionOperation.AddEvent(new GameEvent("e-1", SessionId, "A door opens", false)));

        await harness.SendAsync(new SessionOperation.EventsConsumed(["e-1"]));

        Assert.DoesNotContain(Assert.IsType<SessionActorState>(harness.Stored).PendingEvents, e => e.EventId == "e-1");
    }
}
