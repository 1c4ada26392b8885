namespace CharacterFunctions.Roleplay.Sessions;

/// <summary>The default for hosts without a lock (several instances): rely on optimistic commits alone.</summary>
public sealed class NoSessionLock : ISessionLock
{
    public bool Serialises => false;

    public ValueTask<IAsyncDisposable> AcquireAsync(string sessionId, CancellationToken ct) => ValueTask.FromResult<IAsyncDisposable>(Released.Instance);

    private sealed class Released : IAsyncDisposable
    {
        public static readonly Released Instance = new();
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
