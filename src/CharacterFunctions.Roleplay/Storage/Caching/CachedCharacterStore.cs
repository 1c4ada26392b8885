using CharacterFunctions.Roleplay.Characters;

namespace CharacterFunctions.Roleplay.Storage.Caching;

/// <summary>
/// Character profiles served from memory: every turn loads its session's characters. Put caches the stored
/// profile; a put that throws (an etag mismatch, or anything else) and every delete drop the entry. Where
/// other instances also write the store, the cache has a max age, which bounds how stale a profile can be.
/// Lists pass through. Profiles are immutable records, so handing out the cached instance is safe.
/// </summary>
public sealed class CachedCharacterStore(ICharacterStore inner, StampedCache<string, CharacterProfile> profiles) : ICharacterStore
{
    public async Task<CharacterProfile> PutAsync(CharacterProfile profile, string? ifMatch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var stamp = profiles.Begin();
        CharacterProfile stored;
        try
        {
            stored = await inner.PutAsync(profile, ifMatch, ct);
        }
        catch
        {
            profiles.Invalidate(profile.Id);
            throw;
        }
        profiles.Stored(stored.Id, stored, stamp);
        return stored;
    }

    public Task<CharacterProfile?> GetAsync(string characterId, CancellationToken ct) =>
        profiles.ReadThroughAsync(characterId, () => inner.GetAsync(characterId, ct));

    public Task<IReadOnlyList<CharacterProfile>> ListAsync(CancellationToken ct) => inner.ListAsync(ct);

    public async Task<bool> DeleteAsync(string characterId, CancellationToken ct)
    {
        try
        {
            return await inner.DeleteAsync(characterId, ct);
        }
        finally
        {
            // After the delete, so a read in flight during it cannot refill the old profile.
            profiles.Invalidate(characterId);
        }
    }
}
