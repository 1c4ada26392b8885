using System.Text.Json;

namespace CharacterFunctions.Roleplay.Characters;

/// <summary>
/// The body of PUT /api/characters/{id} exactly as a client sends it (everything optional so that
/// validation, not deserialisation, reports what is missing). <see cref="CharacterValidator"/> turns
/// it into a <see cref="CharacterProfile"/>.
/// </summary>
public sealed record CharacterDefinition
{
    public string? Name { get; init; }
    public string? Model { get; init; }
    public string? SystemPrompt { get; init; }
    public Persona? Persona { get; init; }
    public string? OpeningLine { get; init; }

    /// <summary>Other openings a session may start with (a card's alternate_greetings).</summary>
    public List<string>? AlternateGreetings { get; init; }

    /// <summary>Sent on every call as a supplementary system message before the last user message.</summary>
    public string? PostHistoryInstructions { get; init; }

    public Lorebook? Lorebook { get; init; }

    /// <summary>Card fields this product does not use, kept verbatim for export (snake_case, as in the card).</summary>
    public Dictionary<string, JsonElement>? CardData { get; init; }

    public GenerationDefinition? Generation { get; init; }
    public FeaturesDefinition? Features { get; init; }
    public MemoryDefinition? Memory { get; init; }

    // Read-only fields of the character response, accepted so that a GET body can be edited and PUT back
    // as it is (the strict reader would otherwise refuse them as unknown). None of them is stored.

    /// <summary>If present, must equal the route's id: a body copied from another character is refused.</summary>
    public string? Id { get; init; }

    /// <summary>If present and no If-Match header is sent, the replace is conditional on it (no lost update).</summary>
    public string? Etag { get; init; }

    /// <summary>Ignored: the store stamps the time of the write.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }
}

public sealed record GenerationDefinition
{
    public double? Temperature { get; init; }
    public double? TopP { get; init; }
    public int? MaxTokens { get; init; }
    public int? N { get; init; }
    public long? Seed { get; init; }
    public Dictionary<string, int>? LogitBias { get; init; }
    public bool? SpeechOnly { get; init; }
}

public sealed record FeaturesDefinition
{
    public bool? Realtime { get; init; }
    public bool? WebSearch { get; init; }

    /// <summary>Sent verbatim as <c>search_options</c> with web search (seed 002 names the object, not its fields).</summary>
    public JsonElement? SearchOptions { get; init; }

    public List<string>? KnowledgeBaseIds { get; init; }
}

public sealed record MemoryDefinition
{
    public bool? LongTerm { get; init; }
    public int? MemoryEntries { get; init; }
    public List<string>? SkipSaveTypes { get; init; }
}
