using System.Text.Json;

namespace CharacterFunctions.Roleplay.Characters;

/// <summary>
/// A character's lorebook (a card's <c>character_book</c>, "world info"): entries injected into a
/// model call when their keys appear in the latest player message or event (see
/// <see cref="Prompting.LorebookSelector"/>). The same shape is the PUT body and the stored form;
/// <see cref="LorebookRules"/> validates and normalises it.
/// </summary>
public sealed record Lorebook
{
    public string? Name { get; init; }
    public string? Description { get; init; }

    /// <summary>Most estimated tokens of entries injected into one call; null uses <see cref="LorebookRules.DefaultTokenBudget"/>.</summary>
    public int? TokenBudget { get; init; }

    public IReadOnlyList<LorebookEntry> Entries { get; init; } = [];

    /// <summary>Card fields this product does not use (scan_depth, recursive_scanning, extensions...), kept for export.</summary>
    public IReadOnlyDictionary<string, JsonElement>? CardData { get; init; }
}

/// <summary>One lorebook entry; only keys, content, enabled, insertionOrder and constant affect prompts.</summary>
public sealed record LorebookEntry
{
    /// <summary>Words that trigger the entry: case-insensitive, whole words.</summary>
    public IReadOnlyList<string> Keys { get; init; } = [];
    public string Content { get; init; } = "";
    public bool Enabled { get; init; } = true;

    /// <summary>Lower values are injected first (the card spec's insertion_order).</summary>
    public int InsertionOrder { get; init; }

    /// <summary>Injected on every call, keys or not.</summary>
    public bool Constant { get; init; }

    public string? Name { get; init; }
    public string? Comment { get; init; }

    /// <summary>Card fields this product does not use (secondary_keys, priority, position...), kept for export.</summary>
    public IReadOnlyDictionary<string, JsonElement>? CardData { get; init; }
}
