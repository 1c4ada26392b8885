namespace CharacterFunctions.Roleplay.Characters;

/// <summary>Provider-side long-term memory (character_options.memory).</summary>
public sealed record MemorySettings
{
    public bool LongTerm { get; init; }

    /// <summary>Summarise every N messages, 20..400.</summary>
    public int MemoryEntries { get; init; } = 50;

    /// <summary>Message types kept out of the summary: system, user, assistant, output.
    /// Default skips system messages: game events are one-time information.</summary>
    public IReadOnlyList<string> SkipSaveTypes { get; init; } = ["system"];
}
