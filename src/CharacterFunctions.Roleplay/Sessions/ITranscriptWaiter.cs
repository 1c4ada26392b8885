namespace CharacterFunctions.Roleplay.Sessions;

/// <summary>Long-poll support: completes when the session has a message after <c>afterSeq</c>, or the timeout passes.</summary>
public interface ITranscriptWaiter
{
    /// <summary>Returns (without throwing) on news or timeout; the caller re-reads. Throws only when <paramref name="ct"/> is cancelled.</summary>
    Task WaitForNewerAsync(string sessionId, long afterSeq, TimeSpan timeout, CancellationToken ct);
}
