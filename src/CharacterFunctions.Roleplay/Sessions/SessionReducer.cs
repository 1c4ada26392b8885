using CharacterFunctions.Roleplay.Conversation;

namespace CharacterFunctions.Roleplay.Sessions;

/// <summary>The session actor as a pure function: (state, operation, now) -> (state, effects).</summary>
public static class SessionReducer
{
    /// <summary>How many event ids are remembered for de-duplication; redeliveries arrive soon after the original.</summary>
    public const int SeenEventIdLimit = 512;

    /// <summary>Scheduled signals may be delivered slightly early; within this slack a signal counts as due.</summary>
    public static readonly TimeSpan EarlyFireTolerance = TimeSpan.FromMilliseconds(250);

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

        var started = state with { SessionId = start.SessionId, Started = true, Idle = start.Idle, LastSeq = start.LastSeq };
        return started.Idle.Enabled ? Arm(started, now, []) : Done(started);
    }

    private static SessionDecision OnActivity(SessionActorState state, SessionOperation.Activity activity, DateTimeOffset now)
    {
        // Activity reports can be redelivered or overtaken; only a newer seq is news.
        if (activity.Seq <= state.LastSeq)
        {
            return Ignored(state);
        }

        var nudges = activity.Kind switch
        {
            MessageKind.User => 0,
            MessageKind.Nudge => state.NudgesInARow + 1,
            _ => state.NudgesInARow,
        };
        var next = state with { LastSeq = activity.Seq, NudgesInARow = nudges };
        SessionEffect[] publish = activity.Kind is MessageKind.Nudge or MessageKind.Reaction
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

        // The watchdog re-fires if the nudge fails or is dropped without any commit; a committed
        // message (the nudge itself or a player's) bumps the generation and makes it stale.
        var nudge = new SessionEffect.GenerateNudge(state.LastSeq, state.TimerGeneration);
        return Arm(state, now, [nudge]);
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

        return Done(next with { PendingEvents = [.. state.PendingEvents, gameEvent] });
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
        return Done(state with { PendingEvents = [.. state.PendingEvents, gameEvent with { React = false }] });
    }

    private static SessionDecision OnEnd(SessionActorState state) =>
        Done(Disarm(state) with { Ended = true, PendingEvents = [] });

    private static SessionDecision Arm(SessionActorState state, DateTimeOffset now, IReadOnlyList<SessionEffect> before)
    {
        var generation = state.TimerGeneration + 1;
        var dueAt = now.AddSeconds(state.Idle.AfterSeconds);
        var armed = state with { TimerGeneration = generation, IdleDueAt = dueAt };
        return new SessionDecision(armed, [.. before, new SessionEffect.ScheduleIdleCheck(dueAt, generation)], true);
    }

    private static SessionActorState Disarm(SessionActorState state) =>
        state with { TimerGeneration = state.TimerGeneration + 1, IdleDueAt = null };

    private static SessionDecision Done(SessionActorState state) => new(state, [], true);

    private static SessionDecision Ignored(SessionActorState state) => new(state, [], false);
}
