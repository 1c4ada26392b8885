using CharacterFunctions.Functions.Actors;
using CharacterFunctions.Functions.Housekeeping;
using CharacterFunctions.Functions.Orchestrations;
using CharacterFunctions.Roleplay.Sessions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Entities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CharacterFunctions.Functions.Entities;

/// <summary>
/// The per-session actor as a Durable entity (key = session id). Every operation is one call of the pure
/// <see cref="SessionReducer"/> (a <see cref="Batch"/> several, in order, through <see cref="SessionBatch"/>);
/// this class only stores the new state and turns effects into Durable actions. Slow work (model calls, publishing) never runs here: it is handed to orchestrations, so the
/// entity stays responsive and its operations stay short and deterministic.
/// </summary>
/// <remarks>
/// Public methods are the entity's operations (dispatched by name, case-insensitive). An ended session's
/// entity deletes itself after <see cref="HousekeepingOptions.EndedSessionGrace"/>; a signal that arrives
/// later (a scheduled IdleDue cannot be cancelled) finds no state, is ignored and does not re-create it.
/// </remarks>
public sealed partial class SessionEntity(TimeProvider time, IOptions<HousekeepingOptions> housekeeping, ILogger<SessionEntity> logger)
    : TaskEntity<SessionActorState>
{
    /// <summary>The state <see cref="InitializeState"/> made for an entity that had none (compared by reference).</summary>
    private SessionActorState? _initialized;

    /// <summary>True while the current operation runs on that made-up state, i.e. the entity does not exist.</summary>
    private bool IsFresh => _initialized is not null && ReferenceEquals(State, _initialized);

    [Function(nameof(SessionEntity))]
    public static Task Dispatch([EntityTrigger] TaskEntityDispatcher dispatcher) => dispatcher.DispatchAsync<SessionEntity>();

    public void Start(SessionOperation.Start operation) => Apply(operation);

    public void Activity(SessionOperation.Activity operation) => Apply(operation);

    public void AddEvent(GameEvent gameEvent) => Apply(new SessionOperation.AddEvent(gameEvent));

    public void EventsConsumed(string[] eventIds) => Apply(new SessionOperation.EventsConsumed(eventIds));

    public void ReactionFailed(GameEvent gameEvent) => Apply(new SessionOperation.ReactionFailed(gameEvent));

    public void IdleDue(long generation) => Apply(new SessionOperation.IdleDue(generation));

    public void NudgeFailed(long generation) => Apply(new SessionOperation.NudgeFailed(generation));

    public void End() => Apply(new SessionOperation.End());

    /// <summary>Several operations of one commit (e.g. a turn's activity reports), applied in order as one Durable operation.</summary>
    public void Batch(BatchedSessionOperation[] operations) => Apply([.. operations.Select(o => o.ToOperation())]);

    /// <summary>Removes an ended session's state from the task hub; a session that is not ended is kept.</summary>
    public void Delete()
    {
        if (State.Ended)
        {
            State = null!; // a null state deletes the entity
            LogDeleted(Context.Id.Key);
        }
        else if (IsFresh)
        {
            State = null!;
        }
    }

    /// <summary>Read-only operation: the current state, null when the entity has none (also readable via the client).</summary>
    public SessionActorState? Get()
    {
        if (IsFresh)
        {
            State = null!; // reading must not create the entity
            return null;
        }

        return State;
    }

    protected override SessionActorState InitializeState(TaskEntityOperation entityOperation) => _initialized = new SessionActorState();

    private void Apply(params SessionOperation[] operations)
    {
        bool fresh = IsFresh;
        bool wasEnded = State.Ended;
        SessionDecision decision = SessionBatch.Apply(State, operations, time.GetUtcNow());
        if (!decision.Applied)
        {
            // Nothing happened: an entity that had no state (deleted, or never started) is not created by it.
            State = fresh ? null! : decision.State;
            LogIgnored(Context.Id.Key, string.Join(", ", operations.Select(o => o.GetType().Name)));
            return;
        }

        State = decision.State;
        foreach (SessionEffect effect in decision.Effects)
        {
            Run(effect);
        }

        if (!wasEnded && State.Ended)
        {
            Context.SignalEntity(
                Context.Id, nameof(Delete), input: null, new SignalEntityOptions { SignalTime = time.GetUtcNow() + housekeeping.Value.EndedSessionGrace });
        }
    }

    private void Run(SessionEffect effect)
    {
        string sessionId = Context.Id.Key;
        switch (effect)
        {
            case SessionEffect.ScheduleIdleCheck check:
                // Scheduled signals cannot be cancelled; the generation stamp lets the reducer ignore stale ones.
                Context.SignalEntity(
                    Context.Id,
                    nameof(IdleDue),
                    check.Generation,
                    new SignalEntityOptions { SignalTime = check.At.ToUniversalTime() });
                break;
            case SessionEffect.GenerateNudge nudge:
                Context.ScheduleNewOrchestration(
                    nameof(NudgeOrchestration), new NudgeRequest(sessionId, nudge.BasedOnSeq, nudge.Generation));
                break;
            case SessionEffect.GenerateReaction reaction:
                Context.ScheduleNewOrchestration(nameof(ReactionOrchestration), reaction.Event);
                break;
            case SessionEffect.Publish publish:
                Context.ScheduleNewOrchestration(nameof(PublishOrchestration), new PublishRequest(sessionId, publish.Seq));
                break;
            default:
                throw new InvalidOperationException($"Unknown session effect {effect.GetType().Name}.");
        }

        LogEffect(sessionId, effect.GetType().Name);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Session {SessionId}: {Operation} had no effect")]
    private partial void LogIgnored(string sessionId, string operation);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId}: ended entity deleted")]
    private partial void LogDeleted(string sessionId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Session {SessionId}: effect {Effect}")]
    private partial void LogEffect(string sessionId, string effect);
}
