using System.Text.Json;

namespace CharacterFunctions.Client.Models;

/// <summary>
/// A character as sent to PUT /api/characters/{id}. Only <see cref="Name"/> and <see cref="SystemPrompt"/>
/// are required; the server validates the rest and answers a 400 problem naming each bad field. PUT replaces the
/// whole character: to change one field of a stored one, edit <see cref="Character.ToDefinition"/>, which keeps
/// every other field (lorebook and card data included).
/// </summary>
public sealed record CharacterDefinition(string Name, string SystemPrompt)
{
    public string? Model { get; init; }
    public Persona? Persona { get; init; }
    public string? OpeningLine { get; init; }

    /// <summary>Other openings a session may start with (a card's alternate_greetings).</summary>
    public IReadOnlyList<string>? AlternateGreetings { get; init; }

    /// <summary>Sent on every call as a supplementary system message before the last user message.</summary>
    public string? PostHistoryInstructions { get; init; }

    public Lorebook? Lorebook { get; init; }

    /// <summary>Card fields the server does not use, kept verbatim for card export.</summary>
    public IReadOnlyDictionary<string, JsonElement>? CardData { get; init; }

    public GenerationSettings? Generation { get; init; }
    public CharacterFeatures? Features { get; init; }
    public MemorySettings? Memory { get; init; }
}

/// <summary>A stored character; <see cref="Etag"/> is what <c>ifMatch</c> takes for optimistic concurrency.</summary>
public sealed record Character(
    string Id,
    string Name,
    string Model,
    string SystemPrompt,
    Persona? Persona,
    string? OpeningLine,
    GenerationSettings? Generation,
    CharacterFeatures? Features,
    MemorySettings? Memory,
    string Etag,
    DateTimeOffset UpdatedAt)
{
    public IReadOnlyList<string>? AlternateGreetings { get; init; }
    public string? PostHistoryInstructions { get; init; }
    public Lorebook? Lorebook { get; init; }
    public IReadOnlyDictionary<string, JsonElement>? CardData { get; init; }

    /// <summary>
    /// Every writable field of this character as a PUT body, to edit and send back:
    /// <c>PutCharacterAsync(c.Id, c.ToDefinition() with { Name = "..." }, ifMatch: c.Etag)</c>.
    /// </summary>
    public CharacterDefinition ToDefinition() => new(Name, SystemPrompt)
    {
        Model = Model,
        Persona = Persona,
        OpeningLine = OpeningLine,
        AlternateGreetings = AlternateGreetings,
        PostHistoryInstructions = PostHistoryInstructions,
        Lorebook = Lorebook,
        CardData = CardData,
        Generation = Generation,
        Features = Features,
        Memory = Memory,
    };
}

/// <summary>A character's lorebook ("world info"): entries the server injects into a model call when their keys appear.</summary>
public sealed record Lorebook
{
    public string? Name { get; init; }
    public string? Description { get; init; }

    /// <summary>Most estimated tokens of entries injected into one call; null uses the server's default.</summary>
    public int? TokenBudget { get; init; }

    public IReadOnlyList<LorebookEntry>? Entries { get; init; }

    /// <summary>Card fields the server does not use, kept for export.</summary>
    public IReadOnlyDictionary<string, JsonElement>? CardData { get; init; }
}

/// <summary>One lorebook entry.</summary>
public sealed record LorebookEntry
{
    /// <summary>Words that trigger the entry: case-insensitive, whole words.</summary>
    public IReadOnlyList<string>? Keys { get; init; }
    public string Content { get; init; } = "";
    public bool? Enabled { get; init; }

    /// <summary>Lower values are injected first.</summary>
    public int? InsertionOrder { get; init; }

    /// <summary>Injected on every call, keys or not.</summary>
    public bool? Constant { get; init; }

    public string? Name { get; init; }
    public string? Comment { get; init; }

    /// <summary>Card fields the server does not use, kept for export.</summary>
    public IReadOnlyDictionary<string, JsonElement>? CardData { get; init; }
}

/// <summary>Optional structured persona, rendered by the server into the system prompt.</summary>
public sealed record Persona
{
    public string? Identity { get; init; }
    public string? Personality { get; init; }
    public string? Background { get; init; }
    public string? Relationships { get; init; }
    public string? OtherDescriptions { get; init; }
    public string? Scenario { get; init; }
    public string? SpeakingStyle { get; init; }
    public string? ReplyLength { get; init; }
    public bool? UseActionsInParentheses { get; init; }
}

/// <summary>Sampling defaults of a character.</summary>
public sealed record GenerationSettings
{
    public double? Temperature { get; init; }
    public double? TopP { get; init; }
    public int? MaxTokens { get; init; }
    public int? N { get; init; }
    public long? Seed { get; init; }
    public IReadOnlyDictionary<string, int>? LogitBias { get; init; }

    /// <summary>Bans parentheses (the seed's action-marking tokens) so replies are speech only.</summary>
    public bool? SpeechOnly { get; init; }
}

/// <summary>Provider features: realtime information, web search, knowledge bases.</summary>
public sealed record CharacterFeatures
{
    public bool? Realtime { get; init; }
    public bool? WebSearch { get; init; }

    /// <summary>Sent unchanged to the model as <c>search_options</c>; requires <see cref="WebSearch"/>.</summary>
    public JsonElement? SearchOptions { get; init; }

    public IReadOnlyList<string>? KnowledgeBaseIds { get; init; }
}

/// <summary>Provider-side long-term memory.</summary>
public sealed record MemorySettings
{
    public bool? LongTerm { get; init; }
    public int? MemoryEntries { get; init; }
    public IReadOnlyList<string>? SkipSaveTypes { get; init; }
}
