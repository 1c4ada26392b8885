using CharacterFunctions.Roleplay.Conversation;

namespace CharacterFunctions.Roleplay.Sessions;

/// <summary>The session actor as a pure function: (state, operation, now) -> (state, effects).</summary>
public static class SessionReducer
{
    /// <summary>How many event ids are remembered for de-duplication; redeliveries arrive soon after the original.</summary>
    public const int SeenEventIdLimit = 512;

    /// <summary>Scheduled signals may be delivered slightly early; within this slack a signal counts as due.</summary>
    public static readonly TimeSpan EarlyFireTolerance = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Nudge attempts in a row that may commit nothing (model outage, bad key, quota, a stale LastSeq) before
    /// the idle timer stops until the next committed message; each failure doubles the wait before the next.
    /// </summary>
    public const int MaxNudgeFailures = 3;

    /// <summary>A nudge not reported within this time (longer than the model client's own total bound) is counted as failed.</summary>
    public static readonly TimeSpan NudgeTimeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Most react:false events held for the next turn. Past it the oldest pending event is dropped, so a game
    /// server that never lets a player speak cannot grow the actor's state (and every turn's prompt) without bound.
    /// </summary>
    public const int PendingEventLimit = 32;

    /// <summary>Messages the actor publishes to subscribers when it hears of them: the ones no request asked for.</summary>
    public static bool IsPublished(MessageKind kind) => kind is MessageKind.Nudge or MessageKind.Reaction;

    /// <summary>
    /// The activity reports the actor needs for newly committed messages: a published message always; any
    /// other only when the session has an idle policy (the report restarts the silence clock). So a player
    /// turn of a session without one needs no actor operation at all.
    /// </summary>
    public static IReadOnlyList<SessionOperation> ActivityReports(SessionRecord session, IEnumerable<TranscriptMessage> committed) =>
        committed.Where(m => IsPublished(m.Kind) || session.Idle.Enabled)
            .Select(m => (SessionOperation)new SessionOperation.Activity(m.Seq, m.Kind))
            .ToList();

    public static SessionDecision Apply(SessionActorState state, SessionOperation operation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(operation);
        now = now.ToUniversalTime();

        // An ended session is inert: whatever arrives afterwards (late timers, events, activity) does nothing.
        if (state.Ended)
        {
            return Ignored(state);
        }

        return operation switch
        {
            SessionOperation.Start start => OnStart(state, start, now),
            SessionOperation.Activity activity => OnActivity(state, activity, now),
            SessionOperation.IdleDue due => OnIdleDue(state, due, now),
            SessionOperation.NudgeFailed failed => OnNudgeFailed(state, failed, now),
            SessionOperation.AddEvent add => OnAddEvent(state, add.Event),
            SessionOperation.EventsConsumed consumed => OnEventsConsumed(state, consumed),
            SessionOperation.ReactionFailed failed => OnReactionFailed(state, failed.Event),
            SessionOperation.End => OnEnd(state),
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation.GetType().Name, "Unknown session operation."),
        };
    }

    private static SessionDecision OnStart(SessionActorState state, SessionOperation.Start start, DateTimeOffset now)
    {
        if (state.Started)
        {
            return Ignored(state);
        }

        // A report that overtook Start may already have moved LastSeq on: never go back.
        var started = state with { SessionId = start.SessionId, Started = true, Idle = start.Idle, LastSeq = Math.Max(state.LastSeq, start.LastSeq) };
        return started.Idle.Enabled ? Arm(started, now, []) : Done(started);
    }

    private static SessionDecision OnActivity(SessionActorState state, SessionOperation.Activity activity, DateTimeOffset now)
    {
        // Activity reports can be redelivered or overtaken; only a newer seq is news. Before Start the
        // actor has no policy to apply (Start carries the session's newest seq itself).
        if (!state.Started || activity.Seq <= state.LastSeq)
        {
            return Ignored(state);
        }

        var nudges = activity.Kind switch
        {
            MessageKind.User => 0,
            MessageKind.Nudge => state.NudgesInARow + 1,
            _ => state.NudgesInARow,
        };
        // Any committed message ends a running nudge (its transcript moved on) and its failure streak.
        var next = state with { LastSeq = activity.Seq, NudgesInARow = nudges, NudgeRunning = null, NudgeStartedAt = null, NudgeFailures = 0 };
        SessionEffect[] publish = IsPublished(activity.Kind)
            ? [new SessionEffect.Publish(activity.Seq)]
            : [];

        // Every committed message restarts the silence clock; bumping the generation also makes any
        // outstanding due signal (or nudge watchdog) stale.
        return next.Idle.Enabled && next.NudgesInARow < next.Idle.MaxNudges
            ? Arm(next, now, publish)
            : new SessionDecision(Disarm(next), publish, true);
    }

    private static SessionDecision OnIdleDue(SessionActorState state, SessionOperation.IdleDue due, DateTimeOffset now)
    {
        if (due.Generation != state.TimerGeneration || state.IdleDueAt is not { } dueAt)
        {
            return Ignored(state);
        }

        if (now < dueAt - EarlyFireTolerance)
        {
            return new SessionDecision(state, [new SessionEffect.ScheduleIdleCheck(dueAt, state.TimerGeneration)], true);
        }

        if (state.NudgesInARow >= state.Idle.MaxNudges)
        {
            return Done(Disarm(state));
        }

        if (state.NudgeRunning is not null)
        {
            // Never a second nudge while one runs; one silent for too long is counted as failed.
            return now < state.NudgeStartedAt.GetValueOrDefault() + NudgeTimeout
                ? Arm(state, now, [])
                : Failed(state, now);
        }

        // The watchdog re-fires if the nudge is never reported (a lost report counts as a failure); a
        // committed message or a NudgeFailed report bumps the generation and makes it stale.
        var nudge = new SessionEffect.GenerateNudge(state.LastSeq, state.TimerGeneration);
        var starting = state with { NudgeRunning = state.TimerGeneration, NudgeStartedAt = now };
        return Arm(starting, now, [nudge], NudgeTimeout);
    }

    private static SessionDecision OnNudgeFailed(SessionActorState state, SessionOperation.NudgeFailed failed, DateTimeOffset now) =>
        state.NudgeRunning == failed.Generation ? Failed(state, now) : Ignored(state);

    /// <summary>One more nudge attempt that committed nothing: wait twice as long, or stop after the bound.</summary>
    private static SessionDecision Failed(SessionActorState state, DateTimeOffset now)
    {
        var failures = state.NudgeFailures + 1;
        var next = state with { NudgeRunning = null, NudgeStartedAt = null, NudgeFailures = failures };
        if (failures >= MaxNudgeFailures)
        {
            return Done(Disarm(next));
        }

        var backoff = TimeSpan.FromSeconds(state.Idle.AfterSeconds * (double)(1 << failures));
        return Arm(next, now, [], backoff);
    }

    private static SessionDecision OnAddEvent(SessionActorState state, GameEvent gameEvent)
    {
        if (state.SeenEventIds.Contains(gameEvent.EventId) || state.PendingEvents.Any(e => e.EventId == gameEvent.EventId))
        {
            return Ignored(state);
        }

        var seen = state.SeenEventIds.Append(gameEvent.EventId).TakeLast(SeenEventIdLimit).ToArray();
        var next = state with { SeenEventIds = seen };
        if (gameEvent.React)
        {
            return new SessionDecision(next, [new SessionEffect.GenerateReaction(gameEvent)], true);
        }

        return Done(next with { PendingEvents = Bounded([.. state.PendingEvents, gameEvent]) });
    }

    private static SessionDecision OnEventsConsumed(SessionActorState state, SessionOperation.EventsConsumed consumed)
    {
        var ids = consumed.EventIds.ToHashSet(StringComparer.Ordinal);
        var remaining = state.PendingEvents.Where(e => !ids.Contains(e.EventId)).ToArray();
        return remaining.Length == state.PendingEvents.Count
            ? Ignored(state)
            : Done(state with { PendingEvents = remaining });
    }

    private static SessionDecision OnReactionFailed(SessionActorState state, GameEvent gameEvent)
    {
        if (state.PendingEvents.Any(e => e.EventId == gameEvent.EventId))
        {
            return Ignored(state);
        }

        // Held as plain supplementary information so the next player turn still sees it.
        return Done(state with { PendingEvents = Bounded([.. state.PendingEvents, gameEvent with { React = false }]) });
    }

    private static SessionDecision OnEnd(SessionActorState state) =>
        Done(Disarm(state) with { Ended = true, PendingEvents = [], NudgeRunning = null, NudgeStartedAt = null });

    /// <summary>Newest <see cref="PendingEventLimit"/> events; older ones are dropped.</summary>
    private static GameEvent[] Bounded(GameEvent[] events) => [.. events.TakeLast(PendingEventLimit)];

    /// <summary>Arms the idle timer <c>AfterSeconds</c> from now, or later by <paramref name="atLeast"/> when that is longer.</summary>
    private static SessionDecision Arm(SessionActorState state, DateTimeOffset now, IReadOnlyList<SessionEffect> before, TimeSpan atLeast = default)
    {
        var generation = state.TimerGeneration + 1;
        var delay = TimeSpan.FromSeconds(state.Idle.AfterSeconds);
        var dueAt = now + (atLeast > delay ? atLeast : delay);
        var armed = state with { TimerGeneration = generation, IdleDueAt = dueAt };
        return new SessionDecision(armed, [.. before, new SessionEffect.ScheduleIdleCheck(dueAt, generation)], true);
    }

    private static SessionActorState Disarm(SessionActorState state) =>
        state with { TimerGeneration = state.TimerGeneration + 1, IdleDueAt = null };

    private static SessionDecision Done(SessionActorState state) => new(state, [], true);

    private static SessionDecision Ignored(SessionActorState state) => new(state, [], false);
}
