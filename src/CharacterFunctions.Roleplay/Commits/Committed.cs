using CharacterFunctions.Roleplay.Conversation;

namespace CharacterFunctions.Roleplay.Commits;

/// <summary>The outcome of <see cref="SessionCommitter.CommitAsync{T}"/>: the stored head (null when the plan wrote nothing) and the plan's result.</summary>
public sealed record Committed<T>(SessionRecord? Session, T Result);
