using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.OneOff;

namespace CharacterFunctions.Api.Responses;

/// <summary>POST /api/generate: the generated text (choice 0), every choice with its finish reason, usage and cost.</summary>
public sealed record GenerateResponse(
    string Model,
    string Text,
    IReadOnlyList<GeneratedChoice> Choices,
    TokenUsage Usage,
    decimal EstimatedCost,
    string Currency)
{
    public static GenerateResponse From(GenerateResult result) => new(
        result.Model,
        result.Texts[0],
        result.Texts.Select((text, i) => new GeneratedChoice(text, i < result.FinishReasons.Count ? result.FinishReasons[i] : null)).ToList(),
        result.Usage,
        result.EstimatedCost,
        result.Currency);
}

/// <summary>One choice of a one-off generation.</summary>
public sealed record GeneratedChoice(string Text, string? FinishReason);
