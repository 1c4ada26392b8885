namespace CharacterFunctions.Client.Models;

/// <summary>
/// A character as sent to PUT /api/characters/{id}. Only <see cref="Name"/> and <see cref="SystemPrompt"/>
/// are required; the server validates the rest and answers a 400 problem naming each bad field.
/// </summary>
public sealed record CharacterDefinition(string Name, string SystemPrompt)
{
    public string? Model { get; init; }
    public Persona? Persona { get; init; }
    public string? OpeningLine { get; init; }
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
    DateTimeOffset UpdatedAt);

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
}

/// <summary>Provider features: realtime information, web search, knowledge bases.</summary>
public sealed record CharacterFeatures
{
    public bool? Realtime { get; init; }
    public bool? WebSearch { get; init; }
    public IReadOnlyList<string>? KnowledgeBaseIds { get; init; }
}

/// <summary>Provider-side long-term memory.</summary>
public sealed record MemorySettings
{
    public bool? LongTerm { get; init; }
    public int? MemoryEntries { get; init; }
    public IReadOnlyList<string>? SkipSaveTypes { get; init; }
}
