using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Roleplay.Storage;

namespace CharacterFunctions.Roleplay.SessionLifecycle;

/// <summary>
/// The host-independent waiter: re-reads the session head every 250 ms. Works across instances
/// (Azure); the local host registers an event-driven waiter instead.
/// </summary>
public sealed class PollingTranscriptWaiter(ISessionStore store, TimeProvider time) : ITranscriptWaiter
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    public async Task WaitForNewerAsync(string sessionId, long afterSeq, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = time.GetUtcNow() + timeout;
        while (true)
        {
            var head = await store.GetAsync(sessionId, ct);
            if (head is null || head.LastSeq > afterSeq || head.Status == Conversation.SessionStatus.Ended)
            {
                return;
            }
            var left = deadline - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                return;
            }
            await Task.Delay(left < Interval ? left : Interval, time, ct);
        }
    }
}
