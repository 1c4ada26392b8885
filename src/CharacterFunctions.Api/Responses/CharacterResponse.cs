using System.Text.Json;
using CharacterFunctions.Roleplay.Characters;

namespace CharacterFunctions.Api.Responses;

/// <summary>A stored character; <see cref="Etag"/> is also sent as the ETag header for If-Match.</summary>
/// <remarks>Not sealed: the card import response is a character response plus what the card had that is not used.</remarks>
public record CharacterResponse(
    string Id,
    string Name,
    string Model,
    string SystemPrompt,
    Persona? Persona,
    string? OpeningLine,
    IReadOnlyList<string> AlternateGreetings,
    string? PostHistoryInstructions,
    Lorebook? Lorebook,
    IReadOnlyDictionary<string, JsonElement>? CardData,
    GenerationSettings Generation,
    CharacterFeatures Features,
    MemorySettings Memory,
    string Etag,
    DateTimeOffset UpdatedAt)
{
    public static CharacterResponse From(CharacterProfile profile) => new(
        profile.Id, profile.Name, profile.Model, profile.SystemPrompt, profile.Persona, profile.OpeningLine,
        profile.AlternateGreetings, profile.PostHistoryInstructions, profile.Lorebook, profile.CardData,
        profile.Generation, profile.Features, profile.Memory, profile.ETag, profile.UpdatedAt);
}
