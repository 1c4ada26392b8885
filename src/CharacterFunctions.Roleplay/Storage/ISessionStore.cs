using CharacterFunctions.Roleplay.Conversation;

namespace CharacterFunctions.Roleplay.Storage;

/// <summary>
/// Session heads and their append-only transcripts. Transcript reads are ranged by seq so that
/// building a prompt never reads the whole transcript.
/// </summary>
public interface ISessionStore
{
    /// <summary>Creates the session with its first messages (e.g. the opening line). Returns the stored record with its version.</summary>
    Task<SessionRecord> CreateAsync(SessionRecord session, IReadOnlyList<TranscriptMessage> initialMessages, CancellationToken ct);

    Task<SessionRecord?> GetAsync(string sessionId, CancellationToken ct);

    /// <summary>
    /// Applies <paramref name="commit"/> atomically. Throws <see cref="ConcurrencyException"/> when the
    /// head's version changed or an appended seq is taken; nothing is written then.
    /// Returns the stored head with its new version. A store that tracks held-event marks deletes those of
    /// <see cref="SessionCommit.HeldEventMarksWritten"/> in the same write (as many as the write has room for:
    /// a mark left behind costs a later actor query, never an event).
    /// </summary>
    Task<SessionRecord> CommitAsync(SessionCommit commit, CancellationToken ct);

    /// <summary>Messages with <paramref name="fromSeq"/> &lt;= seq &lt;= <paramref name="toSeq"/>, ascending.</summary>
    Task<IReadOnlyList<TranscriptMessage>> ReadRangeAsync(string sessionId, long fromSeq, long toSeq, CancellationToken ct);

    /// <summary>Up to <paramref name="limit"/> messages with seq &gt; <paramref name="afterSeq"/>, ascending.</summary>
    Task<IReadOnlyList<TranscriptMessage>> ReadPageAsync(string sessionId, long afterSeq, int limit, CancellationToken ct);

    /// <summary>Messages written by a turn (used to recover a turn whose result was not recorded).</summary>
    Task<IReadOnlyList<TranscriptMessage>> FindByTurnAsync(string sessionId, string turnId, CancellationToken ct);

    /// <summary>
    /// Records, apart from the head (so it never races a commit), that game event <paramref name="eventId"/> is
    /// being held for the session; afterwards <see cref="GetAsync"/> lists it in
    /// <see cref="SessionRecord.HeldEventMarks"/> until a commit that writes the event clears it. Idempotent by
    /// event id. Called before the event reaches the actor, so a head read without marks means no held event.
    /// Stores that do not track marks report every head as "maybe" and need nothing here (the local host's
    /// actor state is in memory, so asking it costs nothing).
    /// </summary>
    Task MarkHeldEventAsync(string sessionId, string eventId, CancellationToken ct) => Task.CompletedTask;
}
