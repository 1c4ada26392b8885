using CharacterFunctions.Roleplay.Characters;
using CharacterFunctions.Roleplay.Storage;

namespace CharacterFunctions.Benchmarks.AzurePath;

/// <summary>
/// A stand-in for the Azure app's in-process profile cache (<c>CachedCharacterStore</c> with
/// <c>Characters__CacheSeconds</c>, built on the caches branch and not merged into this one): a warm
/// instance answers a profile read from memory, a cold one (<see cref="Forget"/>) reads the table. It
/// models only those two counts for the benchmark; it is no cache to ship (no max age, no invalidation
/// but on this instance's own writes). Once that branch is merged, the app's registration replaces it.
/// </summary>
public sealed class CharacterCacheStandIn(ICharacterStore inner) : ICharacterStore
{
    private readonly Dictionary<string, CharacterProfile> _warm = new(StringComparer.Ordinal);

    /// <summary>A cold instance: the next read of every profile goes to the table.</summary>
    public void Forget()
    {
        lock (_warm)
        {
            _warm.Clear();
        }
    }

    public async Task<CharacterProfile?> GetAsync(string characterId, CancellationToken ct)
    {
        lock (_warm)
        {
            if (_warm.TryGetValue(characterId, out var cached))
            {
                return cached;
            }
        }
        var read = await inner.GetAsync(characterId, ct);
        if (read is not null)
        {
            lock (_warm)
            {
                _warm[characterId] = read;
            }
        }
        return read;
    }

    public async Task<CharacterProfile> PutAsync(CharacterProfile profile, string? ifMatch, CancellationToken ct)
    {
        Forget();
        return await inner.PutAsync(profile, ifMatch, ct);
    }

    public Task<IReadOnlyList<CharacterProfile>> ListAsync(CancellationToken ct) => inner.ListAsync(ct);

    public async Task<bool> DeleteAsync(string characterId, CancellationToken ct)
    {
        Forget();
        return await inner.DeleteAsync(characterId, ct);
    }
}
