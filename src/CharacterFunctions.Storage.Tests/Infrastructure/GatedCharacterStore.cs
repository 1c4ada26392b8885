using CharacterFunctions.Roleplay.Characters;
using CharacterFunctions.Roleplay.Storage;

namespace CharacterFunctions.Storage.Tests.Infrastructure;

/// <summary>A character store that can hold its next read or put after the inner store answered.</summary>
public sealed class GatedCharacterStore(ICharacterStore inner) : ICharacterStore
{
    private Gate? _nextGet;
    private Gate? _nextPut;

    public Gate HoldNextGet() => _nextGet = new Gate();

    public Gate HoldNextPut() => _nextPut = new Gate();

    public async Task<CharacterProfile> PutAsync(CharacterProfile profile, string? ifMatch, CancellationToken ct)
    {
        var gate = Interlocked.Exchange(ref _nextPut, null);
        var stored = await inner.PutAsync(profile, ifMatch, ct);
        if (gate is not null)
        {
            await gate.PassAsync();
        }
        return stored;
    }

    public async Task<CharacterProfile?> GetAsync(string characterId, CancellationToken ct)
    {
        var gate = Interlocked.Exchange(ref _nextGet, null);
        var read = await inner.GetAsync(characterId, ct);
        if (gate is not null)
        {
            await gate.PassAsync();
        }
        return read;
    }

    public Task<IReadOnlyList<CharacterProfile>> ListAsync(CancellationToken ct) => inner.ListAsync(ct);

    public Task<bool> DeleteAsync(string characterId, CancellationToken ct) => inner.DeleteAsync(characterId, ct);
}
