namespace CharacterFunctions.Roleplay.Sessions;

/// <summary>
/// Serialises work on one session (a whole turn) where the host can. Optional: the optimistic
/// commit is what guarantees correctness; the lock only turns most 409s into waiting.
/// </summary>
public interface ISessionLock
{
    ValueTask<IAsyncDisposable> AcquireAsync(string sessionId, CancellationToken ct);

    /// <summary>
    /// True when holding the lock excludes other writers of the session in this deployment. Then a head
    /// read before taking it may be stale and is read again inside; without a real lock the caller's read is used.
    /// </summary>
    bool Serialises => true;
}
