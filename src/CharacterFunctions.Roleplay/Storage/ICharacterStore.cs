using CharacterFunctions.Roleplay.Characters;

namespace CharacterFunctions.Roleplay.Storage;

/// <summary>Character profiles. Writes assign a fresh <see cref="CharacterProfile.ETag"/>.</summary>
public interface ICharacterStore
{
    /// <summary>Create or replace. With <paramref name="ifMatch"/> set, fails with <see cref="ConcurrencyException"/> when the stored etag differs.</summary>
    Task<CharacterProfile> PutAsync(CharacterProfile profile, string? ifMatch, CancellationToken ct);

    Task<CharacterProfile?> GetAsync(string characterId, CancellationToken ct);

    Task<IReadOnlyList<CharacterProfile>> ListAsync(CancellationToken ct);

    /// <summary>True when something was deleted.</summary>
    Task<bool> DeleteAsync(string characterId, CancellationToken ct);
}
