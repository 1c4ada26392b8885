using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Sessions;

namespace CharacterFunctions.Roleplay.Storage;

/// <summary>
/// One atomic write to a session: the new head record, the messages appended after
/// <c>Expected.LastSeq</c> (their seqs must continue it densely) and replacements of existing
/// messages (regenerate/selection). Applied only if the stored head still has <c>Expected.Version</c>.
/// Riding in the same transaction, so a success path is one durable write: the completed idempotency
/// record of the operation (<see cref="Completion"/>) and the session actor's new state (<see cref="ActorState"/>).
/// </summary>
public sealed record SessionCommit(
    SessionRecord Expected,
    SessionRecord Updated,
    IReadOnlyList<TranscriptMessage> Appended,
    IReadOnlyList<TranscriptMessage> Replaced)
{
    /// <summary>Written (inserted or replacing an in-flight claim) as completed with the commit; null for none.</summary>
    public IdempotencyRecord? Completion { get; init; }

    /// <summary>
    /// The actor state to save with the commit, for hosts whose actors persist to the session store
    /// (<see cref="ISessionActorCommits"/>); null for none. Stores that keep actor state elsewhere reject it.
    /// </summary>
    public SessionActorState? ActorState { get; init; }

    /// <summary>
    /// The held-event marks this commit makes obsolete: those read with <see cref="Expected"/> whose event it
    /// appends. Only marks read with the expected head: a store that tracks marks deletes exactly these rows,
    /// and a mark made after that read (its event written by this commit all the same) merely lingers, which
    /// costs a later actor query, never an event.
    /// </summary>
    public IReadOnlyList<string> HeldEventMarksWritten =>
        Expected.HeldEventMarks is { Count: > 0 } marks
            ? Appended.Select(m => m.EventId).OfType<string>().Where(marks.Contains).Distinct(StringComparer.Ordinal).ToList()
            : [];

    public static SessionCommit Append(SessionRecord expected, SessionRecord updated, IReadOnlyList<TranscriptMessage> appended) =>
        new(expected, updated, appended, []);
}
