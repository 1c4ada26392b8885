using CharacterFunctions.Roleplay.Sessions;

namespace CharacterFunctions.LocalHost.Concurrency;

/// <summary>
/// One async gate per session so concurrent turns on a session run one after another instead of
/// racing for the same seq. Gates are reference-counted and removed when nobody holds or waits.
/// </summary>
internal sealed class LocalSessionLocks : ISessionLock
{
    private readonly Dictionary<string, Gate> _gates = new(StringComparer.Ordinal);

    public async ValueTask<IAsyncDisposable> AcquireAsync(string sessionId, CancellationToken ct)
    {
        Gate gate;
        lock (_gates)
        {
            if (!_gates.TryGetValue(sessionId, out gate!))
            {
                _gates[sessionId] = gate = new Gate();
            }
            gate.Users++;
        }

        try
        {
            await gate.Semaphore.WaitAsync(ct);
        }
        catch
        {
            Leave(sessionId, gate);
            throw;
        }
        return new Releaser(this, sessionId, gate);
    }

    private void Leave(string sessionId, Gate gate)
    {
        lock (_gates)
        {
            if (--gate.Users == 0)
            {
                _gates.Remove(sessionId);
                gate.Semaphore.Dispose();
            }
        }
    }

    private sealed class Gate
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);
        public int Users { get; set; }
    }

    private sealed class Releaser(LocalSessionLocks owner, string sessionId, Gate gate) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Semaphore.Release();
                owner.Leave(sessionId, gate);
            }
            return ValueTask.CompletedTask;
        }
    }
}
