using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Models;
using CharacterFunctions.Roleplay.Validation;

namespace CharacterFunctions.Roleplay.Tests.Models;

public sealed class ModelCatalogTests
{
    private static readonly ModelCatalog InternationalUsd = new(new ModelOptions { Region = ModelRegion.International });
    private static readonly ModelCatalog SingaporeCny = new(new ModelOptions { Region = ModelRegion.Singapore, WorkspaceId = "ws", Currency = "cny" });

    private static decimal D(string value) => decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("qwen-plus-character", 32_768, 30_000, 4_000, "0.8", "2")]
    [InlineData("qwen-flash-character", 8_192, 8_000, 4_096, "0.25", "1.5")]
    [InlineData("qwen-flash-character-2026-02-26", 8_192, 8_192, 4_096, "0.18", "1.5")]
    public void Default_BeijingModel_HasStricterSeedLimitsAndMainlandCnyPrices(string id, int context, int maxInput, int maxOutput, string input, string output)
    {
        var spec = ModelCatalog.Default.Get(id);

        Assert.Equal((context, maxInput, maxOutput), (spec.ContextWindow, spec.MaxInputTokens, spec.MaxOutputTokens));
        Assert.Equal(new ModelPrice(D(input), D(output), D(input) / 5, "CNY"), spec.Price);
    }

    [Theory]
    [InlineData("qwen-plus-character", "0.5", "1.4")]
    [InlineData("qwen-flash-character", "0.05", "0.4")]
    [InlineData("qwen-plus-character-ja", "0.5", "1.4")]
    public void International_DefaultCurrency_Seed004UsdPrices(string id, string input, string output)
    {
        Assert.Equal(new ModelPrice(D(input), D(output), D(input) / 5, "USD"), InternationalUsd.Get(id).Price);
        Assert.Equal("USD", InternationalUsd.Currency);
    }

    [Theory]
    [InlineData("qwen-plus-character", "3.747", "10.492")]
    [InlineData("qwen-flash-character", "0.375", "2.998")]
    [InlineData("qwen-plus-character-ja", "3.67", "10.275")]
    public void Singapore_CurrencyCny_Seed002InternationalPrices(string id, string input, string output)
    {
        Assert.Equal(new ModelPrice(D(input), D(output), D(input) / 5, "CNY"), SingaporeCny.Get(id).Price);
        Assert.Equal("International (Singapore)", SingaporeCny.Region);
    }

    [Fact]
    public void Offered_PerRegion_ModelsOfThatRegionsSeedList()
    {
        Assert.Equal(["qwen-flash-character", "qwen-flash-character-2026-02-26", "qwen-plus-character"], ModelCatalog.Default.Offered);
        Assert.Equal(["qwen-flash-character", "qwen-plus-character", "qwen-plus-character-ja"], InternationalUsd.Offered);
        Assert.Equal(InternationalUsd.Offered, SingaporeCny.Offered);
    }

    [Fact]
    public void TryGet_JapaneseModelInBeijing_NotOfferedWithRegionInMessage()
    {
        var error = Assert.Throws<RoleplayException>(() => ModelCatalog.Default.Get("qwen-plus-character-ja"));

        Assert.Equal(ProblemKind.Validation, error.Kind);
        Assert.Contains("not offered in the Beijing (Chinese mainland) region", error.Errors!["model"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void TryGet_DatedFlashSnapshotInInternational_NotResolvedThroughFlashFamily()
    {
        Assert.False(InternationalUsd.TryGet("qwen-flash-character-2026-02-26", out _));
    }

    [Fact]
    public void Get_UnknownModel_ThrowsValidationOnModelField()
    {
        var error = Assert.Throws<RoleplayException>(() => ModelCatalog.Default.Get("gpt-4o"));

        Assert.Equal(ProblemKind.Validation, error.Kind);
        Assert.Equal(
            ["Unknown model 'gpt-4o'. Models offered in the Beijing (Chinese mainland) region: qwen-flash-character, qwen-flash-character-2026-02-26, qwen-plus-character."],
            error.Errors!["model"]);
        Assert.False(ModelCatalog.Default.TryGet("gpt-4o", out _));
    }

    [Theory]
    [InlineData("qwen-flash-character-2026-09-01", "qwen-flash-character")]
    [InlineData("qwen-flash-character-2026-02-26-preview", "qwen-flash-character-2026-02-26")]
    [InlineData("qwen-plus-character-latest", "qwen-plus-character")]
    public void TryGet_UnlistedSnapshotOfOfferedModel_UsesThatFamilysLimitsUnderItsOwnId(string snapshot, string family)
    {
        Assert.True(ModelCatalog.Default.TryGet(snapshot, out var spec));

        var known = ModelCatalog.Default.Get(family);
        Assert.Equal(known with { Id = snapshot }, spec);
    }

    [Theory]
    [InlineData("qwen-plus-character-")]
    [InlineData("qwen-plus")]
    [InlineData("qwen-plus-characterx")]
    [InlineData("qwen-plus-character-ja-2026-01-01")]
    public void TryGet_NotASnapshotOfOfferedModel_Unknown(string modelId) =>
        Assert.False(ModelCatalog.Default.TryGet(modelId, out _));

    [Fact]
    public void Constructor_Gateway_EveryModelPricedInCurrencyFromItsRegionsList()
    {
        var gateway = new ModelCatalog(new ModelOptions { BaseUrl = "http://localhost:9/v1" });

        Assert.True(gateway.IsGateway);
        Assert.Equal(0.8m, gateway.Get("qwen-plus-character").Price.Input);
        Assert.Equal(new ModelPrice(3.67m, 10.275m, 3.67m / 5, "CNY"), gateway.Get("qwen-plus-character-ja").Price);
    }

    [Fact]
    public void Constructor_ExtraSpecs_AddNewAndOverrideBuiltIn()
    {
        var custom = new ModelSpec("qwen-plus-character-2026-05-01", 32_768, 30_000, 4_000, ModelPrice.Of(0.7m, 1.8m, "CNY"));
        var widerPlus = ModelCatalog.Default.Get("qwen-plus-character") with { MaxInputTokens = 32_000 };

        var catalog = new ModelCatalog(new ModelOptions(), [custom, widerPlus]);

        Assert.Equal(custom, catalog.Get(custom.Id));
        Assert.Equal(32_000, catalog.Get("qwen-plus-character").MaxInputTokens);
        Assert.Equal(4, catalog.All.Count);
        Assert.Equal(30_000, ModelCatalog.Default.Get("qwen-plus-character").MaxInputTokens);
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
    public void EstimateCost_DatedSnapshot_ItsOwnInputPrice()
    {
        var cost = ModelCatalog.Default.EstimateCost("qwen-flash-character-2026-02-26", new TokenUsage(1_000_000, 0, 0));

        Assert.Equal(0.18m, cost);
    }

    [Fact]
    public void EstimateCost_InternationalRegion_UsdListPrice()
    {
        var cost = InternationalUsd.EstimateCost("qwen-plus-character", new TokenUsage(1_000_000, 1_000_000, 0));

        Assert.Equal(0.5m + 1.4m, cost);
    }

    [Fact]
    public void EstimateCost_CachedAbovePrompt_NeverBillsNegativeInput()
    {
        var cost = ModelCatalog.Default.EstimateCost("qwen-flash-character", new TokenUsage(100, 0, 500));

        Assert.Equal(100 * 0.05m / 1_000_000m, cost);
    }
}
