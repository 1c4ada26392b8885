using System.Text;
using CharacterFunctions.Roleplay.Characters;
using CharacterFunctions.Roleplay.Characters.Cards;
using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Roleplay.Validation;
using Microsoft.Extensions.Logging;

namespace CharacterFunctions.Roleplay.Profiles;

/// <summary>The outcome of a card import: the stored character, whether it is new, and what the card had that is not used.</summary>
public sealed record CardImportResult(CharacterProfile Character, bool Created, string Spec, IReadOnlyList<string> UnsupportedFields);

/// <summary>
/// Importing Character Card V2/V3 (JSON or PNG) as characters. The card is parsed and validated in
/// full before anything is written, so a rejected card changes nothing. Importing onto an existing
/// id replaces the card's fields and keeps the character's model, generation, features and memory.
/// </summary>
public sealed class CardService(ICharacterStore store, CharacterService characters, ILogger<CardService> logger)
{
    /// <summary>How many "-2", "-3"... suffixes are tried when the name's slug is taken.</summary>
    public const int MaxSlugSuffix = 100;

    /// <summary>Card field names for the character fields validation reports on.</summary>
    private static readonly (string Field, string CardField)[] CardFieldNames =
    [
        ("name", "data.name"), ("systemPrompt", "data.system_prompt"), ("persona.identity", "data.description"),
        ("persona.personality", "data.personality"), ("persona.scenario", "data.scenario"), ("openingLine", "data.first_mes"),
        ("alternateGreetings", "data.alternate_greetings"), ("postHistoryInstructions", "data.post_history_instructions"),
        ("lorebook.tokenBudget", "data.character_book.token_budget"), ("lorebook", "data.character_book"), ("cardData", "data"),
    ];

    public async Task<CardImportResult> ImportAsync(ReadOnlyMemory<byte> body, bool png, string? characterId, CancellationToken ct)
    {
        if (characterId is not null && !CharacterValidator.IsValidId(characterId))
        {
            throw RoleplayException.Invalid("id", "id must be 1-64 characters of a-z, 0-9 and '-'.");
        }
        var card = png
            ? CardParser.Parse(PngCardReader.ReadCardJson(body.Span))
            : CardParser.Parse(body.Span);

        var existing = characterId is null ? null : await store.GetAsync(characterId, ct);
        var id = characterId ?? await FreeSlugAsync(card.Definition.Name!, ct);
        var definition = existing is null ? card.Definition : KeepSettings(card.Definition, existing);

        CharacterProfile stored;
        try
        {
            stored = await characters.PutAsync(id, definition, null, ct);
        }
        catch (RoleplayException e) when (e.Kind == ProblemKind.Validation && e.Errors is not null)
        {
            throw new RoleplayException(ProblemKind.Validation, "The character card is not valid.",
                "See errors for the card fields (snake_case, as in the card) that break a limit.", RenameToCardFields(e.Errors));
        }
        logger.LogInformation("Character {CharacterId} imported from a {Spec} card ({Format}), {Unsupported} unsupported fields kept",
            stored.Id, card.Spec, png ? "png" : "json", card.UnsupportedFields.Count);
        return new CardImportResult(stored, existing is null, card.Spec, card.UnsupportedFields);
    }

    /// <summary>A character id from a name: lower-case a-z0-9 runs joined by '-', "character" when nothing is left.</summary>
    public static string Slug(string name)
    {
        var slug = new StringBuilder();
        foreach (var c in name.ToLowerInvariant())
        {
            if (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }
        var text = slug.ToString().Trim('-');
        // Room for a "-100" suffix within the 64-character id limit.
        text = text.Length > 59 ? text[..59].TrimEnd('-') : text;
        return text.Length == 0 ? "character" : text;
    }

    private async Task<string> FreeSlugAsync(string name, CancellationToken ct)
    {
        var slug = Slug(name);
        if (await store.GetAsync(slug, ct) is null)
        {
            return slug;
        }
        for (var n = 2; n <= MaxSlugSuffix; n++)
        {
            var candidate = $"{slug}-{n}";
            if (await store.GetAsync(candidate, ct) is null)
            {
                return candidate;
            }
        }
        throw new RoleplayException(ProblemKind.Conflict, "No free character id.",
            $"Ids '{slug}' to '{slug}-{MaxSlugSuffix}' are taken; pass ?id= to choose one.");
    }

    private static CharacterDefinition KeepSettings(CharacterDefinition card, CharacterProfile existing) => card with
    {
        Model = existing.Model,
        Generation = new GenerationDefinition
        {
            Temperature = existing.Generation.Temperature,
            TopP = existing.Generation.TopP,
            MaxTokens = existing.Generation.MaxTokens,
            N = existing.Generation.N,
            Seed = existing.Generation.Seed,
            LogitBias = new Dictionary<string, int>(existing.Generation.LogitBias, StringComparer.Ordinal),
        },
        Features = new FeaturesDefinition
        {
            Realtime = existing.Features.Realtime,
            WebSearch = existing.Features.WebSearch,
            KnowledgeBaseIds = [.. existing.Features.KnowledgeBaseIds],
        },
        Memory = new MemoryDefinition
        {
            LongTerm = existing.Memory.LongTerm,
            MemoryEntries = existing.Memory.MemoryEntries,
            SkipSaveTypes = [.. existing.Memory.SkipSaveTypes],
        },
    };

    private static Dictionary<string, string[]> RenameToCardFields(IReadOnlyDictionary<string, string[]> errors)
    {
        var renamed = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (field, messages) in errors)
        {
            var match = CardFieldNames.FirstOrDefault(n => field == n.Field || field.StartsWith(n.Field + ".", StringComparison.Ordinal));
            var key = match.Field is null ? field : match.CardField + field[match.Field.Length..];
            renamed[key] = [.. renamed.GetValueOrDefault(key, []), .. messages];
        }
        return renamed;
    }
}
