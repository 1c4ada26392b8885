using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Sessions;

namespace CharacterFunctions.LocalHost.Concurrency;

/// <summary>
/// Wakes long-polls when a commit moves a session's transcript past the seq they wait for (or ends
/// the session). Event driven — told by every commit as the core's transcript observer — so a
/// waiting request costs no polling; replaces the core's polling waiter in this single-process host.
/// </summary>
internal sealed class LocalTranscriptWaiter : ITranscriptWaiter, ITranscriptObserver
{
    private readonly Dictionary<string, SessionSignal> _signals = new(StringComparer.Ordinal);

    public async Task WaitForNewerAsync(string sessionId, long afterSeq, TimeSpan timeout, CancellationToken ct)
    {
        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutCts.CancelAfter(timeout);
        while (true)
        {
            Task changed;
            lock (_signals)
            {
                var signal = Signal(sessionId);
                if (signal.LastSeq > afterSeq || signal.Ended)
                {
                    return;
                }
                changed = signal.Next.Task;
            }

            try
            {
                await changed.WaitAsync(timeoutCts.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return; // Timed out: the caller re-reads and answers with what there is.
            }
        }
    }

    public void Committed(SessionRecord session, IReadOnlyList<TranscriptMessage> changed)
    {
        TaskCompletionSource wake;
        lock (_signals)
        {
            var signal = Signal(session.SessionId);
            signal.LastSeq = Math.Max(signal.LastSeq, session.LastSeq);
            signal.Ended |= session.Status == SessionStatus.Ended;
            wake = signal.Next;
            signal.Next = NewSource();
        }
        wake.TrySetResult();
    }

    private SessionSignal Signal(string sessionId)
    {
        if (!_signals.TryGetValue(sessionId, out var signal))
        {
            _signals[sessionId] = signal = new SessionSignal();
        }
        return signal;
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>What this process has seen committed for one session, and the wake-up for the next commit.</summary>
    private sealed class SessionSignal
    {
        public long LastSeq { get; set; }
        public bool Ended { get; set; }
        public TaskCompletionSource Next { get; set; } = NewSource();
    }
}
