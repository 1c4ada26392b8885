namespace CharacterFunctions.Roleplay.Characters;

/// <summary>Sampling defaults of a character; a turn's options override them field by field.</summary>
public sealed record GenerationSettings
{
    public double? Temperature { get; init; }
    public double? TopP { get; init; }
    public int? MaxTokens { get; init; }
    public int? N { get; init; }
    public long? Seed { get; init; }

    /// <summary>Ban parentheses (seed 001's token table) so replies suit text-to-speech; a turn may override.</summary>
    public bool SpeechOnly { get; init; }

    /// <summary>Token id (as a string, like the API) to bias -100..100.</summary>
    public IReadOnlyDictionary<string, int> LogitBias { get; init; } = new Dictionary<string, int>();
}
