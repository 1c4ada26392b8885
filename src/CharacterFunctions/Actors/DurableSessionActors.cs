using CharacterFunctions.Roleplay.Sessions;
using Microsoft.DurableTask.Client.Entities;
using Microsoft.Extensions.Logging;

namespace CharacterFunctions.Functions.Actors;

/// <summary>
/// <see cref="ISessionActors"/> on Durable entities: reads are entity state queries, sends are signals
/// (durable, applied one at a time per entity, in order per sender). Several operations of one commit
/// (a turn's activity reports) travel as one batch signal, so they cost one entity operation.
/// </summary>
public sealed partial class DurableSessionActors(DurableClientAccessor accessor, ILogger<DurableSessionActors> logger) : ISessionActors, ISessionActorBatches
{
    public async Task<SessionActorState?> GetStateAsync(string sessionId, CancellationToken ct)
    {
        EntityMetadata<SessionActorState>? entity = await accessor.Client.Entities.GetEntityAsync<SessionActorState>(
            SessionEntityOperations.IdFor(sessionId), includeState: true, ct);
        // A transient entity (being created or deleted) has metadata but no state: treat it as absent.
        return entity is { IncludesState: true } ? entity.State : null;
    }

    public Task SendAsync(string sessionId, SessionOperation operation, CancellationToken ct) =>
        SignalAsync(sessionId, SessionEntityOperations.ToSignal(operation), ct);

    /// <summary>One signal: the entity applies the operations in order in one Durable operation.</summary>
    public Task SendAllAsync(string sessionId, IReadOnlyList<SessionOperation> operations, CancellationToken ct) =>
        SignalAsync(sessionId, SessionEntityOperations.ToSignal(operations), ct);

    private async Task SignalAsync(string sessionId, (string Name, object? Input) signal, CancellationToken ct)
    {
        await accessor.Client.Entities.SignalEntityAsync(SessionEntityOperations.IdFor(sessionId), signal.Name, signal.Input, options: null, ct);
        LogSignalled(sessionId, signal.Name);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Signalled session {SessionId} with {Operation}")]
    private partial void LogSignalled(string sessionId, string operation);
}
