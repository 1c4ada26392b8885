namespace CharacterFunctions.Roleplay.Sessions;

/// <summary>
/// Several operations of one session applied in order through <see cref="SessionReducer"/> as one step (a
/// turn's activity reports sent together). An idle check scheduled by an earlier operation of the batch
/// whose generation a later one moved past is left out: the reducer would ignore it when it fired
/// (<see cref="SessionOperation.IdleDue"/> must carry the current generation), and a host that cannot cancel
/// a scheduled signal (Durable) would pay for delivering it.
/// </summary>
public static class SessionBatch
{
    /// <returns>The last state, the surviving effects in order, and whether any operation did something.</returns>
    public static SessionDecision Apply(SessionActorState state, IReadOnlyList<SessionOperation> operations, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(operations);
        var applied = false;
        var effects = new List<SessionEffect>();
        foreach (var operation in operations)
        {
            var decision = SessionReducer.Apply(state, operation, now);
            state = decision.State;
            applied |= decision.Applied;
            effects.AddRange(decision.Effects);
        }
        effects.RemoveAll(e => e is SessionEffect.ScheduleIdleCheck check && check.Generation != state.TimerGeneration);
        return new SessionDecision(state, effects, applied);
    }
}
