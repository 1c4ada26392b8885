using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Roleplay.Storage;

namespace CharacterFunctions.LocalHost.Concurrency;

/// <summary>
/// Wakes long-polls when a commit changes a session they wait on. Event driven — told by every commit as
/// the core's transcript observer — so a waiting request costs no polling; replaces the core's polling
/// waiter in this single-process host. A session is tracked only while someone waits on it.
/// </summary>
internal sealed class LocalTranscriptWaiter(ISessionStore sessions) : ITranscriptWaiter, ITranscriptObserver
{
    private readonly Dictionary<string, SessionSignal> _signals = new(StringComparer.Ordinal);

    /// <summary>How many sessions have a waiter right now.</summary>
    internal int TrackedSessions
    {
        get
        {
            lock (_signals)
            {
                return _signals.Count;
            }
        }
    }

    public async Task WaitForNewerAsync(string sessionId, long afterSeq, TimeSpan timeout, CancellationToken ct)
    {
        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutCts.CancelAfter(timeout);
        SessionSignal signal;
        lock (_signals)
        {
            if (!_signals.TryGetValue(sessionId, out signal!))
            {
                _signals[sessionId] = signal = new SessionSignal();
            }
            signal.Waiters++;
        }
        try
        {
            while (true)
            {
                Task changed;
                lock (_signals)
                {
                    changed = signal.Next.Task;
                }
                // Read the head after taking the wake-up, so a commit between the caller's read and now is not missed.
                var head = await sessions.GetAsync(sessionId, ct);
                if (head is null || head.LastSeq > afterSeq || head.Status == SessionStatus.Ended)
                {
                    return;
                }
                await changed.WaitAsync(timeoutCts.Token);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // Timed out: the caller re-reads and answers with what there is.
        }
        finally
        {
            lock (_signals)
            {
                if (--signal.Waiters == 0)
                {
                    _signals.Remove(sessionId);
                }
            }
        }
    }

    public void Committed(SessionRecord session, IReadOnlyList<TranscriptMessage> changed)
    {
        TaskCompletionSource wake;
        lock (_signals)
        {
            if (!_signals.TryGetValue(session.SessionId, out var signal))
            {
                return; // nobody waits on this session
            }
            wake = signal.Next;
            signal.Next = NewSource();
        }
        wake.TrySetResult();
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The waiters of one session and the wake-up for its next commit.</summary>
    private sealed class SessionSignal
    {
        public int Waiters { get; set; }
        public TaskCompletionSource Next { get; set; } = NewSource();
    }
}
