using CharacterFunctions.Roleplay.Characters;
using CharacterFunctions.Roleplay.Models;

namespace CharacterFunctions.Roleplay.Tests.Characters;

public sealed class CharacterValidatorTests
{
    private static readonly CharacterValidator Validator = new(ModelCatalog.Default, new ModelOptions());

    private static readonly CharacterDefinition Valid = new()
    {
        Name = "Jiang Rang",
        SystemPrompt = "You are Jiang Rang, a male Go prodigy ...",
    };

    private static GenerationDefinition Gen => new();

    private static System.Text.Json.JsonElement Json(string json) => System.Text.Json.JsonDocument.Parse(json).RootElement;

    /// <summary>One broken rule per row: the definition, and the error key it must produce.</summary>
    public static TheoryData<string, CharacterDefinition, string> BrokenRules => new()
    {
        { "name missing", Valid with { Name = null }, "name" },
        { "name blank", Valid with { Name = "   " }, "name" },
        { "name too long", Valid with { Name = new string('n', 101) }, "name" },
        { "name multi-line", Valid with { Name = "Jiang\nRang" }, "name" },
        { "system prompt missing", Valid with { SystemPrompt = null }, "systemPrompt" },
        { "system prompt blank", Valid with { SystemPrompt = " \n " }, "systemPrompt" },
        { "system prompt too long", Valid with { SystemPrompt = new string('s', 20_001) }, "systemPrompt" },
        { "unknown model", Valid with { Model = "gpt-4o" }, "model" },
        { "opening line too long", Valid with { OpeningLine = new string('o', 4_001) }, "openingLine" },
        { "persona field too long", Valid with { Persona = new Persona { Background = new string('b', 4_001) } }, "persona.background" },
        { "temperature negative", Valid with { Generation = Gen with { Temperature = -0.1 } }, "generation.temperature" },
        { "temperature two", Valid with { Generation = Gen with { Temperature = 2.0 } }, "generation.temperature" },
        { "temperature NaN", Valid with { Generation = Gen with { Temperature = double.NaN } }, "generation.temperature" },
        { "topP zero", Valid with { Generation = Gen with { TopP = 0 } }, "generation.topP" },
        { "topP above one", Valid with { Generation = Gen with { TopP = 1.01 } }, "generation.topP" },
        { "maxTokens zero", Valid with { Generation = Gen with { MaxTokens = 0 } }, "generation.maxTokens" },
        { "maxTokens above plus output (seeds 001/004: 4,000)", Valid with { Generation = Gen with { MaxTokens = 4_001 } }, "generation.maxTokens" },
        { "model not offered in Beijing", Valid with { Model = "qwen-plus-character-ja" }, "model" },
        { "n zero", Valid with { Generation = Gen with { N = 0 } }, "generation.n" },
        { "n five", Valid with { Generation = Gen with { N = 5 } }, "generation.n" },
        { "seed negative", Valid with { Generation = Gen with { Seed = -1 } }, "generation.seed" },
        { "seed above 2^31-1", Valid with { Generation = Gen with { Seed = 2_147_483_648 } }, "generation.seed" },
        { "logit bias key not a number", Valid with { Generation = Gen with { LogitBias = new() { ["abc"] = -100 } } }, "generation.logitBias.abc" },
        { "logit bias key negative", Valid with { Generation = Gen with { LogitBias = new() { ["-7"] = -100 } } }, "generation.logitBias.-7" },
        { "logit bias below -100", Valid with { Generation = Gen with { LogitBias = new() { ["7"] = -101 } } }, "generation.logitBias.7" },
        { "logit bias above 100", Valid with { Generation = Gen with { LogitBias = new() { ["7"] = 101 } } }, "generation.logitBias.7" },
        { "logit bias too many", Valid with { Generation = Gen with { LogitBias = Enumerable.Range(0, 301).ToDictionary(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture), _ => 1) } }, "generation.logitBias" },
        { "memory entries 19", Valid with { Memory = new MemoryDefinition { MemoryEntries = 19 } }, "memory.memoryEntries" },
        { "memory entries 401", Valid with { Memory = new MemoryDefinition { MemoryEntries = 401 } }, "memory.memoryEntries" },
        { "skip save type unknown", Valid with { Memory = new MemoryDefinition { SkipSaveTypes = ["system", "tool"] } }, "memory.skipSaveTypes.1" },
        { "knowledge base id empty", Valid with { Features = new FeaturesDefinition { KnowledgeBaseIds = ["kb", ""] } }, "features.knowledgeBaseIds.1" },
        { "too many knowledge bases", Valid with { Features = new FeaturesDefinition { KnowledgeBaseIds = [.. Enumerable.Range(0, 11).Select(i => $"kb-{i}")] } }, "features.knowledgeBaseIds" },
        { "speechOnly ban plus own biases above 300", Valid with { Generation = Gen with { SpeechOnly = true, LogitBias = Enumerable.Range(100_000, 250).ToDictionary(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture), _ => 1) } }, "generation.logitBias" },
        { "search options without web search", Valid with { Features = new FeaturesDefinition { SearchOptions = Json("""{ "forced_search": true }""") } }, "features.searchOptions" },
        { "search options not an object", Valid with { Features = new FeaturesDefinition { WebSearch = true, SearchOptions = Json("[1]") } }, "features.searchOptions" },
        { "search options too long", Valid with { Features = new FeaturesDefinition { WebSearch = true, SearchOptions = Json($$"""{ "x": "{{new string('x', 2_000)}}" }""") } }, "features.searchOptions" },
    };

    [Theory]
    [MemberData(nameof(BrokenRules))]
    public void Validate_BrokenRule_ErrorKeyedByJsonPath(string rule, CharacterDefinition definition, string expectedKey)
    {
        var result = Validator.Validate("jiang-rang", definition);

        Assert.False(result.IsValid, rule);
        Assert.Null(result.Value);
        Assert.Equal([expectedKey], result.Errors.Keys);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Jiang-Rang")]
    [InlineData("jiang_rang")]
    [InlineData("jiang rang")]
    [InlineData("a1234567890123456789012345678901234567890123456789012345678901234")]
    public void Validate_BadCharacterId_ErrorOnCharacterId(string id)
    {
        var result = Validator.Validate(id, Valid);

        Assert.Equal(["characterId"], result.Errors.Keys);
    }

    [Fact]
    public void Validate_NoBody_ErrorOnBody()
    {
        var result = Validator.Validate("jiang-rang", null);

        Assert.Equal(["body"], result.Errors.Keys);
    }

    [Fact]
    public void Validate_SeveralBrokenRules_AllReported()
    {
        var result = Validator.Validate("jiang-rang", new CharacterDefinition { Generation = new GenerationDefinition { N = 9 } });

        Assert.Equal(["generation.n", "name", "systemPrompt"], result.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_MinimalDefinition_DefaultsApplied()
    {
        var result = Validator.Validate("jiang-rang", Valid);

        Assert.True(result.IsValid);
        var profile = result.Value!;
        Assert.Equal("qwen-plus-character", profile.Model);
        Assert.Equal(Valid.SystemPrompt, profile.SystemPrompt);
        Assert.False(profile.Memory.LongTerm);
        Assert.Equal(200, profile.Memory.MemoryEntries);
        Assert.Equal(["system"], profile.Memory.SkipSaveTypes);
        Assert.Empty(profile.Generation.LogitBias);
        Assert.Empty(profile.Features.KnowledgeBaseIds);
        Assert.Null(profile.OpeningLine);
    }

    [Fact]
    public void Validate_ConfiguredDefaultModel_UsedWhenModelOmitted()
    {
        var validator = new CharacterValidator(ModelCatalog.Default, new ModelOptions { DefaultModel = "qwen-flash-character" });

        Assert.Equal("qwen-flash-character", validator.Validate("jiang-rang", Valid).Value!.Model);
    }

    [Fact]
    public void Validate_FullContractExample_Accepted()
    {
        var definition = new CharacterDefinition
        {
            Name = " Jiang Rang ",
            Model = "qwen-plus-character",
            SystemPrompt = "You are Jiang Rang, a male Go prodigy ...\n",
            OpeningLine = "Class monitor, what are you up to?",
            Generation = new GenerationDefinition { Temperature = 0.9, TopP = 0.8, MaxTokens = 512, N = 4, Seed = 2_147_483_647, LogitBias = new() { ["7"] = -100, ["0"] = 100 } },
            Features = new FeaturesDefinition { Realtime = true, WebSearch = true, KnowledgeBaseIds = ["kb-1"] },
            Memory = new MemoryDefinition { LongTerm = true, MemoryEntries = 400, SkipSaveTypes = ["system", "output"] },
        };

        var result = Validator.Validate("jiang-rang", definition);

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Keys));
        var profile = result.Value!;
        Assert.Equal("Jiang Rang", profile.Name);
        Assert.Equal("You are Jiang Rang, a male Go prodigy ...\n", profile.SystemPrompt);
        Assert.Equal(-100, profile.Generation.LogitBias["7"]);
        Assert.True(profile.Features.Realtime && profile.Features.WebSearch);
        Assert.Equal(["system", "output"], profile.Memory.SkipSaveTypes);
        Assert.Equal(400, profile.Memory.MemoryEntries);
    }

    [Theory]
    [InlineData(0.0, 1.0, 1, 1, 0L)]
    [InlineData(1.999, 0.001, 4000, 4, 2_147_483_647L)]
    public void Validate_BoundaryValues_Accepted(double temperature, double topP, int maxTokens, int n, long seed)
    {
        var definition = Valid with
        {
            Generation = new GenerationDefinition { Temperature = temperature, TopP = topP, MaxTokens = maxTokens, N = n, Seed = seed },
            Memory = new MemoryDefinition { MemoryEntries = 20, SkipSaveTypes = [] },
        };

        Assert.True(Validator.Validate("a", definition).IsValid);
    }

    [Fact]
    public void Validate_SeedMaxKnowledgeBases_Accepted()
    {
        var definition = Valid with { Features = new FeaturesDefinition { KnowledgeBaseIds = [.. Enumerable.Range(0, 10).Select(i => $"kb-{i}")] } };

        Assert.True(Validator.Validate("a", definition).IsValid);
    }

    [Fact]
    public void Validate_ModelNotOfferedInRegion_MessageNamesRegionAndItsModels()
    {
        var result = Validator.Validate("a", Valid with { Model = "qwen-plus-character-ja" });

        Assert.Equal(
            ["Model 'qwen-plus-character-ja' is not offered in the Beijing (Chinese mainland) region. Models offered there: qwen-flash-character, qwen-flash-character-2026-02-26, qwen-plus-character."],
            result.Errors["model"]);
    }

    [Fact]
    public void Validate_JapaneseModelInInternationalRegion_AcceptedAndMaxTokensBoundedBy512()
    {
        var options = new ModelOptions { Region = ModelRegion.International };
        var validator = new CharacterValidator(new ModelCatalog(options), options);

        Assert.True(validator.Validate("a", Valid with { Model = "qwen-plus-character-ja", Generation = Gen with { MaxTokens = 512 } }).IsValid);
        Assert.Equal(["generation.maxTokens"], validator.Validate("a", Valid with { Model = "qwen-plus-character-ja", Generation = Gen with { MaxTokens = 513 } }).Errors.Keys);
    }

    [Fact]
    public void Validate_JapaneseModelBehindGateway_Accepted()
    {
        var options = new ModelOptions { BaseUrl = "https://gateway.example/v1" };
        var validator = new CharacterValidator(new ModelCatalog(options), options);

        Assert.True(validator.Validate("a", Valid with { Model = "qwen-plus-character-ja" }).IsValid);
    }

    [Fact]
    public void Validate_WebSearchWithSearchOptions_KeptVerbatim()
    {
        const string raw = """{ "forced_search": true, "search_strategy": "max" }""";
        var definition = Valid with { Features = new FeaturesDefinition { WebSearch = true, SearchOptions = Json(raw) } };

        var profile = Validator.Validate("a", definition).Value!;

        Assert.Equal(raw, profile.Features.SearchOptions!.Value.GetRawText());
    }

    [Fact]
    public void Validate_SpeechOnly_CarriedAndOffByDefault()
    {
        Assert.False(Validator.Validate("a", Valid).Value!.Generation.SpeechOnly);
        Assert.True(Validator.Validate("a", Valid with { Generation = Gen with { SpeechOnly = true } }).Value!.Generation.SpeechOnly);
    }
}

public sealed class CharacterValidatorCardFieldsTests
{
    private static readonly CharacterValidator Validator = new(ModelCatalog.Default, new ModelOptions());

    private static readonly CharacterDefinition Valid = new() { Name = "Seraphina", SystemPrompt = "You are {{char}}." };

    private static Lorebook Book(params LorebookEntry[] entries) => new() { Entries = entries };

    public static TheoryData<string, CharacterDefinition, string> BrokenRules => new()
    {
        { "too many greetings", Valid with { AlternateGreetings = [.. Enumerable.Repeat("Hi", LorebookRules.MaxAlternateGreetings + 1)] }, "alternateGreetings" },
        { "blank greeting", Valid with { AlternateGreetings = ["Hi", " "] }, "alternateGreetings.1" },
        { "greeting too long", Valid with { AlternateGreetings = [new string('g', CharacterValidator.MaxOpeningLineLength + 1)] }, "alternateGreetings.0" },
        { "instructions too long", Valid with { PostHistoryInstructions = new string('p', CharacterValidator.MaxPostHistoryInstructionsLength + 1) }, "postHistoryInstructions" },
        { "budget zero", Valid with { Lorebook = Book() with { TokenBudget = 0 } }, "lorebook.tokenBudget" },
        { "budget too big", Valid with { Lorebook = Book() with { TokenBudget = LorebookRules.MaxTokenBudget + 1 } }, "lorebook.tokenBudget" },
        { "too many entries", Valid with { Lorebook = Book([.. Enumerable.Repeat(new LorebookEntry { Content = "c" }, LorebookRules.MaxEntries + 1)]) }, "lorebook.entries" },
        { "blank key", Valid with { Lorebook = Book(new LorebookEntry { Keys = ["ok", " "], Content = "c" }) }, "lorebook.entries.0.keys.1" },
        { "key too long", Valid with { Lorebook = Book(new LorebookEntry { Keys = [new string('k', LorebookRules.MaxKeyLength + 1)], Content = "c" }) }, "lorebook.entries.0.keys.0" },
        { "content too long", Valid with { Lorebook = Book(new LorebookEntry { Content = new string('c', LorebookRules.MaxEntryContentLength + 1) }) }, "lorebook.entries.0.content" },
        { "total content too long", Valid with { Lorebook = Book([.. Enumerable.Repeat(new LorebookEntry { Content = new string('c', LorebookRules.MaxEntryContentLength) }, LorebookRules.MaxTotalContentLength / LorebookRules.MaxEntryContentLength + 1)]) }, "lorebook.entries" },
        { "kept card data too big", Valid with { CardData = new() { ["creator_notes"] = System.Text.Json.JsonSerializer.SerializeToElement(new string('n', LorebookRules.MaxCardDataLength)) } }, "cardData" },
    };

    [Theory]
    [MemberData(nameof(BrokenRules))]
    public void Validate_BrokenCardFieldRule_ErrorKeyedByField(string why, CharacterDefinition definition, string field)
    {
        var result = Validator.Validate("seraphina", definition);

        Assert.False(result.IsValid, why);
        Assert.True(result.Errors.ContainsKey(field), $"{why}: {string.Join(", ", result.Errors.Keys)}");
    }

    [Fact]
    public void Validate_Lorebook_KeysTrimmedAndDefaultsKept()
    {
        var result = Validator.Validate("seraphina", Valid with
        {
            Lorebook = Book(new LorebookEntry { Keys = ["  wolf "], Content = "c" }),
            AlternateGreetings = ["Hello there."],
            PostHistoryInstructions = "  ",
        });

        var entry = Assert.Single(result.Value!.Lorebook!.Entries);
        Assert.Equal(["wolf"], entry.Keys);
        Assert.True(entry.Enabled);
        Assert.False(entry.Constant);
        Assert.Equal(["Hello there."], result.Value.AlternateGreetings);
        Assert.Null(result.Value.PostHistoryInstructions);
    }
}
