using CharacterFunctions.Functions.Actors;
using CharacterFunctions.Functions.Entities;
using CharacterFunctions.Functions.Orchestrations;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Tests.Fakes;
using Microsoft.DurableTask.Entities;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CharacterFunctions.Tests.Entities;

/// <summary>
/// Drives a <see cref="SessionEntity"/> through recorded Durable context/state (the pattern of
/// durabletask-dotnet's own entity tests) and, in parallel, the pure reducer, so each test can compare what
/// the entity asked Durable to do with what the reducer decided.
/// </summary>
public sealed class SessionEntityHarness(string sessionId)
{
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
    public InMemoryEntityState Storage { get; } = new();
    public RecordingEntityContext Context { get; } = new(SessionEntityOperations.IdFor(sessionId));

    /// <summary>The reducer's view of the state, advanced alongside the entity.</summary>
    public SessionActorState Reference { get; private set; } = new();

    public SessionActorState? Stored => Storage.GetState(typeof(SessionActorState)) as SessionActorState;

    /// <summary>Sends <paramref name="operation"/> the way the adapter does; returns the actions the reducer's effects call for.</summary>
    public async Task<IReadOnlyList<object>> SendAsync(SessionOperation operation)
    {
        Context.Clear();
        SessionDecision decision = SessionReducer.Apply(Reference, operation, Time.GetUtcNow());
        Reference = decision.State;

        var (name, input) = SessionEntityOperations.ToSignal(operation);
        var entity = new SessionEntity(Time, NullLogger<SessionEntity>.Instance);
        await entity.RunAsync(new FakeEntityOperation(name, Context, Storage, input));

        return decision.Applied ? decision.Effects.Select(Expected).ToList() : [];
    }

    /// <summary>Everything the entity asked for during the last operation, signals first.</summary>
    public IReadOnlyList<object> Actions => [.. Context.Signals, .. Context.Orchestrations];

    private object Expected(SessionEffect effect) => effect switch
    {
        SessionEffect.ScheduleIdleCheck check => new RecordingEntityContext.Signal(
            Context.Id, nameof(SessionEntity.IdleDue), check.Generation, check.At),
        SessionEffect.GenerateNudge nudge => new RecordingEntityContext.Orchestration(
            nameof(NudgeOrchestration), new NudgeRequest(Context.Id.Key, nudge.BasedOnSeq, nudge.Generation)),
        SessionEffect.GenerateReaction reaction => new RecordingEntityContext.Orchestration(
            nameof(ReactionOrchestration), reaction.Event),
        SessionEffect.Publish publish => new RecordingEntityContext.Orchestration(
            nameof(PublishOrchestration), new PublishRequest(Context.Id.Key, publish.Seq)),
        _ => throw new InvalidOperationException(effect.GetType().Name),
    };
}

internal static class EntityInstanceIdExtensions
{
    public static bool IsSelf(this EntityInstanceId id, RecordingEntityContext context) => id == context.Id;
}
