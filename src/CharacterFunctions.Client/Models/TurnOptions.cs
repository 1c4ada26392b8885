namespace CharacterFunctions.Client.Models;

/// <summary>Per-turn sampling options; they win over the character's defaults.</summary>
public sealed record TurnOptions
{
    /// <summary>Number of alternatives (1..4); the reply then carries <see cref="Message.Alternatives"/>.</summary>
    public int? N { get; init; }
    public long? Seed { get; init; }
    public double? Temperature { get; init; }
    public double? TopP { get; init; }
    public int? MaxTokens { get; init; }

    /// <summary>Token id (as a string) to bias -100..100; merged over the character's.</summary>
    public IReadOnlyDictionary<string, int>? LogitBias { get; init; }
}
