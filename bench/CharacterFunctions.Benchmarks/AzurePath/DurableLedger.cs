using CharacterFunctions.Roleplay.Sessions;

namespace CharacterFunctions.Benchmarks.AzurePath;

/// <summary>
/// Stands in for the Azure app's session actors and counts the Durable operations they would cause,
/// mapped as the app's code does: <c>DurableSessionActors</c> turns GetStateAsync into an entity state
/// query, every SendAsync into one entity signal and every SendAllAsync (a commit's operations together)
/// into one batch signal; <c>SessionEntity</c> applies them through the same <see cref="SessionBatch"/> /
/// <see cref="SessionReducer"/> and turns each surviving ScheduleIdleCheck into a scheduled self-signal and
/// GenerateNudge / GenerateReaction / Publish into one orchestration each (each runs one activity).
/// </summary>
public sealed class DurableLedger : ISessionActors, ISessionActorBatches
{
    private readonly Dictionary<string, SessionActorState> _entities = new(StringComparer.Ordinal);
    private readonly List<(string SessionId, long Seq)> _published = [];
    private DurableCount _count = new();

    public Task<SessionActorState?> GetStateAsync(string sessionId, CancellationToken ct)
    {
        lock (_entities)
        {
            _count = _count with { StateQueries = _count.StateQueries + 1 };
            return Task.FromResult(_entities.GetValueOrDefault(sessionId));
        }
    }

    public Task SendAsync(string sessionId, SessionOperation operation, CancellationToken ct) => SendAllAsync(sessionId, [operation], ct);

    /// <summary>One signal whatever the count: a single operation is its own signal, several one batch signal.</summary>
    public Task SendAllAsync(string sessionId, IReadOnlyList<SessionOperation> operations, CancellationToken ct)
    {
        lock (_entities)
        {
            _count = _count with { Signals = _count.Signals + 1 };
            Apply(sessionId, operations, DateTimeOffset.UtcNow);
            return Task.CompletedTask;
        }
    }

    /// <summary>Delivers the session's scheduled idle signal as if its due time had come.</summary>
    public void FireIdleTimer(string sessionId)
    {
        lock (_entities)
        {
            var state = _entities[sessionId];
            var due = state.IdleDueAt ?? throw new InvalidOperationException($"Session {sessionId} has no armed idle timer.");
            Apply(sessionId, [new SessionOperation.IdleDue(state.TimerGeneration)], due);
        }
    }

    /// <summary>What was counted since the last call, and the seqs whose publish orchestrations were started.</summary>
    public (DurableCount Count, IReadOnlyList<(string SessionId, long Seq)> Published) Take()
    {
        lock (_entities)
        {
            var taken = (_count, (IReadOnlyList<(string, long)>)_published.ToArray());
            _count = new DurableCount();
            _published.Clear();
            return taken;
        }
    }

    private void Apply(string sessionId, IReadOnlyList<SessionOperation> operations, DateTimeOffset now)
    {
        var decision = SessionBatch.Apply(_entities.GetValueOrDefault(sessionId) ?? new SessionActorState(), operations, now);
        _entities[sessionId] = decision.State;
        foreach (var effect in decision.Effects)
        {
            switch (effect)
            {
                case SessionEffect.ScheduleIdleCheck:
                    _count = _count with { ScheduledSignals = _count.ScheduledSignals + 1 };
                    break;
                case SessionEffect.Publish publish:
                    _published.Add((sessionId, publish.Seq));
                    _count = _count with { Orchestrations = _count.Orchestrations + 1 };
                    break;
                default:
                    _count = _count with { Orchestrations = _count.Orchestrations + 1 };
                    break;
            }
        }
    }
}

/// <summary>Durable operations of one use case: entity state queries, signals sent, timers scheduled, orchestrations started.</summary>
public sealed record DurableCount(int StateQueries = 0, int Signals = 0, int ScheduledSignals = 0, int Orchestrations = 0)
{
    public int Total => StateQueries + Signals + ScheduledSignals + Orchestrations;

    public DurableCount Add(DurableCount other) => new(
        StateQueries + other.StateQueries, Signals + other.Signals, ScheduledSignals + other.ScheduledSignals, Orchestrations + other.Orchestrations);
}
