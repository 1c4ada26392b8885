using CharacterFunctions.Roleplay.Conversation;

namespace CharacterFunctions.Roleplay.OneOff;

/// <summary>What one-off generation returns: one text per choice, each choice's finish reason, usage and its estimated cost.</summary>
public sealed record GenerateResult(
    string Model,
    IReadOnlyList<string> Texts,
    IReadOnlyList<string?> FinishReasons,
    TokenUsage Usage,
    decimal EstimatedCost,
    string Currency);
