using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Sessions;

namespace CharacterFunctions.Roleplay.Tests.Sessions;

public sealed class SessionReducerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly IdlePolicy Idle30x2 = new(30, 2);

    private static SessionActorState Fresh => new() { SessionId = "s-1" };

    private static SessionDecision Started(IdlePolicy idle, long lastSeq = 1) =>
        SessionReducer.Apply(Fresh, new SessionOperation.Start("s-1", idle, lastSeq), T0);

    private static SessionDecision Apply(SessionActorState state, SessionOperation op, DateTimeOffset now) =>
        SessionReducer.Apply(state, op, now);

    private static GameEvent Event(string id, bool react = false) => new(id, "s-1", "Player enters Level " + id, react);

    // ---- Start ----

    [Fact]
    public void Start_IdleEnabled_ArmsTimerAndSchedulesCheck()
    {
        var decision = Started(Idle30x2, lastSeq: 1);

        Assert.True(decision.Applied);
        Assert.True(decision.State.Started);
        Assert.Equal("s-1", decision.State.SessionId);
        Assert.Equal(Idle30x2, decision.State.Idle);
        Assert.Equal(1, decision.State.LastSeq);
        Assert.Equal(1, decision.State.TimerGeneration);
        Assert.Equal(T0.AddSeconds(30), decision.State.IdleDueAt);
        var schedule = Assert.IsType<SessionEffect.ScheduleIdleCheck>(Assert.Single(decision.Effects));
        Assert.Equal(T0.AddSeconds(30), schedule.At);
        Assert.Equal(1, schedule.Generation);
    }

    [Fact]
    public void Start_IdleDisabled_StartsWithoutTimer()
    {
        var decision = Started(IdlePolicy.Off, lastSeq: 0);

        Assert.True(decision.Applied);
        Assert.True(decision.State.Started);
        Assert.Null(decision.State.IdleDueAt);
        Assert.Equal(0, decision.State.TimerGeneration);
        Assert.Empty(decision.Effects);
    }

    [Fact]
    public void Start_AlreadyStarted_IsIgnored()
    {
        var state = Started(Idle30x2).State;

        var decision = Apply(state, new SessionOperation.Start("s-1", new IdlePolicy(5, 9), 7), T0.AddSeconds(3));

        Assert.False(decision.Applied);
        Assert.Equal(state, decision.State);
        Assert.Empty(decision.Effects);
    }

    [Fact]
    public void Start_NonUtcNow_StoresUtcDueTime()
    {
        var local = new DateTimeOffset(2026, 1, 1, 14, 0, 0, TimeSpan.FromHours(2));

        var decision = SessionReducer.Apply(Fresh, new SessionOperation.Start("s-1", Idle30x2, 0), local);

        Assert.Equal(TimeSpan.Zero, decision.State.IdleDueAt!.Value.Offset);
        Assert.Equal(T0.AddSeconds(30), decision.State.IdleDueAt);
    }

    [Fact]
    public void Start_StateAlreadyHasNewerSeq_NeverLowersLastSeq()
    {
        var state = Fresh with { LastSeq = 6 };

        var decision = Apply(state, new SessionOperation.Start("s-1", Idle30x2, 1), T0);

        Assert.Equal(6, decision.State.LastSeq);
    }

    // ---- Activity ----

    [Fact]
    public void Activity_BeforeStart_IsIgnored()
    {
        var decision = Apply(Fresh, new SessionOperation.Activity(5, MessageKind.User), T0);

        Assert.False(decision.Applied);
        Assert.Equal(Fresh, decision.State);
        Assert.Empty(decision.Effects);
    }

    [Fact]
    public void Activity_NewerSeq_RestartsTimerWithNewGeneration()
    {
        var state = Started(Idle30x2).State;
        var now = T0.AddSeconds(10);

        var decision = Apply(state, new SessionOperation.Activity(3, MessageKind.Reply), now);

        Assert.True(decision.Applied);
        Assert.Equal(3, decision.State.LastSeq);
        Assert.Equal(2, decision.State.TimerGeneration);
        Assert.Equal(now.AddSeconds(30), decision.State.IdleDueAt);
        var schedule = Assert.IsType<SessionEffect.ScheduleIdleCheck>(Assert.Single(decision.Effects));
        Assert.Equal(new SessionEffect.ScheduleIdleCheck(now.AddSeconds(30), 2), schedule);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    public void Activity_StaleOrDuplicateSeq_IsIgnored(long seq)
    {
        var state = Started(Idle30x2, lastSeq: 1).State;

        var decision = Apply(state, new SessionOperation.Activity(seq, MessageKind.User), T0.AddSeconds(5));

        Assert.False(decision.Applied);
        Assert.Equal(state, decision.State);
        Assert.Empty(decision.Effects);
    }

    [Fact]
    public void Activity_Nudge_IncrementsCountAndPublishes()
    {
        var state = Started(Idle30x2).State;

        var decision = Apply(state, new SessionOperation.Activity(2, MessageKind.Nudge), T0.AddSeconds(31));

        Assert.Equal(1, decision.State.NudgesInARow);
        Assert.Contains(new SessionEffect.Publish(2), decision.Effects);
        Assert.Contains(decision.Effects, e => e is SessionEffect.ScheduleIdleCheck);
    }

    [Fact]
    public void Activity_Reaction_PublishesWithoutCountingAsNudge()
    {
        var state = Started(Idle30x2).State;

        var decision = Apply(state, new SessionOperation.Activity(2, MessageKind.Reaction), T0.AddSeconds(1));

        Assert.Equal(0, decision.State.NudgesInARow);
        Assert.Contains(new SessionEffect.Publish(2), decision.Effects);
    }

    [Theory]
    [InlineData(MessageKind.User)]
    [InlineData(MessageKind.Reply)]
    [InlineData(MessageKind.Event)]
    [InlineData(MessageKind.Opening)]
    public void Activity_NonPublishedKinds_DoNotPublish(MessageKind kind)
    {
        var state = Started(Idle30x2).State;

        var decision = Apply(state, new SessionOperation.Activity(2, kind), T0.AddSeconds(1));

        Assert.DoesNotContain(decision.Effects, e => e is SessionEffect.Publish);
    }

    [Fact]
    public void Activity_UserMessage_ResetsNudgeCountAndRearms()
    {
        var state = Started(new IdlePolicy(30, 1)).State;
        state = Apply(state, new SessionOperation.Activity(2, MessageKind.Nudge), T0.AddSeconds(30)).State;
        Assert.Null(state.IdleDueAt);

        var now = T0.AddSeconds(100);
        var decision = Apply(state, new SessionOperation.Activity(3, MessageKind.User), now);

        Assert.Equal(0, decision.State.NudgesInARow);
        Assert.Equal(now.AddSeconds(30), decision.State.IdleDueAt);
        Assert.Contains(new SessionEffect.ScheduleIdleCheck(now.AddSeconds(30), decision.State.TimerGeneration), decision.Effects);
    }

    [Fact]
    public void Activity_NudgeReachingMax_DisarmsAndBumpsGeneration()
    {
        var state = Started(new IdlePolicy(30, 1)).State;

        var decision = Apply(state, new SessionOperation.Activity(2, MessageKind.Nudge), T0.AddSeconds(30));

        Assert.Null(decision.State.IdleDueAt);
        Assert.Equal(state.TimerGeneration + 1, decision.State.TimerGeneration);
        Assert.Equal([new SessionEffect.Publish(2)], decision.Effects);
    }

    [Fact]
    public void Activity_IdleDisabled_UpdatesSeqWithoutTimer()
    {
        var state = Started(IdlePolicy.Off).State;

        var decision = Apply(state, new SessionOperation.Activity(2, MessageKind.User), T0);

        Assert.True(decision.Applied);
        Assert.Equal(2, decision.State.LastSeq);
        Assert.Null(decision.State.IdleDueAt);
        Assert.Empty(decision.Effects);
    }

    // ---- IdleDue ----

    [Fact]
    public void IdleDue_CurrentGenerationOnTime_GeneratesNudgeAndArmsWatchdogAtNudgeTimeout()
    {
        var state = Started(Idle30x2, lastSeq: 4).State;
        var now = T0.AddSeconds(30);

        var decision = Apply(state, new SessionOperation.IdleDue(1), now);

        Assert.True(decision.Applied);
        Assert.Equal(2, decision.Effects.Count);
        Assert.Equal(new SessionEffect.GenerateNudge(4, 1), decision.Effects[0]);
        Assert.Equal(new SessionEffect.ScheduleIdleCheck(now + SessionReducer.NudgeTimeout, 2), decision.Effects[1]);
        Assert.Equal(2, decision.State.TimerGeneration);
        Assert.Equal(1, decision.State.NudgeRunning);
        Assert.Equal(now, decision.State.NudgeStartedAt);
        Assert.Equal(0, decision.State.NudgesInARow);
    }

    [Fact]
    public void IdleDue_StaleGeneration_IsIgnored()
    {
        var state = Started(Idle30x2).State;
        state = Apply(state, new SessionOperation.Activity(2, MessageKind.User), T0.AddSeconds(10)).State;

        var decision = Apply(state, new SessionOperation.IdleDue(1), T0.AddSeconds(30));

        Assert.False(decision.Applied);
        Assert.Equal(state, decision.State);
        Assert.Empty(decision.Effects);
    }

    [Fact]
    public void IdleDue_NoTimerArmed_IsIgnored()
    {
        var state = Started(IdlePolicy.Off).State;

        var decision = Apply(state, new SessionOperation.IdleDue(state.TimerGeneration), T0.AddHours(1));

        Assert.False(decision.Applied);
        Assert.Empty(decision.Effects);
    }

    [Fact]
    public void IdleDue_FiredEarly_ReschedulesSameGenerationOnly()
    {
        var state = Started(Idle30x2).State;

        var decision = Apply(state, new SessionOperation.IdleDue(1), T0.AddSeconds(29));

        Assert.True(decision.Applied);
        Assert.Equal(state, decision.State);
        Assert.Equal([new SessionEffect.ScheduleIdleCheck(T0.AddSeconds(30), 1)], decision.Effects);
    }

    [Fact]
    public void IdleDue_WithinEarlyTolerance_CountsAsDue()
    {
        var state = Started(Idle30x2).State;

        var decision = Apply(state, new SessionOperation.IdleDue(1), T0.AddSeconds(30).AddMilliseconds(-100));

        Assert.Contains(decision.Effects, e => e is SessionEffect.GenerateNudge);
    }

    [Fact]
    public void IdleDue_JustOutsideEarlyTolerance_Reschedules()
    {
        var state = Started(Idle30x2).State;

        var decision = Apply(state, new SessionOperation.IdleDue(1), T0.AddSeconds(30).AddMilliseconds(-251));

        Assert.DoesNotContain(decision.Effects, e => e is SessionEffect.GenerateNudge);
        Assert.Equal([new SessionEffect.ScheduleIdleCheck(T0.AddSeconds(30), 1)], decision.Effects);
    }

    [Fact]
    public void IdleDue_NudgeNeverReported_CountsAsFailedAndBacksOffWithoutNudge()
    {
        var state = Started(Idle30x2, lastSeq: 1).State;
        var first = Apply(state, new SessionOperation.IdleDue(1), T0.AddSeconds(30));
        var watchdogAt = first.State.IdleDueAt!.Value;

        // No Activity and no NudgeFailed arrive (the report was lost); the watchdog fires.
        var second = Apply(first.State, new SessionOperation.IdleDue(first.State.TimerGeneration), watchdogAt);

        Assert.DoesNotContain(second.Effects, e => e is SessionEffect.GenerateNudge);
        Assert.Equal(1, second.State.NudgeFailures);
        Assert.Null(second.State.NudgeRunning);
        Assert.Equal(watchdogAt.AddSeconds(60), second.State.IdleDueAt);
    }

    [Fact]
    public void IdleDue_NudgeStillRunning_DoesNotStartASecondOne()
    {
        var state = Started(Idle30x2, lastSeq: 1).State;
        var first = Apply(state, new SessionOperation.IdleDue(1), T0.AddSeconds(30));
        // A due signal of the current generation arrives while the (slow) nudge still runs.
        var early = first.State with { IdleDueAt = T0.AddSeconds(60) };

        var decision = Apply(early, new SessionOperation.IdleDue(early.TimerGeneration), T0.AddSeconds(60));

        Assert.True(decision.Applied);
        Assert.DoesNotContain(decision.Effects, e => e is SessionEffect.GenerateNudge);
        Assert.Equal(1, decision.State.NudgeRunning);
        Assert.Equal(0, decision.State.NudgeFailures);
        Assert.NotNull(decision.State.IdleDueAt);
    }

    // ---- NudgeFailed ----

    [Fact]
    public void NudgeFailed_RunningGeneration_CountsAndDoublesTheWait()
    {
        var running = Apply(Started(Idle30x2, lastSeq: 1).State, new SessionOperation.IdleDue(1), T0.AddSeconds(30)).State;
        var now = T0.AddSeconds(35);

        var decision = Apply(running, new SessionOperation.NudgeFailed(1), now);

        Assert.True(decision.Applied);
        Assert.Equal(1, decision.State.NudgeFailures);
        Assert.Null(decision.State.NudgeRunning);
        Assert.Equal(0, decision.State.NudgesInARow);
        var schedule = Assert.IsType<SessionEffect.ScheduleIdleCheck>(Assert.Single(decision.Effects));
        Assert.Equal(now.AddSeconds(60), schedule.At);
    }

    [Fact]
    public void NudgeFailed_StaleGeneration_IsIgnored()
    {
        var running = Apply(Started(Idle30x2, lastSeq: 1).State, new SessionOperation.IdleDue(1), T0.AddSeconds(30)).State;

        var decision = Apply(running, new SessionOperation.NudgeFailed(7), T0.AddSeconds(35));

        Assert.False(decision.Applied);
        Assert.Equal(running, decision.State);
    }

    [Fact]
    public void NudgeFailed_AfterPlayerSpoke_IsIgnored()
    {
        var running = Apply(Started(Idle30x2, lastSeq: 1).State, new SessionOperation.IdleDue(1), T0.AddSeconds(30)).State;
        var spoke = Apply(running, new SessionOperation.Activity(2, MessageKind.User), T0.AddSeconds(31)).State;

        var decision = Apply(spoke, new SessionOperation.NudgeFailed(1), T0.AddSeconds(32));

        Assert.False(decision.Applied);
        Assert.Equal(0, decision.State.NudgeFailures);
    }

    [Fact]
    public void IdleFlow_EveryNudgeFails_StopsAfterBoundedAttemptsUntilAMessageCommits()
    {
        // The retry storm: a model outage (or a stale LastSeq) makes every nudge commit nothing.
        var state = Started(Idle30x2, lastSeq: 1).State;
        var now = T0;
        var attempts = 0;
        for (var round = 0; round < 20 && state.IdleDueAt is { } due; round++)
        {
            now = due;
            var fired = Apply(state, new SessionOperation.IdleDue(state.TimerGeneration), now);
            state = fired.State;
            foreach (var nudge in fired.Effects.OfType<SessionEffect.GenerateNudge>())
            {
                attempts++;
                now = now.AddSeconds(3);
                state = Apply(state, new SessionOperation.NudgeFailed(nudge.Generation), now).State;
            }
        }

        Assert.Equal(SessionReducer.MaxNudgeFailures, attempts);
        Assert.Null(state.IdleDueAt);

        var user = Apply(state, new SessionOperation.Activity(2, MessageKind.User), now.AddMinutes(5));
        Assert.Equal(0, user.State.NudgeFailures);
        Assert.NotNull(user.State.IdleDueAt);
    }

    [Fact]
    public void IdleDue_WatchdogAfterCommittedNudge_IsStale()
    {
        var state = Started(Idle30x2, lastSeq: 1).State;
        var fired = Apply(state, new SessionOperation.IdleDue(1), T0.AddSeconds(30));
        var watchdogGeneration = fired.State.TimerGeneration;
        var committed = Apply(fired.State, new SessionOperation.Activity(2, MessageKind.Nudge), T0.AddSeconds(32));

        var decision = Apply(committed.State, new SessionOperation.IdleDue(watchdogGeneration), T0.AddSeconds(60));

        Assert.False(decision.Applied);
        Assert.Empty(decision.Effects);
    }

    [Fact]
    public void IdleDue_MaxNudgesReached_DisarmsWithoutNudge()
    {
        // A state where the count is at the limit but a timer is still armed (e.g. persisted by an older version).
        var state = Started(Idle30x2).State with { NudgesInARow = 2 };

        var decision = Apply(state, new SessionOperation.IdleDue(state.TimerGeneration), T0.AddSeconds(30));

        Assert.True(decision.Applied);
        Assert.Empty(decision.Effects);
        Assert.Null(decision.State.IdleDueAt);
        Assert.Equal(state.TimerGeneration + 1, decision.State.TimerGeneration);
    }

    [Fact]
    public void IdleFlow_MaxNudgesTwo_StopsAfterTwoNudgesUntilUserSpeaks()
    {
        var state = Started(Idle30x2, lastSeq: 1).State;
        var now = T0;
        var nudges = 0;
        for (var round = 0; round < 5; round++)
        {
            if (state.IdleDueAt is not { } due)
            {
                break;
            }

            now = due;
            var fired = Apply(state, new SessionOperation.IdleDue(state.TimerGeneration), now);
            state = fired.State;
            if (fired.Effects.OfType<SessionEffect.GenerateNudge>().SingleOrDefault() is { } nudge)
            {
                nudges++;
                now = now.AddSeconds(2);
                state = Apply(state, new SessionOperation.Activity(nudge.BasedOnSeq + 1, MessageKind.Nudge), now).State;
            }
        }

        Assert.Equal(2, nudges);
        Assert.Null(state.IdleDueAt);

        var user = Apply(state, new SessionOperation.Activity(state.LastSeq + 1, MessageKind.User), now.AddMinutes(5));
        Assert.NotNull(user.State.IdleDueAt);
        Assert.Equal(0, user.State.NudgesInARow);
    }

    // ---- Events ----

    [Fact]
    public void AddEvent_PastPendingLimit_DropsOldestPendingEvent()
    {
        var state = Started(Idle30x2).State;
        for (var i = 0; i <= SessionReducer.PendingEventLimit; i++)
        {
            state = Apply(state, new SessionOperation.AddEvent(Event("e-" + i)), T0).State;
        }

        Assert.Equal(SessionReducer.PendingEventLimit, state.PendingEvents.Count);
        Assert.Equal("e-1", state.PendingEvents[0].EventId);
        Assert.Equal("e-" + SessionReducer.PendingEventLimit, state.PendingEvents[^1].EventId);
    }

    [Fact]
    public void AddEvent_NotReacting_HeldAsPending()
    {
        var state = Started(Idle30x2).State;

        var decision = Apply(state, new SessionOperation.AddEvent(Event("e-1")), T0);

        Assert.True(decision.Applied);
        Assert.Equal([Event("e-1")], decision.State.PendingEvents);
        Assert.Contains("e-1", decision.State.SeenEventIds);
        Assert.Empty(decision.Effects);
    }

    [Fact]
    public void AddEvent_Reacting_EmitsGenerateReactionWithoutPending()
    {
        var state = Started(Idle30x2).State;
        var gameEvent = Event("e-2", react: true);

        var decision = Apply(state, new SessionOperation.AddEvent(gameEvent), T0);

        Assert.True(decision.Applied);
        Assert.Empty(decision.State.PendingEvents);
        Assert.Equal([new SessionEffect.GenerateReaction(gameEvent)], decision.Effects);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AddEvent_DuplicateEventId_HasNoSecondEffect(bool react)
    {
        var state = Started(Idle30x2).State;
        state = Apply(state, new SessionOperation.AddEvent(Event("e-1", react)), T0).State;

        var decision = Apply(state, new SessionOperation.AddEvent(Event("e-1", react)), T0.AddSeconds(1));

        Assert.False(decision.Applied);
        Assert.Equal(state, decision.State);
        Assert.Empty(decision.Effects);
    }

    [Fact]
    public void AddEvent_IdAlreadyPendingButNotSeen_IsDuplicate()
    {
        var state = Started(Idle30x2).State with { PendingEvents = [Event("e-9")] };

        var decision = Apply(state, new SessionOperation.AddEvent(Event("e-9", react: true)), T0);

        Assert.False(decision.Applied);
        Assert.Empty(decision.Effects);
    }

    [Fact]
    public void AddEvent_ManyEvents_SeenIdsKeepMostRecentBounded()
    {
        var state = Started(Idle30x2).State;
        for (var i = 0; i < SessionReducer.SeenEventIdLimit + 10; i++)
        {
            state = Apply(state, new SessionOperation.AddEvent(Event("e-" + i, react: true)), T0).State;
        }

        Assert.Equal(SessionReducer.SeenEventIdLimit, state.SeenEventIds.Count);
        Assert.DoesNotContain("e-0", state.SeenEventIds);
        Assert.DoesNotContain("e-9", state.SeenEventIds);
        Assert.Contains("e-10", state.SeenEventIds);
        Assert.Equal("e-" + (SessionReducer.SeenEventIdLimit + 9), state.SeenEventIds[^1]);
        Assert.False(Apply(state, new SessionOperation.AddEvent(Event("e-10", react: true)), T0).Applied);
    }

    [Fact]
    public void EventsConsumed_RemovesOnlyNamedEvents()
    {
        var state = Started(Idle30x2).State;
        state = Apply(state, new SessionOperation.AddEvent(Event("e-1")), T0).State;
        state = Apply(state, new SessionOperation.AddEvent(Event("e-2")), T0).State;
        state = Apply(state, new SessionOperation.AddEvent(Event("e-3")), T0).State;

        var decision = Apply(state, new SessionOperation.EventsConsumed(["e-1", "e-3"]), T0);

        Assert.True(decision.Applied);
        Assert.Equal([Event("e-2")], decision.State.PendingEvents);
        Assert.False(Apply(decision.State, new SessionOperation.AddEvent(Event("e-1")), T0).Applied);
    }

    [Fact]
    public void EventsConsumed_UnknownIds_IsNotApplied()
    {
        var state = Started(Idle30x2).State;

        var decision = Apply(state, new SessionOperation.EventsConsumed(["nope"]), T0);

        Assert.False(decision.Applied);
        Assert.Equal(state, decision.State);
    }

    [Fact]
    public void ReactionFailed_KeepsEventAsPendingOnce()
    {
        var state = Started(Idle30x2).State;
        var gameEvent = Event("e-5", react: true);
        state = Apply(state, new SessionOperation.AddEvent(gameEvent), T0).State;

        var failed = Apply(state, new SessionOperation.ReactionFailed(gameEvent), T0);
        var again = Apply(failed.State, new SessionOperation.ReactionFailed(gameEvent), T0);

        Assert.True(failed.Applied);
        var pending = Assert.Single(failed.State.PendingEvents);
        Assert.Equal("e-5", pending.EventId);
        Assert.False(pending.React);
        Assert.False(again.Applied);
        Assert.Single(again.State.PendingEvents);
    }

    // ---- End ----

    [Fact]
    public void End_StopsTimersAndDropsPendingEvents()
    {
        var state = Started(Idle30x2).State;
        state = Apply(state, new SessionOperation.AddEvent(Event("e-1")), T0).State;

        var decision = Apply(state, new SessionOperation.End(), T0.AddSeconds(5));

        Assert.True(decision.Applied);
        Assert.True(decision.State.Ended);
        Assert.Null(decision.State.IdleDueAt);
        Assert.Equal(state.TimerGeneration + 1, decision.State.TimerGeneration);
        Assert.Empty(decision.State.PendingEvents);
        Assert.Empty(decision.Effects);
    }

    public static TheoryData<SessionOperation> OperationsAfterEnd() => new()
    {
        new SessionOperation.Start("s-1", Idle30x2, 0),
        new SessionOperation.Activity(50, MessageKind.User),
        new SessionOperation.Activity(50, MessageKind.Nudge),
        new SessionOperation.IdleDue(1),
        new SessionOperation.IdleDue(2),
        new SessionOperation.NudgeFailed(1),
        new SessionOperation.AddEvent(new GameEvent("e-new", "s-1", "late", true)),
        new SessionOperation.AddEvent(new GameEvent("e-new", "s-1", "late", false)),
        new SessionOperation.EventsConsumed(["e-1"]),
        new SessionOperation.ReactionFailed(new GameEvent("e-new", "s-1", "late", true)),
        new SessionOperation.End(),
    };

    [Theory]
    [MemberData(nameof(OperationsAfterEnd))]
    public void AnyOperation_AfterEnd_HasNoEffect(SessionOperation operation)
    {
        var ended = Apply(Started(Idle30x2).State, new SessionOperation.End(), T0).State;

        var decision = Apply(ended, operation, T0.AddMinutes(10));

        Assert.False(decision.Applied);
        Assert.Equal(ended, decision.State);
        Assert.Empty(decision.Effects);
    }
}
