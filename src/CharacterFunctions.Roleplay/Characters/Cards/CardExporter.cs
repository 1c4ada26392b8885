using System.Text.Json;
using System.Text.Json.Nodes;
using CharacterFunctions.Roleplay.Serialization;

namespace CharacterFunctions.Roleplay.Characters.Cards;

/// <summary>
/// A character as a Character Card V3 (and the same data as V2 for the PNG's <c>chara</c> chunk):
/// the inverse of <see cref="CardParser"/>, with the kept cardData fields put back, so an imported
/// card exports with everything it came with. Macros stay unresolved: the card is for other apps.
/// </summary>
public static class CardExporter
{
    public static JsonObject ToV3(CharacterProfile profile) => Card(CardParser.SpecV3, "3.0", profile);

    public static JsonObject ToV2(CharacterProfile profile) => Card(CardParser.SpecV2, "2.0", profile);

    private static JsonObject Card(string spec, string version, CharacterProfile profile) => new()
    {
        ["spec"] = spec,
        ["spec_version"] = version,
        ["data"] = Data(profile),
    };

    private static JsonObject Data(CharacterProfile profile)
    {
        var persona = profile.Persona;
        // Fields every V3 card has, defaulted, then overwritten by what was kept and what is mapped.
        var data = new JsonObject
        {
            ["name"] = profile.Name,
            ["description"] = Description(persona),
            ["personality"] = persona?.Personality ?? "",
            ["scenario"] = persona?.Scenario ?? "",
            ["first_mes"] = profile.OpeningLine ?? "",
            ["mes_example"] = "",
            ["creator_notes"] = "",
            ["system_prompt"] = profile.SystemPrompt == CardParser.DefaultSystemPrompt ? "" : profile.SystemPrompt,
            ["post_history_instructions"] = profile.PostHistoryInstructions ?? "",
            ["alternate_greetings"] = new JsonArray([.. profile.AlternateGreetings.Select(g => (JsonNode?)g)]),
            ["tags"] = new JsonArray(),
            ["creator"] = "",
            ["character_version"] = "",
            ["extensions"] = new JsonObject(),
            ["group_only_greetings"] = new JsonArray(),
        };
        PutBack(data, profile.CardData, CardParser.MappedFields);
        if (profile.Lorebook is { } book)
        {
            data["character_book"] = Book(book);
        }
        return data;
    }

    /// <summary>
    /// A card's description is the persona's identity; a persona written here with more parts
    /// (background, speaking style...) exports them rendered, so nothing is lost.
    /// </summary>
    private static string Description(Persona? persona)
    {
        if (persona is null)
        {
            return "";
        }
        var rest = persona with { Identity = null, Personality = null, Scenario = null };
        var renderedRest = PersonaRenderer.Render(rest);
        if (renderedRest.Length == 0)
        {
            return persona.Identity ?? "";
        }
        return PersonaRenderer.Render(persona with { Personality = null, Scenario = null });
    }

    private static JsonObject Book(Lorebook book)
    {
        var node = new JsonObject { ["extensions"] = new JsonObject() };
        PutBack(node, book.CardData, CardParser.MappedBookFields);
        if (book.Name is not null)
        {
            node["name"] = book.Name;
        }
        if (book.Description is not null)
        {
            node["description"] = book.Description;
        }
        if (book.TokenBudget is { } budget)
        {
            node["token_budget"] = budget;
        }
        node["entries"] = new JsonArray([.. book.Entries.Select((e, i) => (JsonNode?)Entry(e, i))]);
        return node;
    }

    private static JsonObject Entry(LorebookEntry entry, int index)
    {
        var node = new JsonObject
        {
            ["keys"] = new JsonArray([.. entry.Keys.Select(k => (JsonNode?)k)]),
            ["content"] = entry.Content,
            ["extensions"] = new JsonObject(),
            ["enabled"] = entry.Enabled,
            ["insertion_order"] = entry.InsertionOrder,
            ["use_regex"] = false,
            ["constant"] = entry.Constant,
            ["id"] = index,
        };
        PutBack(node, entry.CardData, CardParser.MappedEntryFields);
        if (entry.Name is not null)
        {
            node["name"] = entry.Name;
        }
        if (entry.Comment is not null)
        {
            node["comment"] = entry.Comment;
        }
        return node;
    }

    // A kept field never overrides a mapped one: the character's own fields are the truth.
    private static void PutBack(JsonObject target, IReadOnlyDictionary<string, JsonElement>? kept, HashSet<string> mapped)
    {
        foreach (var (name, value) in kept ?? new Dictionary<string, JsonElement>())
        {
            if (!mapped.Contains(name))
            {
                target[name] = JsonSerializer.SerializeToNode(value, RoleplayJson.Options);
            }
        }
    }
}
