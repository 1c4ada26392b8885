using CharacterFunctions.Roleplay.Characters;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Models;
using CharacterFunctions.Roleplay.Security;
using CharacterFunctions.Roleplay.Turns;
using CharacterFunctions.Roleplay.Validation;

namespace CharacterFunctions.Roleplay.Tests.Characters;

public sealed class SamplingRulesTests
{
    private static readonly ModelSpec Plus = ModelCatalog.Default.Get("qwen-plus-character");

    private static readonly CharacterProfile Speaker = new()
    {
        Id = "jiang-rang",
        Name = "Jiang Rang",
        Model = Plus.Id,
        SystemPrompt = "You are Jiang Rang.",
        Generation = new GenerationSettings { LogitBias = Enumerable.Range(0, 300).ToDictionary(i => $"{i}", _ => -1) },
    };

    [Fact]
    public void Validate_TurnOptionsBreakingEveryRule_KeyedUnderOptions()
    {
        var errors = new ValidationErrors();
        var options = new TurnOptions { N = 5, Seed = -1, Temperature = 2, TopP = 0, MaxTokens = 5000, LogitBias = new() { ["x"] = 0 } };

        SamplingRules.Validate("options", options, Speaker with { Generation = new() }, Plus, errors);

        Assert.Equal(
            ["options.logitBias.x", "options.maxTokens", "options.n", "options.seed", "options.temperature", "options.topP"],
            errors.ToDictionary().Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_TurnBiasPushesMergedAbove300_ErrorOnOptionsLogitBias()
    {
        var errors = new ValidationErrors();

        SamplingRules.Validate("options", new TurnOptions { LogitBias = new() { ["999"] = -100 } }, Speaker, Plus, errors);

        Assert.Equal(["options.logitBias"], errors.ToDictionary().Keys);
    }

    [Fact]
    public void Validate_TurnBiasOverridesExistingToken_MergedCountUnchangedAndValid()
    {
        var errors = new ValidationErrors();

        SamplingRules.Validate("options", new TurnOptions { LogitBias = new() { ["7"] = 50 } }, Speaker, Plus, errors);

        Assert.True(errors.IsEmpty);
    }

    [Fact]
    public void Validate_TurnSpeechOnlyPushesMergedAbove300_ErrorOnOptionsLogitBias()
    {
        var errors = new ValidationErrors();

        // The speaker's 300 biases cover ids 0..299: the ban's 7, 8 overlap, its other 61 ids do not.
        SamplingRules.Validate("options", new TurnOptions { SpeechOnly = true }, Speaker, Plus, errors);

        Assert.Equal(["options.logitBias"], errors.ToDictionary().Keys);
    }

    [Fact]
    public void Validate_MaxTokensAbovePlusOutput4000_Error()
    {
        var errors = new ValidationErrors();

        SamplingRules.Validate("options", new TurnOptions { MaxTokens = 4_001 }, Speaker with { Generation = new() }, Plus, errors);

        Assert.Equal(["options.maxTokens"], errors.ToDictionary().Keys);
        Assert.Contains("at most 4000 for qwen-plus-character", errors.ToDictionary()["options.maxTokens"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void MergeLogitBias_SameToken_TurnWins()
    {
        var merged = SamplingRules.MergeLogitBias(
            new Dictionary<string, int> { ["7"] = -100, ["8"] = -100 },
            new Dictionary<string, int> { ["8"] = 20, ["9"] = 5 });

        Assert.Equal([new("7", -100), new("8", 20), new KeyValuePair<string, int>("9", 5)], merged);
    }
}
