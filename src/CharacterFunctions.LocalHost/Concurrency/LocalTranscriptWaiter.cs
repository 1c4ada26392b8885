using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Sessions;

namespace CharacterFunctions.LocalHost.Concurrency;

/// <summary>
/// Wakes long-polls when a commit moves a session's transcript past the seq they wait for. Event
/// driven (told by every commit as the core's transcript observer), so waiting costs no polling.
/// </summary>
internal sealed class LocalTranscriptWaiter : ITranscriptObserver
{
    private readonly Dictionary<string, SessionSignal> _signals = new(StringComparer.Ordinal);

    /// <summary>True once the session has a message with seq &gt; <paramref name="afterSeq"/>; false when <paramref name="timeout"/> passes first.</summary>
    public async Task<bool> WaitAsync(string sessionId, long afterSeq, TimeSpan timeout, CancellationToken ct)
    {
        Task changed;
        lock (_signals)
        {
            var signal = Signal(sessionId);
            if (signal.LastSeq > afterSeq)
            {
                return true;
            }
            changed = signal.Next.Task;
        }

        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutCts.CancelAfter(timeout);
        while (true)
        {
            try
            {
                await changed.WaitAsync(timeoutCts.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return false;
            }

            lock (_signals)
            {
                var signal = Signal(sessionId);
                if (signal.LastSeq > afterSeq)
                {
                    return true;
                }
                changed = signal.Next.Task;
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

    private sealed class SessionSignal
    {
        public long LastSeq { get; set; }
        public TaskCompletionSource Next { get; set; } = NewSource();
    }
}
