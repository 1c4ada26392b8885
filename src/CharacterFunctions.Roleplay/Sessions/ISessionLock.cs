namespace CharacterFunctions.Roleplay.Sessions;

/// <summary>
/// Serialises work on one session (a whole turn) where the host can. Optional: the optimistic
/// commit is what guarantees correctness; the lock only turns most 409s into waiting.
/// </summary>
public interface ISessionLock
{
    ValueTask<IAsyncDisposable> AcquireAsync(string sessionId, CancellationToken ct);
}
