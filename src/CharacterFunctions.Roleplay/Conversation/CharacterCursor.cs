namespace CharacterFunctions.Roleplay.Conversation;

/// <summary>
/// Per-character prompt bookkeeping inside a session.
/// <see cref="WindowStartSeq"/>: first transcript seq of the cache-stable history window; it only moves
/// forward, in large steps, when the window no longer fits.
/// <see cref="MemorySyncedSeq"/>: for long-term-memory characters, the last seq already sent in a
/// successful call, so the next call sends only newer messages.
/// </summary>
public sealed record CharacterCursor(long WindowStartSeq, long MemorySyncedSeq)
{
    public static readonly CharacterCursor Initial = new(1, 0);
}
