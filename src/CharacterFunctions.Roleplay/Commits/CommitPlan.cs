using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Roleplay.Storage;

namespace CharacterFunctions.Roleplay.Commits;

/// <summary>
/// What a use case wants written on top of the head it was given: the commit, the messages observers
/// are told about, the actor operations sent afterwards, and the use case's own result.
/// A plan without a commit writes nothing (e.g. a nudge whose transcript moved on).
/// </summary>
public sealed record CommitPlan<T>(
    SessionCommit? Commit,
    T Result,
    IReadOnlyList<TranscriptMessage> Changed,
    IReadOnlyList<SessionOperation> Operations)
{
    public static CommitPlan<T> Nothing(T result) => new(null, result, [], []);
}
