using CharacterFunctions.Roleplay.Conversation;

namespace CharacterFunctions.Roleplay.Storage;

/// <summary>
/// One atomic write to a session: the new head record, the messages appended after
/// <c>Expected.LastSeq</c> (their seqs must continue it densely) and replacements of existing
/// messages (regenerate/selection). Applied only if the stored head still has <c>Expected.Version</c>.
/// </summary>
public sealed record SessionCommit(
    SessionRecord Expected,
    SessionRecord Updated,
    IReadOnlyList<TranscriptMessage> Appended,
    IReadOnlyList<TranscriptMessage> Replaced)
{
    public static SessionCommit Append(SessionRecord expected, SessionRecord updated, IReadOnlyList<TranscriptMessage> appended) =>
        new(expected, updated, appended, []);
}
