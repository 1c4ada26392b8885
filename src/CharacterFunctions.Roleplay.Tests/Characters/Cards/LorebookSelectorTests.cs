using CharacterFunctions.Roleplay.Characters;
using CharacterFunctions.Roleplay.Prompting;

namespace CharacterFunctions.Roleplay.Tests.Characters.Cards;

public sealed class LorebookSelectorTests
{
    private static LorebookEntry Entry(string content, int order = 0, bool constant = false, bool enabled = true, params string[] keys) =>
        new() { Content = content, InsertionOrder = order, Constant = constant, Enabled = enabled, Keys = keys };

    private static IReadOnlyList<string> Select(Lorebook book, params string[] texts) =>
        LorebookSelector.Select(book, texts, e => e.Content.Length).Select(e => e.Content).ToList();

    [Theory]
    [InlineData("A DRAGON lands.", true)]
    [InlineData("dragon!", true)]
    [InlineData("(dragon)", true)]
    [InlineData("Two dragons land.", false)]
    [InlineData("snapdragon", false)]
    [InlineData("dragon_fly", false)]
    [InlineData("no such beast", false)]
    public void ContainsWord_EnglishKey_CaseInsensitiveWholeWordsOnly(string text, bool expected)
    {
        Assert.Equal(expected, LorebookSelector.ContainsWord(text, "dragon"));
    }

    [Theory]
    [InlineData("Shadow  wolves", "shadow wolves", false)]
    [InlineData("the shadow wolves come", "shadow wolves", true)]
    [InlineData("我今天去了江让的学校", "江让", true)]
    [InlineData("キャプテンが来た", "キャプテン", true)]
    [InlineData("c++ is fun", "c++", true)]
    public void ContainsWord_PhrasesCjkAndSymbols_MatchAsExpected(string text, string key, bool expected)
    {
        Assert.Equal(expected, LorebookSelector.ContainsWord(text, key));
    }

    [Fact]
    public void Select_ConstantDisabledAndTriggered_OnlyEnabledConstantOrTriggeredInInsertionOrder()
    {
        var book = new Lorebook
        {
            TokenBudget = 1000,
            Entries =
            [
                Entry("wolves", order: 20, keys: "wolf"),
                Entry("glade", order: 10, keys: "glade"),
                Entry("forest", order: 5, constant: true),
                Entry("river", order: 1, enabled: false, keys: "river"),
                Entry("   ", order: 0, constant: true),
                Entry("sky", order: 2, keys: "sky"),
            ],
        };

        Assert.Equal(["forest", "glade", "wolves"], Select(book, "A wolf near the river", "The glade is dark."));
    }

    [Fact]
    public void Select_EqualInsertionOrder_KeepsBookOrder()
    {
        var book = new Lorebook { Entries = [Entry("b", constant: true), Entry("a", constant: true)] };

        Assert.Equal(["b", "a"], Select(book, "anything"));
    }

    [Fact]
    public void Select_OverBudget_SkipsWhatDoesNotFitAndKeepsSmallerLaterEntries()
    {
        var book = new Lorebook
        {
            TokenBudget = 10,
            Entries = [Entry("12345", order: 1, constant: true), Entry("123456789", order: 2, constant: true), Entry("1234", order: 3, constant: true)],
        };

        // 5 fits, 5 + 9 does not, 5 + 4 does.
        Assert.Equal(["12345", "1234"], Select(book, "x"));
    }

    [Fact]
    public void Select_NoBudgetGiven_UsesTheDefault()
    {
        var book = new Lorebook
        {
            Entries = [Entry(new string('a', LorebookRules.DefaultTokenBudget), constant: true), Entry("b", constant: true)],
        };

        Assert.Equal([new string('a', LorebookRules.DefaultTokenBudget)], Select(book, "x"));
    }

    [Fact]
    public void Select_NoBook_Nothing()
    {
        Assert.Empty(LorebookSelector.Select(null, ["dragon"], _ => 1));
    }
}
