using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.ModelApi;

namespace CharacterFunctions.Roleplay.Prompting;

/// <summary>
/// The exact model request plus the bookkeeping to commit with its answer: the character's next
/// cursor (window start / memory sync point), the first transcript seq included, and the estimate.
/// </summary>
public sealed record BuiltPrompt(
    ModelCall Call,
    CharacterCursor NextCursor,
    long ContextFromSeq,
    int EstimatedInputTokens);
