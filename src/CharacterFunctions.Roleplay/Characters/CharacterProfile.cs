using System.Text.Json;

namespace CharacterFunctions.Roleplay.Characters;

/// <summary>A stored, validated character: what PUT /api/characters/{id} produces.</summary>
public sealed record CharacterProfile
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Model { get; init; }

    /// <summary>The operator's system prompt, kept verbatim.</summary>
    public required string SystemPrompt { get; init; }

    /// <summary>Optional structured persona, rendered after <see cref="SystemPrompt"/>.</summary>
    public Persona? Persona { get; init; }

    public string? OpeningLine { get; init; }

    /// <summary>Other openings a session may pick instead of <see cref="OpeningLine"/>.</summary>
    public IReadOnlyList<string> AlternateGreetings { get; init; } = [];

    /// <summary>Supplementary system message sent before the last user message on every call.</summary>
    public string? PostHistoryInstructions { get; init; }

    public Lorebook? Lorebook { get; init; }

    /// <summary>Card fields this product does not use, kept for card export.</summary>
    public IReadOnlyDictionary<string, JsonElement>? CardData { get; init; }
    public GenerationSettings Generation { get; init; } = new();
    public CharacterFeatures Features { get; init; } = new();
    public MemorySettings Memory { get; init; } = new();

    /// <summary>Opaque version, changes on every write.</summary>
    public string ETag { get; init; } = "";
    public DateTimeOffset UpdatedAt { get; init; }
}
