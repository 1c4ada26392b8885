namespace CharacterFunctions.Roleplay.Sessions;

/// <summary>
/// Optional for an <see cref="ISessionActors"/> host: several operations of one session applied in
/// order as one batch, so the actor state is saved once (a turn reports its user message and its
/// reply together). Hosts without it get the operations one by one.
/// </summary>
public interface ISessionActorBatches
{
    /// <summary>Completes once every operation is applied, in the given order, and the state saved.</summary>
    Task SendAllAsync(string sessionId, IReadOnlyList<SessionOperation> operations, CancellationToken ct);
}
