namespace CharacterFunctions.Roleplay.Characters;

/// <summary>Provider-side long-term memory (character_options.memory).</summary>
public sealed record MemorySettings
{
    public bool LongTerm { get; init; }

    /// <summary>
    /// Summarise every N messages, 20..400. Seeds 001/002: "range: 20-400, default: 200". We default to the
    /// provider's 200 and always send it, so the character response shows the value in effect and a
    /// stored character keeps its behaviour if the provider's default ever changes.
    /// </summary>
    public const int DefaultMemoryEntries = 200;

    public int MemoryEntries { get; init; } = DefaultMemoryEntries;

    /// <summary>Message types kept out of the summary: system, user, assistant, output.
    /// Default skips system messages: game events are one-time information.</summary>
    public IReadOnlyList<string> SkipSaveTypes { get; init; } = ["system"];
}
