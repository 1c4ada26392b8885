using System.Text;
using System.Text.Json;

namespace CharacterFunctions.Roleplay.Characters.Cards;

/// <summary>
/// Reads a Character Card V2 (<c>chara_card_v2</c>) or V3 (<c>chara_card_v3</c>) JSON into a character
/// definition. Mapping: <c>name</c>; <c>system_prompt</c> (its <c>{{original}}</c> placeholder removed:
/// there is no global prompt here) becomes the system prompt, or <see cref="DefaultSystemPrompt"/>
/// when empty; <c>description</c>/<c>personality</c>/<c>scenario</c> become the persona's identity,
/// personality and scenario (rendered after it); <c>first_mes</c> the opening line;
/// <c>alternate_greetings</c>, <c>post_history_instructions</c> and <c>character_book</c> their own
/// fields. Every other field is kept verbatim in cardData for export. Macros stay as written.
/// </summary>
public static class CardParser
{
    public const string SpecV2 = "chara_card_v2";
    public const string SpecV3 = "chara_card_v3";

    /// <summary>The system prompt of a card that has none: the persona that follows carries the character.</summary>
    public const string DefaultSystemPrompt = "You are {{char}}.";

    internal static readonly HashSet<string> MappedFields =
    [
        "name", "description", "personality", "scenario", "first_mes", "alternate_greetings",
        "system_prompt", "post_history_instructions", "character_book",
    ];

    internal static readonly HashSet<string> MappedBookFields = ["name", "description", "token_budget", "entries"];

    internal static readonly HashSet<string> MappedEntryFields = ["keys", "content", "enabled", "insertion_order", "constant", "name", "comment"];

    // Kept but not worth reporting: bookkeeping with no effect anywhere.
    private static readonly HashSet<string> SilentEntryFields = ["id"];

    public static ImportedCard Parse(ReadOnlySpan<byte> utf8Json)
    {
        if (utf8Json.Length > CardLimits.MaxJsonBytes)
        {
            throw CardProblems.TooLarge($"A card's JSON may be at most {CardLimits.MaxJsonBytes / 1024} KB.");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json.ToArray(), new JsonDocumentOptions { MaxDepth = CardLimits.MaxJsonDepth });
        }
        catch (JsonException)
        {
            // The parser's message may quote the input, so it is not echoed.
            throw CardProblems.Invalid("body", $"Not valid JSON (or nested deeper than {CardLimits.MaxJsonDepth} levels).");
        }
        using (document)
        {
            return Map(document.RootElement);
        }
    }

    public static ImportedCard Parse(string json) => Parse(Encoding.UTF8.GetBytes(json));

    private static ImportedCard Map(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw CardProblems.Invalid("body", "A card is a JSON object.");
        }
        var spec = root.TryGetProperty("spec", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : null;
        var version = root.TryGetProperty("spec_version", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : null;
        var expectedMajor = spec switch
        {
            SpecV2 => "2",
            SpecV3 => "3",
            _ => throw CardProblems.Invalid("spec", $"spec must be '{SpecV2}' or '{SpecV3}' (Character Card V2 or V3)."),
        };
        if (version is null || !(version == expectedMajor || version.StartsWith(expectedMajor + ".", StringComparison.Ordinal)))
        {
            throw CardProblems.Invalid("spec_version", $"spec_version must be {expectedMajor}.x for {spec}.");
        }
        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            throw CardProblems.Invalid("data", "data must be an object holding the card's fields.");
        }

        var unsupported = new List<string>();
        var name = String(data, "name", "data.name");
        if (string.IsNullOrWhiteSpace(name))
        {
            throw CardProblems.Invalid("data.name", "name is required.");
        }
        var systemPrompt = String(data, "system_prompt", "data.system_prompt")?.Replace("{{original}}", "", StringComparison.OrdinalIgnoreCase).Trim();
        var persona = new Persona
        {
            Identity = NullIfBlank(String(data, "description", "data.description")),
            Personality = NullIfBlank(String(data, "personality", "data.personality")),
            Scenario = NullIfBlank(String(data, "scenario", "data.scenario")),
        };
        var definition = new CharacterDefinition
        {
            Name = name.Trim(),
            SystemPrompt = string.IsNullOrWhiteSpace(systemPrompt) ? DefaultSystemPrompt : systemPrompt,
            Persona = persona is { Identity: null, Personality: null, Scenario: null } ? null : persona,
            OpeningLine = NullIfBlank(String(data, "first_mes", "data.first_mes")),
            AlternateGreetings = Strings(data, "alternate_greetings", "data.alternate_greetings"),
            PostHistoryInstructions = NullIfBlank(String(data, "post_history_instructions", "data.post_history_instructions")),
            Lorebook = data.TryGetProperty("character_book", out var book) && book.ValueKind != JsonValueKind.Null
                ? Book(book, unsupported)
                : null,
            CardData = Kept(data, MappedFields, "", unsupported, []),
        };
        return new ImportedCard(definition, spec, unsupported.Distinct(StringComparer.Ordinal).ToList());
    }

    private static Lorebook Book(JsonElement book, List<string> unsupported)
    {
        const string at = "data.character_book";
        if (book.ValueKind != JsonValueKind.Object)
        {
            throw CardProblems.Invalid(at, "character_book must be an object.");
        }
        if (!book.TryGetProperty("entries", out var entries) || entries.ValueKind != JsonValueKind.Array)
        {
            throw CardProblems.Invalid($"{at}.entries", "entries must be an array.");
        }
        if (entries.GetArrayLength() > LorebookRules.MaxEntries)
        {
            throw CardProblems.Invalid($"{at}.entries", $"At most {LorebookRules.MaxEntries} lorebook entries.");
        }
        var list = new List<LorebookEntry>();
        var i = 0;
        foreach (var entry in entries.EnumerateArray())
        {
            list.Add(Entry(entry, $"{at}.entries.{i++}", unsupported));
        }
        return new Lorebook
        {
            Name = NullIfBlank(String(book, "name", $"{at}.name")),
            Description = NullIfBlank(String(book, "description", $"{at}.description")),
            TokenBudget = Int(book, "token_budget", $"{at}.token_budget"),
            Entries = list,
            CardData = Kept(book, MappedBookFields, "character_book.", unsupported, []),
        };
    }

    private static LorebookEntry Entry(JsonElement entry, string at, List<string> unsupported)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw CardProblems.Invalid(at, "A lorebook entry must be an object.");
        }
        return new LorebookEntry
        {
            Keys = Strings(entry, "keys", $"{at}.keys") ?? [],
            Content = String(entry, "content", $"{at}.content") ?? "",
            Enabled = Bool(entry, "enabled", $"{at}.enabled") ?? true,
            InsertionOrder = Int(entry, "insertion_order", $"{at}.insertion_order") ?? 0,
            Constant = Bool(entry, "constant", $"{at}.constant") ?? false,
            Name = NullIfBlank(String(entry, "name", $"{at}.name")),
            Comment = NullIfBlank(String(entry, "comment", $"{at}.comment")),
            CardData = Kept(entry, MappedEntryFields, "character_book.entries[].", unsupported, SilentEntryFields),
        };
    }

    /// <summary>Every field not mapped, cloned; those with a value are reported as unsupported.</summary>
    private static Dictionary<string, JsonElement>? Kept(JsonElement obj, HashSet<string> mapped, string path, List<string> unsupported, HashSet<string> silent)
    {
        Dictionary<string, JsonElement>? kept = null;
        foreach (var property in obj.EnumerateObject())
        {
            if (mapped.Contains(property.Name))
            {
                continue;
            }
            (kept ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal))[property.Name] = property.Value.Clone();
            if (!silent.Contains(property.Name) && HasValue(property.Value))
            {
                unsupported.Add(path + property.Name);
            }
        }
        return kept;
    }

    private static bool HasValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!.Trim().Length > 0,
        JsonValueKind.Array => value.GetArrayLength() > 0,
        JsonValueKind.Object => value.EnumerateObject().Any(),
        JsonValueKind.False or JsonValueKind.Null or JsonValueKind.Undefined => false,
        _ => true,
    };

    private static string? String(JsonElement obj, string name, string at)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw CardProblems.Invalid(at, $"{name} must be a string.");
    }

    private static List<string>? Strings(JsonElement obj, string name, string at)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            throw CardProblems.Invalid(at, $"{name} must be an array of strings.");
        }
        return value.EnumerateArray().Select(e => e.GetString()!).ToList();
    }

    private static bool? Bool(JsonElement obj, string name, string at)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw CardProblems.Invalid(at, $"{name} must be true or false."),
        };
    }

    private static int? Int(JsonElement obj, string name, string at)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        // The spec says "number"; editors write integers, some write 100.0.
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && number % 1 == 0 && number is >= int.MinValue and <= int.MaxValue)
        {
            return (int)number;
        }
        throw CardProblems.Invalid(at, $"{name} must be a whole number.");
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
