using CharacterFunctions.Roleplay.Characters;
using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Roleplay.Validation;
using Microsoft.Extensions.Logging;

namespace CharacterFunctions.Roleplay.Profiles;

/// <summary>Operator use cases on character profiles.</summary>
public sealed class CharacterService(ICharacterStore store, CharacterValidator validator, TimeProvider time, ILogger<CharacterService> logger)
{
    /// <summary>Create or replace; throws RoleplayException (Validation / PreconditionFailed).</summary>
    public async Task<CharacterProfile> PutAsync(string characterId, CharacterDefinition? definition, string? ifMatch, CancellationToken ct)
    {
        var validated = validator.Validate(characterId, definition);
        if (!validated.IsValid)
        {
            throw RoleplayException.Invalid(validated.Errors);
        }
        try
        {
            var stored = await store.PutAsync(validated.Value! with { UpdatedAt = time.GetUtcNow() }, ifMatch, ct);
            logger.LogInformation("Character {CharacterId} stored with etag {ETag}", stored.Id, stored.ETag);
            return stored;
        }
        catch (ConcurrencyException)
        {
            throw new RoleplayException(ProblemKind.PreconditionFailed, "The character changed.",
                $"Character '{characterId}' does not match the If-Match etag; read it again and retry.");
        }
    }

    public async Task<CharacterProfile> GetAsync(string characterId, CancellationToken ct) =>
        await store.GetAsync(characterId, ct) ?? throw RoleplayException.NotFound($"Character '{characterId}'");

    public Task<IReadOnlyList<CharacterProfile>> ListAsync(CancellationToken ct) => store.ListAsync(ct);

    public async Task DeleteAsync(string characterId, CancellationToken ct)
    {
        if (!await store.DeleteAsync(characterId, ct))
        {
            throw RoleplayException.NotFound($"Character '{characterId}'");
        }
        logger.LogInformation("Character {CharacterId} deleted", characterId);
    }
}
