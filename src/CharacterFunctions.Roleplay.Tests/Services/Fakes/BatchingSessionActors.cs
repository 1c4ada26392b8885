using System.Collections.Concurrent;
using CharacterFunctions.Roleplay.Sessions;

namespace CharacterFunctions.Roleplay.Tests.Services.Fakes;

/// <summary>Session actors that also take batches; records single sends and batches apart.</summary>
internal sealed class BatchingSessionActors : ISessionActors, ISessionActorBatches
{
    private readonly ConcurrentQueue<SessionOperation> _single = new();
    private readonly ConcurrentQueue<IReadOnlyList<SessionOperation>> _batches = new();

    public IReadOnlyList<SessionOperation> Single => _single.ToList();
    public IReadOnlyList<IReadOnlyList<SessionOperation>> Batches => _batches.ToList();

    public Task<SessionActorState?> GetStateAsync(string sessionId, CancellationToken ct) => Task.FromResult<SessionActorState?>(null);

    public Task SendAsync(string sessionId, SessionOperation operation, CancellationToken ct)
    {
        _single.Enqueue(operation);
        return Task.CompletedTask;
    }

    public Task SendAllAsync(string sessionId, IReadOnlyList<SessionOperation> operations, CancellationToken ct)
    {
        _batches.Enqueue(operations.ToList());
        return Task.CompletedTask;
    }
}
