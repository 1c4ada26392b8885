using CharacterFunctions.Roleplay.Characters;

namespace CharacterFunctions.Api.Responses;

/// <summary>A stored character; <see cref="Etag"/> is also sent as the ETag header for If-Match.</summary>
public sealed record CharacterResponse(
    string Id,
    string Name,
    string Model,
    string SystemPrompt,
    Persona? Persona,
    string? OpeningLine,
    GenerationSettings Generation,
    CharacterFeatures Features,
    MemorySettings Memory,
    string Etag,
    DateTimeOffset UpdatedAt)
{
    public static CharacterResponse From(CharacterProfile profile) => new(
        profile.Id, profile.Name, profile.Model, profile.SystemPrompt, profile.Persona, profile.OpeningLine,
        profile.Generation, profile.Features, profile.Memory, profile.ETag, profile.UpdatedAt);
}
