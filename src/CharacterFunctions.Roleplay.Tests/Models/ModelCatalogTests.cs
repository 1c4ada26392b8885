using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Models;
using CharacterFunctions.Roleplay.Validation;

namespace CharacterFunctions.Roleplay.Tests.Models;

public sealed class ModelCatalogTests
{
    [Theory]
    [InlineData("qwen-plus-character", 32_768, 32_000, 4_096, "0.8", "2")]
    [InlineData("qwen-flash-character", 8_192, 8_000, 4_096, "0.25", "1.5")]
    [InlineData("qwen-plus-character-ja", 8_192, 7_680, 512, "3.67", "10.275")]
    public void Default_DocumentedModel_HasDocumentedLimitsAndPrices(string id, int context, int maxInput, int maxOutput, string input, string output)
    {
        var spec = ModelCatalog.Default.Get(id);

        Assert.Equal((context, maxInput, maxOutput), (spec.ContextWindow, spec.MaxInputTokens, spec.MaxOutputTokens));
        Assert.Equal(decimal.Parse(input, System.Globalization.CultureInfo.InvariantCulture), spec.Price.Input);
        Assert.Equal(decimal.Parse(output, System.Globalization.CultureInfo.InvariantCulture), spec.Price.Output);
        Assert.Equal(spec.Price.Input / 5, spec.Price.CachedInput);
        Assert.Equal("CNY", spec.Price.Currency);
    }

    [Fact]
    public void All_Default_ExactlyTheThreeDocumentedModels()
    {
        Assert.Equal(
            ["qwen-flash-character", "qwen-plus-character", "qwen-plus-character-ja"],
            ModelCatalog.Default.All.Select(s => s.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Get_UnknownModel_ThrowsValidationOnModelField()
    {
        var error = Assert.Throws<RoleplayException>(() => ModelCatalog.Default.Get("gpt-4o"));

        Assert.Equal(ProblemKind.Validation, error.Kind);
        Assert.True(error.Errors!.ContainsKey("model"));
        Assert.False(ModelCatalog.Default.TryGet("gpt-4o", out _));
    }

    [Theory]
    [InlineData("qwen-flash-character-2026-02-26", "qwen-flash-character")]
    [InlineData("qwen-plus-character-ja-2026-01-01", "qwen-plus-character-ja")]
    [InlineData("qwen-plus-character-latest", "qwen-plus-character")]
    public void TryGet_SnapshotOfKnownModel_UsesThatFamilysLimitsUnderItsOwnId(string snapshot, string family)
    {
        Assert.True(ModelCatalog.Default.TryGet(snapshot, out var spec));

        var known = ModelCatalog.Default.Get(family);
        Assert.Equal(known with { Id = snapshot }, spec);
    }

    [Theory]
    [InlineData("qwen-plus-character-")]
    [InlineData("qwen-plus")]
    [InlineData("qwen-plus-characterx")]
    public void TryGet_NotASnapshotOfKnownModel_Unknown(string modelId) =>
        Assert.False(ModelCatalog.Default.TryGet(modelId, out _));

    [Fact]
    public void Constructor_ExtraSpecs_AddNewAndOverrideBuiltIn()
    {
        var dated = new ModelSpec("qwen-flash-character-2026-02-26", 8_192, 8_192, 4_096, ModelCatalog.Price(0.18m, 1.5m));
        var cheaperPlus = ModelCatalog.Default.Get("qwen-plus-character") with { MaxInputTokens = 30_000 };

        var catalog = new ModelCatalog([dated, cheaperPlus]);

        Assert.Equal(dated, catalog.Get(dated.Id));
        Assert.Equal(30_000, catalog.Get("qwen-plus-character").MaxInputTokens);
        Assert.Equal(4, catalog.All.Count);
        Assert.Equal(32_000, ModelCatalog.Default.Get("qwen-plus-character").MaxInputTokens);
    }

    [Fact]
    public void EstimateCost_CachedTokens_BilledAtCachedPrice()
    {
        // plus: 0.8 input, 0.16 cached, 2 output per 1M tokens.
        var usage = new TokenUsage(PromptTokens: 1_000_000, CompletionTokens: 500_000, CachedTokens: 750_000);

        var cost = ModelCatalog.Default.EstimateCost("qwen-plus-character", usage);

        Assert.Equal(0.25m * 0.8m + 0.75m * 0.16m + 0.5m * 2m, cost);
    }

    [Fact]
    public void EstimateCost_NoCache_InputAndOutputAtListPrice()
    {
        var cost = ModelCatalog.Default.EstimateCost("qwen-flash-character", new TokenUsage(2_000, 1_000, 0));

        Assert.Equal((2_000 * 0.25m + 1_000 * 1.5m) / 1_000_000m, cost);
    }

    [Fact]
    public void EstimateCost_CachedAbovePrompt_NeverBillsNegativeInput()
    {
        var cost = ModelCatalog.Default.EstimateCost("qwen-flash-character", new TokenUsage(100, 0, 500));

        Assert.Equal(100 * 0.05m / 1_000_000m, cost);
    }
}
