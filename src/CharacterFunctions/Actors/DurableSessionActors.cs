using CharacterFunctions.Roleplay.Sessions;
using Microsoft.DurableTask.Client.Entities;
using Microsoft.Extensions.Logging;

namespace CharacterFunctions.Functions.Actors;

/// <summary>
/// <see cref="ISessionActors"/> on Durable entities: reads are entity state queries, sends are signals
/// (durable, applied one at a time per entity, in order per sender).
/// </summary>
public sealed partial class DurableSessionActors(DurableClientAccessor accessor, ILogger<DurableSessionActors> logger) : ISessionActors
{
    public async Task<SessionActorState?> GetStateAsync(string sessionId, CancellationToken ct)
    {
        EntityMetadata<SessionActorState>? entity = await accessor.Client.Entities.GetEntityAsync<SessionActorState>(
            SessionEntityOperations.IdFor(sessionId), includeState: true, ct);
        // A transient entity (being created or deleted) has metadata but no state: treat it as absent.
        return entity is { IncludesState: true } ? entity.State : null;
    }

    public async Task SendAsync(string sessionId, SessionOperation operation, CancellationToken ct)
    {
        var (name, input) = SessionEntityOperations.ToSignal(operation);
        await accessor.Client.Entities.SignalEntityAsync(SessionEntityOperations.IdFor(sessionId), name, input, options: null, ct);
        LogSignalled(sessionId, name);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Signalled session {SessionId} with {Operation}")]
    private partial void LogSignalled(string sessionId, string operation);
}
