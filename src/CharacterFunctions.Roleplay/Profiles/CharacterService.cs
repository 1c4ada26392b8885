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
        var condition = Condition(ifMatch, definition!.Etag);
        try
        {
            var stored = await store.PutAsync(validated.Value! with { UpdatedAt = time.GetUtcNow() }, condition, ct);
            logger.LogInformation("Character {CharacterId} stored with etag {ETag}", stored.Id, stored.ETag);
            return stored;
        }
        catch (ConcurrencyException)
        {
            throw new RoleplayException(ProblemKind.PreconditionFailed, "The character changed.",
                $"Character '{characterId}' has changed since the etag sent (If-Match, or the body's etag); read it again and retry.");
        }
    }

    /// <summary>
    /// The etag the replace is conditional on (null: unconditional). The If-Match header wins (<c>*</c> means any
    /// version); without it, the <c>etag</c> of a body read from GET and sent back, so an edit based on an old read
    /// cannot silently overwrite a newer one.
    /// </summary>
    private static string? Condition(string? ifMatch, string? bodyEtag)
    {
        if (ifMatch == "*")
        {
            return null;
        }
        if (ifMatch is not null && !string.IsNullOrEmpty(bodyEtag) && !string.Equals(ifMatch, bodyEtag, StringComparison.Ordinal))
        {
            throw RoleplayException.Invalid("etag", "etag in the body differs from the If-Match header; send one of them.");
        }
        return ifMatch ?? (string.IsNullOrEmpty(bodyEtag) ? null : bodyEtag);
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
