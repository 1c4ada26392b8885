namespace CharacterFunctions.Roleplay.Sessions;

/// <summary>
/// Optional for an <see cref="ISessionActors"/> host whose actor state is saved in the session store
/// (the local host): the operations a commit reports are applied to the actor before the commit and
/// the new state rides in the commit's own transaction (<see cref="Storage.SessionCommit.ActorState"/>),
/// so a turn is one durable write. Hosts without it get the operations sent after the commit.
/// </summary>
public interface ISessionActorCommits
{
    /// <summary>
    /// Holds the session's actor (its other operations wait) and applies <paramref name="operations"/> to
    /// its current state. Dispose the result after the commit; only <see cref="IActorCommit.Committed"/>
    /// makes the actor adopt the state and run its effects.
    /// </summary>
    Task<IActorCommit> PrepareAsync(string sessionId, IReadOnlyList<SessionOperation> operations, CancellationToken ct);
}

/// <summary>An actor held while its next state is written with a session commit.</summary>
public interface IActorCommit : IAsyncDisposable
{
    /// <summary>The state to write with the commit; null when the operations change nothing.</summary>
    SessionActorState? State { get; }

    /// <summary>The commit that carried <see cref="State"/> is durable: the actor adopts it and runs the effects.</summary>
    void Committed();
}
