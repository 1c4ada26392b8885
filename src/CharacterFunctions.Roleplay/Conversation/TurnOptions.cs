namespace CharacterFunctions.Roleplay.Conversation;

/// <summary>Per-turn sampling options; they pass through to the model and win over the character's defaults.</summary>
public sealed record TurnOptions
{
    public int? N { get; init; }
    public long? Seed { get; init; }
    public double? Temperature { get; init; }
    public double? TopP { get; init; }
    public int? MaxTokens { get; init; }
    public Dictionary<string, int>? LogitBias { get; init; }

    /// <summary>Overrides the character's <c>speechOnly</c> for this turn.</summary>
    public bool? SpeechOnly { get; init; }
}
