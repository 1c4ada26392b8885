using System.Collections.Concurrent;
using CharacterFunctions.Roleplay.Sessions;

namespace CharacterFunctions.Roleplay.Tests.Services.Fakes;

/// <summary>Records operations per session and serves a state the test sets (pending events, seen ids).</summary>
internal sealed class FakeSessionActors : ISessionActors
{
    private readonly ConcurrentDictionary<string, SessionActorState> _states = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string SessionId, SessionOperation Operation)> _sent = new();

    public IReadOnlyList<(string SessionId, SessionOperation Operation)> Sent => _sent.ToList();

    public IReadOnlyList<SessionOperation> SentTo(string sessionId) => _sent.Where(s => s.SessionId == sessionId).Select(s => s.Operation).ToList();

    public void SetState(SessionActorState state) => _states[state.SessionId] = state;

    private int _stateQueries;

    /// <summary>State reads so far (each one a Durable entity state query in Azure).</summary>
    public int StateQueries => Volatile.Read(ref _stateQueries);

    public Task<SessionActorState?> GetStateAsync(string sessionId, CancellationToken ct)
    {
        Interlocked.Increment(ref _stateQueries);
        return Task.FromResult(_states.GetValueOrDefault(sessionId));
    }

    public Task SendAsync(string sessionId, SessionOperation operation, CancellationToken ct)
    {
        _sent.Enqueue((sessionId, operation));
        return Task.CompletedTask;
    }
}
