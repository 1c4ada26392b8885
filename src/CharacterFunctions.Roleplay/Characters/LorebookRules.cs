using System.Text.Json;
using CharacterFunctions.Roleplay.Serialization;
using CharacterFunctions.Roleplay.Validation;

namespace CharacterFunctions.Roleplay.Characters;

/// <summary>
/// The one home of the bounds on a character's lorebook, alternate greetings and kept card fields
/// (called by <see cref="CharacterValidator"/>): everything here is stored with the character and
/// read on every model call, so it stays small enough for one Table Storage entity.
/// </summary>
public static class LorebookRules
{
    public const int MaxEntries = 200;
    public const int MaxKeysPerEntry = 50;
    public const int MaxKeyLength = 100;
    public const int MaxEntryContentLength = 8_000;
    public const int MaxTotalContentLength = 100_000;
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 4_000;
    public const int MinTokenBudget = 1;
    public const int MaxTokenBudget = 4_096;
    public const int DefaultTokenBudget = 1_024;
    public const int MaxAlternateGreetings = 50;

    /// <summary>Serialised size of every kept card field together (characters of JSON).</summary>
    public const int MaxCardDataLength = 128_000;

    public static Lorebook? Validate(Lorebook? book, ValidationErrors errors)
    {
        if (book is null)
        {
            return null;
        }
        if (book.Name is { Length: > MaxNameLength })
        {
            errors.Add("lorebook.name", $"name must be at most {MaxNameLength} characters.");
        }
        if (book.Description is { Length: > MaxDescriptionLength })
        {
            errors.Add("lorebook.description", $"description must be at most {MaxDescriptionLength} characters.");
        }
        if (book.TokenBudget is { } budget && budget is < MinTokenBudget or > MaxTokenBudget)
        {
            errors.Add("lorebook.tokenBudget", $"tokenBudget must be between {MinTokenBudget} and {MaxTokenBudget}.");
        }
        var entries = book.Entries ?? [];
        if (entries.Count > MaxEntries)
        {
            errors.Add("lorebook.entries", $"At most {MaxEntries} entries.");
            return null;
        }
        var normalised = new List<LorebookEntry>(entries.Count);
        var total = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i] is not { } entry)
            {
                errors.Add($"lorebook.entries.{i}", "An entry must be an object.");
                continue;
            }
            normalised.Add(ValidateEntry(entry, $"lorebook.entries.{i}", errors));
            total += entry.Content?.Length ?? 0;
        }
        if (total > MaxTotalContentLength)
        {
            errors.Add("lorebook.entries", $"The entries' content must total at most {MaxTotalContentLength} characters.");
        }
        return book with
        {
            Name = string.IsNullOrWhiteSpace(book.Name) ? null : book.Name,
            Description = string.IsNullOrWhiteSpace(book.Description) ? null : book.Description,
            Entries = normalised,
        };
    }

    public static IReadOnlyList<string> ValidateAlternateGreetings(IReadOnlyList<string>? greetings, ValidationErrors errors)
    {
        if (greetings is null)
        {
            return [];
        }
        if (greetings.Count > MaxAlternateGreetings)
        {
            errors.Add("alternateGreetings", $"At most {MaxAlternateGreetings} alternate greetings.");
        }
        for (var i = 0; i < greetings.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(greetings[i]))
            {
                errors.Add($"alternateGreetings.{i}", "A greeting must be non-empty text.");
            }
            else if (greetings[i].Length > CharacterValidator.MaxOpeningLineLength)
            {
                errors.Add($"alternateGreetings.{i}", $"A greeting must be at most {CharacterValidator.MaxOpeningLineLength} characters.");
            }
        }
        return [.. greetings];
    }

    /// <summary>Kept card fields of the character, its lorebook and its entries, together.</summary>
    public static void ValidateCardData(IReadOnlyDictionary<string, JsonElement>? characterData, Lorebook? book, ValidationErrors errors)
    {
        var total = Length(characterData) + Length(book?.CardData) + (book?.Entries ?? []).Sum(e => Length(e?.CardData));
        if (total > MaxCardDataLength)
        {
            errors.Add("cardData", $"Kept card fields (cardData of the character, lorebook and entries) must total at most {MaxCardDataLength} characters of JSON.");
        }
    }

    private static LorebookEntry ValidateEntry(LorebookEntry entry, string prefix, ValidationErrors errors)
    {
        var keys = entry.Keys ?? [];
        if (keys.Count > MaxKeysPerEntry)
        {
            errors.Add($"{prefix}.keys", $"At most {MaxKeysPerEntry} keys.");
        }
        var trimmed = new List<string>(keys.Count);
        for (var k = 0; k < keys.Count; k++)
        {
            var key = keys[k]?.Trim();
            if (string.IsNullOrEmpty(key))
            {
                errors.Add($"{prefix}.keys.{k}", "A key must be non-empty text.");
            }
            else if (key.Length > MaxKeyLength)
            {
                errors.Add($"{prefix}.keys.{k}", $"A key must be at most {MaxKeyLength} characters.");
            }
            else
            {
                trimmed.Add(key);
            }
        }
        var content = entry.Content ?? "";
        if (content.Length > MaxEntryContentLength)
        {
            errors.Add($"{prefix}.content", $"content must be at most {MaxEntryContentLength} characters.");
        }
        if (entry.Name is { Length: > MaxNameLength })
        {
            errors.Add($"{prefix}.name", $"name must be at most {MaxNameLength} characters.");
        }
        if (entry.Comment is { Length: > MaxDescriptionLength })
        {
            errors.Add($"{prefix}.comment", $"comment must be at most {MaxDescriptionLength} characters.");
        }
        return entry with { Keys = trimmed, Content = content };
    }

    private static int Length(IReadOnlyDictionary<string, JsonElement>? data) =>
        data is null || data.Count == 0 ? 0 : JsonSerializer.Serialize(data, RoleplayJson.Options).Length;
}
