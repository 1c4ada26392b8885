namespace CharacterFunctions.Roleplay.Sessions;

/// <summary>
/// How core services reach session actors; each host implements it (Durable entities in Azure,
/// in-process mailboxes locally). Operations on one session are applied one at a time.
/// </summary>
public interface ISessionActors
{
    Task<SessionActorState?> GetStateAsync(string sessionId, CancellationToken ct);

    /// <summary>Enqueues the operation; it is applied durably, in order per session.</summary>
    Task SendAsync(string sessionId, SessionOperation operation, CancellationToken ct);
}
