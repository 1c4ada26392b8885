using System.Collections.Concurrent;
using CharacterFunctions.Roleplay.Sessions;

namespace CharacterFunctions.Roleplay.Tests.Services.Fakes;

/// <summary>Session actors that join commits (like the local host's): records every prepared handle and what it was told.</summary>
internal sealed class JointSessionActors : ISessionActors, ISessionActorCommits
{
    private readonly ConcurrentQueue<SessionOperation> _sent = new();
    private readonly ConcurrentQueue<Handle> _prepared = new();

    public IReadOnlyList<SessionOperation> Sent => _sent.ToList();
    public IReadOnlyList<Handle> Prepared => _prepared.ToList();

    public Task<SessionActorState?> GetStateAsync(string sessionId, CancellationToken ct) => Task.FromResult<SessionActorState?>(null);

    public Task SendAsync(string sessionId, SessionOperation operation, CancellationToken ct)
    {
        _sent.Enqueue(operation);
        return Task.CompletedTask;
    }

    public Task<IActorCommit> PrepareAsync(string sessionId, IReadOnlyList<SessionOperation> operations, CancellationToken ct)
    {
        var handle = new Handle(operations, new SessionActorState { SessionId = sessionId, LastSeq = _prepared.Count + 100 });
        _prepared.Enqueue(handle);
        return Task.FromResult<IActorCommit>(handle);
    }

    internal sealed class Handle(IReadOnlyList<SessionOperation> operations, SessionActorState state) : IActorCommit
    {
        public IReadOnlyList<SessionOperation> Operations { get; } = operations;
        public SessionActorState? State { get; } = state;
        public bool WasCommitted { get; private set; }
        public bool WasDisposed { get; private set; }

        public void Committed() => WasCommitted = !WasDisposed;

        public ValueTask DisposeAsync()
        {
            WasDisposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
