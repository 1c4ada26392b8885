using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Roleplay.Storage;

namespace CharacterFunctions.Roleplay.SessionLifecycle;

/// <summary>
/// The host-independent waiter (Azure): re-reads the session head on a back-off schedule, 250 ms
/// doubling to 2 s, so a waiting client costs about 33 reads a minute instead of 240. Commits made on
/// this instance (a turn's own reply, a nudge or reaction run here) wake its waiters at once, as the
/// session's transcript observer; commits on other instances are found by the next read.
/// </summary>
public sealed class PollingTranscriptWaiter(ISessionStore store, TimeProvider time) : ITranscriptWaiter, ITranscriptObserver
{
    public static readonly TimeSpan FirstInterval = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan MaxInterval = TimeSpan.FromSeconds(2);

    private readonly Dictionary<string, Wake> _wakes = new(StringComparer.Ordinal);

    /// <summary>The pause after the <paramref name="reads"/>-th read of one wait (1-based): 250 ms, 500 ms, 1 s, then 2 s.</summary>
    public static TimeSpan IntervalAfter(int reads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(reads, 1);
        // Fresh news usually comes soon after the poll starts (the reply to a turn just sent), later waits are idle time.
        var doublings = Math.Min(reads - 1, 8);
        var interval = FirstInterval * (1 << doublings);
        return interval < MaxInterval ? interval : MaxInterval;
    }

    public async Task WaitForNewerAsync(string sessionId, long afterSeq, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = time.GetUtcNow() + timeout;
        var wake = Join(sessionId);
        try
        {
            for (var reads = 1; ; reads++)
            {
                // Taken before the read, so a commit between the read and the pause is not missed.
                var committedHere = NextCommit(wake);
                var head = await store.GetAsync(sessionId, ct);
                if (head is null || head.LastSeq > afterSeq || head.Status == SessionStatus.Ended)
                {
                    return;
                }
                var left = deadline - time.GetUtcNow();
                if (left <= TimeSpan.Zero)
                {
                    return;
                }
                var pause = IntervalAfter(reads);
                try
                {
                    await committedHere.WaitAsync(left < pause ? left : pause, time, ct);
                }
                catch (TimeoutException)
                {
                    // No commit on this instance: poll again, unless the time is up (the caller re-reads anyway).
                    if (time.GetUtcNow() >= deadline)
                    {
                        return;
                    }
                }
            }
        }
        finally
        {
            Leave(sessionId, wake);
        }
    }

    /// <summary>A commit on this instance: wake this session's waiters so they re-read now.</summary>
    public void Committed(SessionRecord session, IReadOnlyList<TranscriptMessage> changed)
    {
        TaskCompletionSource? fired = null;
        lock (_wakes)
        {
            if (_wakes.TryGetValue(session.SessionId, out var wake))
            {
                fired = wake.Next;
                wake.Next = NewSource();
            }
        }
        fired?.TrySetResult();
    }

    private Wake Join(string sessionId)
    {
        lock (_wakes)
        {
            if (!_wakes.TryGetValue(sessionId, out var wake))
            {
                _wakes[sessionId] = wake = new Wake();
            }
            wake.Waiters++;
            return wake;
        }
    }

    // The entry lives only while someone waits, so sessions nobody polls cost nothing here.
    private void Leave(string sessionId, Wake wake)
    {
        lock (_wakes)
        {
            if (--wake.Waiters == 0)
            {
                _wakes.Remove(sessionId);
            }
        }
    }

    private Task NextCommit(Wake wake)
    {
        lock (_wakes)
        {
            return wake.Next.Task;
        }
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Waiters of one session on this instance and the signal the next commit completes.</summary>
    private sealed class Wake
    {
        public int Waiters { get; set; }
        public TaskCompletionSource Next { get; set; } = NewSource();
    }
}
