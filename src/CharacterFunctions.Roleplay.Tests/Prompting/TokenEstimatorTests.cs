using CharacterFunctions.Roleplay.ModelApi;
using CharacterFunctions.Roleplay.Prompting;

namespace CharacterFunctions.Roleplay.Tests.Prompting;

public sealed class TokenEstimatorTests
{
    private const string Model = "qwen-plus-character";

    [Fact]
    public void Estimate_ChineseText_AtLeastOneTokenPerCharacter()
    {
        const string text = "今天的天气真好，我们去下围棋吧！";

        Assert.True(new TokenEstimator().Estimate(Model, text) >= text.Length);
    }

    [Fact]
    public void Estimate_FullwidthForms_CountedLikeCjk()
    {
        Assert.Equal(3, new TokenEstimator().Estimate(Model, "ＡＢＣ"));
    }

    [Fact]
    public void Estimate_AsciiText_OneTokenPerThreeCharactersRoundedUp()
    {
        var estimator = new TokenEstimator();

        Assert.Equal(4, estimator.Estimate(Model, "I'm reading."));
        Assert.Equal(0, estimator.Estimate(Model, ""));
    }

    [Fact]
    public void Estimate_EnglishSeedSystemPrompt_OverestimatesProviderCount()
    {
        // Seed 002, first round: the provider counted 134 prompt tokens for this request.
        var messages = new[]
        {
            ChatMessage.System("You are Jiang Rang, a male Go prodigy who has won many awards. You are currently a high school heartthrob, and the user is your class monitor. You first noticed the user working at a milk tea shop and became curious, eventually developing feelings for them.\n\nYour personality:\n\nEnthusiastic, smart, and mischievous\n\nYour style:\n\nWitty and decisive\n\nYour language style:\n\nHumorous and loves to joke\n\nYou can use parentheses () to describe actions, expressions, tones, thoughts, and background stories to provide additional context for the conversation."),
            ChatMessage.Assistant("Class monitor, what are you up to?"),
            ChatMessage.User("I'm reading a book."),
        };

        Assert.True(new TokenEstimator().EstimateMessages(Model, messages) > 134);
    }

    [Fact]
    public void EstimateMessages_AddsPerMessageAndRequestOverhead()
    {
        var estimator = new TokenEstimator();
        var messages = new[] { ChatMessage.User("abc"), ChatMessage.Assistant("abcdef") };

        Assert.Equal(TokenEstimator.RequestOverhead + 2 * TokenEstimator.MessageOverhead + 1 + 2, estimator.EstimateMessages(Model, messages));
    }

    [Fact]
    public void Observe_ProviderCountsLower_EstimatesMoveTowardReportedButStayAbove()
    {
        var estimator = new TokenEstimator();
        var messages = new[] { ChatMessage.User(string.Concat(Enumerable.Repeat("calibrate me please ", 60))) };
        var before = estimator.EstimateMessages(Model, messages);
        var reported = before * 8 / 10;

        for (var i = 0; i < 30; i++)
        {
            estimator.Observe(Model, estimator.EstimateMessages(Model, messages), reported);
        }
        var after = estimator.EstimateMessages(Model, messages);

        Assert.InRange(after, reported, before - 1);
        Assert.True(after - reported < before - reported, "moved toward the reported count");
        Assert.InRange(after, reported, (int)Math.Ceiling(reported * TokenEstimator.SafetyMargin) + 1);
    }

    [Fact]
    public void Observe_ProviderCountsHigher_EstimatesIncrease()
    {
        var estimator = new TokenEstimator();
        const string text = "a b c d e f g h i j k l m n o p q r s t u v w x y z";
        var before = estimator.Estimate(Model, text);

        estimator.Observe(Model, before, before * 3 / 2);

        Assert.True(estimator.Estimate(Model, text) > before * 3 / 2);
    }

    [Theory]
    [InlineData(300, TokenEstimator.MinFactor)]
    [InlineData(3_900, TokenEstimator.MaxFactor)]
    public void Observe_ExtremeRatio_FactorClamped(long reported, double expectedFactor)
    {
        var estimator = new TokenEstimator();

        estimator.Observe(Model, 1000, reported);

        Assert.Equal(expectedFactor, estimator.Factor(Model));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(100_000)]
    public void Observe_ImplausibleCounts_IgnoredFactorUnchanged(long reported)
    {
        var estimator = new TokenEstimator();

        // A fake or gateway that answers every request with the same tiny or huge usage is not a tokenizer.
        for (var i = 0; i < 20; i++)
        {
            estimator.Observe(Model, 1000, reported);
        }

        Assert.Equal(1.0, estimator.Factor(Model));
    }

    [Fact]
    public void Observe_ProviderCountsFarBelowEstimate_NeverFewerTokensThanAsciiCharactersOverFour()
    {
        var estimator = new TokenEstimator();
        var text = string.Concat(Enumerable.Repeat("word ", 2000));

        for (var i = 0; i < 50; i++)
        {
            estimator.Observe(Model, estimator.Scale(Model, 1000), 300);
        }

        Assert.True(estimator.Estimate(Model, text) >= text.Length / 4, "calibration cannot undercut chars/4");
    }

    [Fact]
    public void Observe_OneModel_OtherModelsUnaffected()
    {
        var estimator = new TokenEstimator();

        estimator.Observe(Model, 1000, 500);

        Assert.NotEqual(1.0, estimator.Factor(Model));
        Assert.Equal(1.0, estimator.Factor("qwen-flash-character"));
    }

    [Fact]
    public void Observe_InvalidCounts_Ignored()
    {
        var estimator = new TokenEstimator();

        estimator.Observe(Model, 0, 100);
        estimator.Observe(Model, 100, 0);

        Assert.Equal(1.0, estimator.Factor(Model));
    }

    [Fact]
    public void Observe_ConcurrentObservationsOfOneRatio_ConvergeToThatRatioWithMargin()
    {
        var estimator = new TokenEstimator();

        // Every caller reports 80% of the raw estimate; whatever the interleaving, the average is 0.8.
        Parallel.For(0, 2000, _ =>
        {
            var estimated = estimator.Scale(Model, 1000);
            estimator.Observe(Model, estimated, 800);
        });

        Assert.InRange(estimator.Factor(Model), 0.8 * TokenEstimator.SafetyMargin - 0.01, 0.8 * TokenEstimator.SafetyMargin + 0.01);
    }
}
