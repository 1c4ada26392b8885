using System.Text;
using System.Text.Json.Nodes;
using CharacterFunctions.Roleplay.Characters.Cards;
using CharacterFunctions.Roleplay.Validation;
using static CharacterFunctions.Roleplay.Tests.Characters.Cards.CardFixtures;

namespace CharacterFunctions.Roleplay.Tests.Characters.Cards;

public sealed class CardParserTests
{
    [Fact]
    public void Parse_V2Card_MapsPersonaOpeningGreetingsAndInstructions()
    {
        var card = CardParser.Parse(Bytes("v2-card.json"));

        var d = card.Definition;
        Assert.Equal(CardParser.SpecV2, card.Spec);
        Assert.Equal("Seraphina", d.Name);
        Assert.Equal("Write {{char}}'s next reply in a fictional chat with {{user}}.", d.SystemPrompt);
        Assert.Equal("{{char}} is a forest guardian with pink hair who protects travellers.", d.Persona!.Identity);
        Assert.Equal("Gentle, protective, curious", d.Persona.Personality);
        Assert.Equal("{{user}} wakes up in {{char}}'s glade after being attacked by shadow wolves.", d.Persona.Scenario);
        Assert.Equal("*Seraphina kneels beside you.* You are safe now, {{user}}.", d.OpeningLine);
        Assert.Equal(["*The glade is quiet.* Oh, you're awake, {{user}}.", "Travellers rarely find this place."], d.AlternateGreetings!);
        Assert.Equal("Stay in character as {{char}}.", d.PostHistoryInstructions);
    }

    [Fact]
    public void Parse_CharacterBook_MapsEntriesAndKeepsTheRest()
    {
        var book = CardParser.Parse(Bytes("v2-card.json")).Definition.Lorebook!;

        Assert.Equal("Eldoria", book.Name);
        Assert.Equal(512, book.TokenBudget);
        Assert.Equal(4, book.Entries.Count);
        var wolves = book.Entries[0];
        Assert.Equal(["shadow wolves", "wolf"], wolves.Keys);
        Assert.Equal(20, wolves.InsertionOrder);
        Assert.True(wolves.Enabled);
        Assert.False(wolves.Constant);
        Assert.Equal("Shadow wolves", wolves.Name);
        Assert.Equal("enemies", wolves.Comment);
        Assert.Equal(["night"], wolves.CardData!["secondary_keys"].EnumerateArray().Select(e => e.GetString()));
        Assert.True(book.Entries[2].Constant);
        Assert.False(book.Entries[3].Enabled);
        Assert.Equal(4, book.CardData!["scan_depth"].GetInt32());
    }

    [Fact]
    public void Parse_V2Card_ReportsFieldsWithAValueThatPromptsDoNotUse()
    {
        var card = CardParser.Parse(Bytes("v2-card.json"));

        Assert.Equal(
            [
                "mes_example", "creator_notes", "tags", "creator", "character_version", "extensions",
                "character_book.scan_depth",
                "character_book.entries[].priority", "character_book.entries[].selective",
                "character_book.entries[].secondary_keys", "character_book.entries[].position",
            ],
            card.UnsupportedFields.OrderBy(f => f.StartsWith("character_book", StringComparison.Ordinal))
                .ThenBy(f => f.StartsWith("character_book.entries", StringComparison.Ordinal)).ToList());
        // Kept even when empty or false, so the export is the card that came in.
        Assert.True(card.Definition.Lorebook!.Entries[0].CardData!.ContainsKey("case_sensitive"));
    }

    [Fact]
    public void Parse_V3Card_KeepsV3OnlyFields()
    {
        var card = CardParser.Parse(Bytes("v3-card.json"));

        Assert.Equal(CardParser.SpecV3, card.Spec);
        Assert.Equal(CardParser.DefaultSystemPrompt, card.Definition.SystemPrompt);
        Assert.Null(card.Definition.PostHistoryInstructions);
        foreach (var field in new[] { "group_only_greetings", "nickname", "creator_notes_multilingual", "source", "creation_date", "assets" })
        {
            Assert.Contains(field, card.UnsupportedFields);
            Assert.True(card.Definition.CardData!.ContainsKey(field), field);
        }
        Assert.DoesNotContain("mes_example", card.UnsupportedFields);
    }

    public static TheoryData<string, string, string> WrongCards => new()
    {
        { "no spec", """{ "name": "V1 card", "description": "old" }""", "spec" },
        { "other spec", """{ "spec": "chara_card_v1", "spec_version": "1.0", "data": { "name": "x" } }""", "spec" },
        { "v2 with v3 version", """{ "spec": "chara_card_v2", "spec_version": "3.0", "data": { "name": "x" } }""", "spec_version" },
        { "no data", """{ "spec": "chara_card_v3", "spec_version": "3.0" }""", "data" },
        { "no name", """{ "spec": "chara_card_v3", "spec_version": "3.0", "data": { "description": "x" } }""", "data.name" },
        { "name not a string", """{ "spec": "chara_card_v2", "spec_version": "2.0", "data": { "name": 42 } }""", "data.name" },
        { "greetings not strings", """{ "spec": "chara_card_v2", "spec_version": "2.0", "data": { "name": "x", "alternate_greetings": [1] } }""", "data.alternate_greetings" },
        { "entries not an array", """{ "spec": "chara_card_v2", "spec_version": "2.0", "data": { "name": "x", "character_book": { "entries": {} } } }""", "data.character_book.entries" },
        { "fractional order", """{ "spec": "chara_card_v2", "spec_version": "2.0", "data": { "name": "x", "character_book": { "entries": [ { "keys": [], "content": "c", "insertion_order": 1.5 } ] } } }""", "data.character_book.entries.0.insertion_order" },
        { "not json", """{ "spec": "chara_card_v2", """, "body" },
        { "array", """[1, 2]""", "body" },
    };

    [Theory]
    [MemberData(nameof(WrongCards))]
    public void Parse_MalformedOrWrongSpec_ValidationProblemNamingTheField(string why, string json, string field)
    {
        var problem = Assert.Throws<RoleplayException>(() => CardParser.Parse(json));

        Assert.Equal(ProblemKind.Validation, problem.Kind);
        Assert.True(problem.Errors!.ContainsKey(field), $"{why}: {string.Join(", ", problem.Errors.Keys)}");
    }

    [Fact]
    public void Parse_NestedDeeperThanTheLimit_ValidationProblem()
    {
        var depth = CardLimits.MaxJsonDepth + 1;
        var json = """{ "spec": "chara_card_v2", "spec_version": "2.0", "data": { "name": "x", "extensions": """
            + string.Concat(Enumerable.Repeat("[", depth)) + string.Concat(Enumerable.Repeat("]", depth)) + " } }";

        var problem = Assert.Throws<RoleplayException>(() => CardParser.Parse(json));

        Assert.Equal(ProblemKind.Validation, problem.Kind);
    }

    [Fact]
    public void Parse_JsonOverTheLimit_PayloadTooLarge()
    {
        var filler = new string('x', CardLimits.MaxJsonBytes);
        var json = $$"""{ "spec": "chara_card_v2", "spec_version": "2.0", "data": { "name": "x", "creator_notes": "{{filler}}" } }""";

        var problem = Assert.Throws<RoleplayException>(() => CardParser.Parse(Encoding.UTF8.GetBytes(json)));

        Assert.Equal(ProblemKind.PayloadTooLarge, problem.Kind);
    }

    [Fact]
    public void ExportToV3_ImportedV3Card_SameDataAsTheCard()
    {
        var original = Json("v3-card.json");
        var profile = Profile(CardParser.Parse(Bytes("v3-card.json")));

        var exported = CardExporter.ToV3(profile);

        Assert.Equal("chara_card_v3", exported["spec"]!.GetValue<string>());
        Assert.Equal("3.0", exported["spec_version"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(original["data"], exported["data"]),
            $"Expected:\n{original["data"]!.ToJsonString()}\nActual:\n{exported["data"]!.ToJsonString()}");
    }

    [Fact]
    public void ExportToV2_ImportedV2Card_KeepsSystemPromptInstructionsAndUnusedFields()
    {
        var original = Json("v2-card.json")["data"]!;
        var profile = Profile(CardParser.Parse(Bytes("v2-card.json")));

        var data = CardExporter.ToV2(profile)["data"]!;

        Assert.Equal("chara_card_v2", CardExporter.ToV2(profile)["spec"]!.GetValue<string>());
        foreach (var field in new[] { "name", "description", "personality", "scenario", "first_mes", "mes_example", "creator_notes",
                     "post_history_instructions", "alternate_greetings", "tags", "creator", "character_version", "extensions" })
        {
            Assert.True(JsonNode.DeepEquals(original[field], data[field]), field);
        }
        // {{original}} has no meaning here and is dropped on import.
        Assert.Equal("Write {{char}}'s next reply in a fictional chat with {{user}}.", data["system_prompt"]!.GetValue<string>());
        var wolves = data["character_book"]!["entries"]![0]!.AsObject();
        // V3 requires use_regex on every entry; V2 readers ignore it.
        Assert.False(wolves["use_regex"]!.GetValue<bool>());
        wolves.Remove("use_regex");
        Assert.True(JsonNode.DeepEquals(original["character_book"]!["entries"]![0], wolves), wolves.ToJsonString());
    }

    [Fact]
    public void ExportToV3_CharacterWrittenWithAFullPersona_DescriptionCarriesTheOtherParts()
    {
        var profile = Validator.Validate("jiang-rang", new()
        {
            Name = "Jiang Rang",
            SystemPrompt = "You are Jiang Rang.",
            Persona = new() { Identity = "A Go prodigy.", Background = "Won many awards.", Personality = "Playful" },
        }).Value!;

        var data = CardExporter.ToV3(profile)["data"]!;

        Assert.Equal("Your identity:\n\nA Go prodigy.\n\nYour background:\n\nWon many awards.", data["description"]!.GetValue<string>());
        Assert.Equal("Playful", data["personality"]!.GetValue<string>());
        Assert.Equal("You are Jiang Rang.", data["system_prompt"]!.GetValue<string>());
        Assert.Empty(data["group_only_greetings"]!.AsArray());
    }
}
