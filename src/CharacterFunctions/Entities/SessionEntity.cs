using CharacterFunctions.Functions.Orchestrations;
using CharacterFunctions.Roleplay.Sessions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Entities;
using Microsoft.Extensions.Logging;

namespace CharacterFunctions.Functions.Entities;

/// <summary>
/// The per-session actor as a Durable entity (key = session id). Every operation is one call of the pure
/// <see cref="SessionReducer"/>; this class only stores the new state and turns effects into Durable
/// actions. Slow work (model calls, publishing) never runs here: it is handed to orchestrations, so the
/// entity stays responsive and its operations stay short and deterministic.
/// </summary>
/// <remarks>Public methods are the entity's operations (dispatched by name, case-insensitive).</remarks>
public sealed partial class SessionEntity(TimeProvider time, ILogger<SessionEntity> logger) : TaskEntity<SessionActorState>
{
    [Function(nameof(SessionEntity))]
    public static Task Dispatch([EntityTrigger] TaskEntityDispatcher dispatcher) => dispatcher.DispatchAsync<SessionEntity>();

    public void Start(SessionOperation.Start operation) => Apply(operation);

    public void Activity(SessionOperation.Activity operation) => Apply(operation);

    public void AddEvent(GameEvent gameEvent) => Apply(new SessionOperation.AddEvent(gameEvent));

    public void EventsConsumed(string[] eventIds) => Apply(new SessionOperation.EventsConsumed(eventIds));

    public void ReactionFailed(GameEvent gameEvent) => Apply(new SessionOperation.ReactionFailed(gameEvent));

    public void IdleDue(long generation) => Apply(new SessionOperation.IdleDue(generation));

    public void End() => Apply(new SessionOperation.End());

    /// <summary>Read-only operation: the current state (also readable without an operation via the client).</summary>
    public SessionActorState Get() => State;

    private void Apply(SessionOperation operation)
    {
        SessionDecision decision = SessionReducer.Apply(State, operation, time.GetUtcNow());
        State = decision.State;
        if (!decision.Applied)
        {
            LogIgnored(Context.Id.Key, operation.GetType().Name);
            return;
        }

        foreach (SessionEffect effect in decision.Effects)
        {
            Run(effect);
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "Session {SessionId}: effect {Effect}")]
    private partial void LogEffect(string sessionId, string effect);
}
