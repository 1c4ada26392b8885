using CharacterFunctions.Roleplay.Conversation;

namespace CharacterFunctions.Roleplay.ModelApi;

/// <summary>A successful completion: one text per choice, ordered by choice index.</summary>
public sealed record ChatCompletion(
    string Id,
    string Model,
    IReadOnlyList<string> Choices,
    IReadOnlyList<string?> FinishReasons,
    TokenUsage Usage);
