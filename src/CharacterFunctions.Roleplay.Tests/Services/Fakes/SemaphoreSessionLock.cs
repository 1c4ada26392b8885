using System.Collections.Concurrent;
using CharacterFunctions.Roleplay.Sessions;

namespace CharacterFunctions.Roleplay.Tests.Services.Fakes;

/// <summary>A per-session async lock like the local host's.</summary>
internal sealed class SemaphoreSessionLock : ISessionLock
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    public async ValueTask<IAsyncDisposable> AcquireAsync(string sessionId, CancellationToken ct)
    {
        var gate = _gates.GetOrAdd(sessionId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        return new Releaser(gate);
    }

    private sealed class Releaser(SemaphoreSlim gate) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            gate.Release();
            return ValueTask.CompletedTask;
        }
    }
}
