using CharacterFunctions.Roleplay.Characters;

namespace CharacterFunctions.Roleplay.Services;

/// <summary>Operator use cases on character profiles.</summary>
public sealed class CharacterService
{
    /// <summary>Create or replace; throws RoleplayException (Validation / PreconditionFailed).</summary>
    public Task<CharacterProfile> PutAsync(string characterId, CharacterDefinition? definition, string? ifMatch, CancellationToken ct) => throw new NotImplementedException($"#3 {characterId}{definition}{ifMatch}{ct}");
    public Task<CharacterProfile> GetAsync(string characterId, CancellationToken ct) => throw new NotImplementedException($"#3 {characterId}{ct}");
    public Task<IReadOnlyList<CharacterProfile>> ListAsync(CancellationToken ct) => throw new NotImplementedException($"#3 {ct}");
    public Task DeleteAsync(string characterId, CancellationToken ct) => throw new NotImplementedException($"#3 {characterId}{ct}");
}
