using CharacterFunctions.Roleplay.Characters;
using CharacterFunctions.Roleplay.Storage;

namespace CharacterFunctions.Roleplay.Tests.Services.Fakes;

internal sealed class InMemoryCharacterStore : ICharacterStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, CharacterProfile> _profiles = new(StringComparer.Ordinal);
    private int _etag;

    public Task<CharacterProfile> PutAsync(CharacterProfile profile, string? ifMatch, CancellationToken ct)
    {
        lock (_gate)
        {
            if (ifMatch is not null && (!_profiles.TryGetValue(profile.Id, out var current) || current.ETag != ifMatch))
            {
                throw new ConcurrencyException("etag");
            }
            var stored = profile with { ETag = $"e{++_etag}" };
            _profiles[profile.Id] = stored;
            return Task.FromResult(stored);
        }
    }

    public Task<CharacterProfile?> GetAsync(string characterId, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult(_profiles.GetValueOrDefault(characterId));
        }
    }

    public Task<IReadOnlyList<CharacterProfile>> ListAsync(CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<CharacterProfile>>(_profiles.Values.OrderBy(p => p.Id, StringComparer.Ordinal).ToList());
        }
    }

    public Task<bool> DeleteAsync(string characterId, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult(_profiles.Remove(characterId));
        }
    }
}
