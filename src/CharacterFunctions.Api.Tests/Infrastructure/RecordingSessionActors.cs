using CharacterFunctions.Roleplay.Sessions;

namespace CharacterFunctions.Api.Tests.Infrastructure;

/// <summary>Session actors that only remember what they were sent (handlers never wait on actor effects).</summary>
internal sealed class RecordingSessionActors : ISessionActors
{
    private readonly List<(string SessionId, SessionOperation Operation)> _sent = [];

    public IReadOnlyList<SessionOperation> SentTo(string sessionId)
    {
        lock (_sent)
        {
            return _sent.Where(s => s.SessionId == sessionId).Select(s => s.Operation).ToList();
        }
    }

    public IReadOnlyList<SessionOperation> All()
    {
        lock (_sent)
        {
            return _sent.Select(s => s.Operation).ToList();
        }
    }

    public Task<SessionActorState?> GetStateAsync(string sessionId, CancellationToken ct) => Task.FromResult<SessionActorState?>(null);

    public Task SendAsync(string sessionId, SessionOperation operation, CancellationToken ct)
    {
        lock (_sent)
        {
            _sent.Add((sessionId, operation));
        }
        return Task.CompletedTask;
    }
}
