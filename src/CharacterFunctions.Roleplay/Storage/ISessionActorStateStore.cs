using CharacterFunctions.Roleplay.Sessions;

namespace CharacterFunctions.Roleplay.Storage;

/// <summary>
/// Persisted session-actor state for hosts that run actors in-process (the local host), so a
/// restart re-arms idle timers. In Azure the Durable entity persists its own state.
/// </summary>
public interface ISessionActorStateStore
{
    Task SaveAsync(SessionActorState state, CancellationToken ct);
    Task<SessionActorState?> LoadAsync(string sessionId, CancellationToken ct);

    /// <summary>States of sessions that are started and not ended (to re-arm timers at start-up).</summary>
    Task<IReadOnlyList<SessionActorState>> LoadActiveAsync(CancellationToken ct);
}
