using CharacterFunctions.Roleplay.Speech;

namespace CharacterFunctions.Roleplay.Tests.Speech;

public sealed class ActionSpansTests
{
    [Fact]
    public void Split_IssueExample_SpeechWithoutActionsAndActionsInOrder()
    {
        var split = ReplySpeech.Of("(waves) Hi there! *smiles warmly* Welcome back.");

        Assert.Equal("Hi there! Welcome back.", split.Speech);
        Assert.Equal(["waves", "smiles warmly"], split.Actions);
    }

    [Fact]
    public void Split_Seed001ParenthesesReply_ActionRemoved()
    {
        var split = ActionSpans.Split("Oh? So serious. (Walks over to you and curiously peeks at your book) What are you so engrossed in? Tell me about it.");

        Assert.Equal("Oh? So serious. What are you so engrossed in? Tell me about it.", split.Speech);
        Assert.Equal(["Walks over to you and curiously peeks at your book"], split.Actions);
    }

    [Fact]
    public void Split_Seed001AsteriskReplyAfterBan_ActionRemoved()
    {
        var split = ActionSpans.Split("\"Reading a book?\" *leans over your desk, resting chin on hand* \"Let me guess, another one of those thick reference books? Don't you ever read anything fun?\"");

        Assert.Equal("\"Reading a book?\" \"Let me guess, another one of those thick reference books? Don't you ever read anything fun?\"", split.Speech);
        Assert.Equal(["leans over your desk, resting chin on hand"], split.Actions);
    }

    [Fact]
    public void Split_FullWidthParentheses_ActionsRemovedWithoutSpacesInChinese()
    {
        var split = ActionSpans.Split("（微笑）你好，班长。（挥手）");

        Assert.Equal("你好，班长。", split.Speech);
        Assert.Equal(["微笑", "挥手"], split.Actions);
    }

    [Fact]
    public void Split_NestedAndMixedWidthParentheses_OneActionWithInnerText()
    {
        var split = ActionSpans.Split("(smiles (slightly）) Hi.");

        Assert.Equal("Hi.", split.Speech);
        Assert.Equal(["smiles (slightly）"], split.Actions);
    }

    [Fact]
    public void Split_DoubleAsterisks_OneAction()
    {
        var split = ActionSpans.Split("**bows deeply** Welcome, traveller.");

        Assert.Equal("Welcome, traveller.", split.Speech);
        Assert.Equal(["bows deeply"], split.Actions);
    }

    [Theory]
    [InlineData("Hello. (reaches for", "Hello.", "reaches for")]
    [InlineData("Hello. *reaches for", "Hello.", "reaches for")]
    public void Split_SpanOpenAtEnd_RunsToEndOfReply(string reply, string speech, string action)
    {
        var split = ActionSpans.Split(reply);

        Assert.Equal(speech, split.Speech);
        Assert.Equal([action], split.Actions);
    }

    [Theory]
    [InlineData("Sure (nods).", "Sure.")]
    [InlineData("Well (pauses) , maybe.", "Well, maybe.")]
    [InlineData("Line one (sighs)\n(turns) Line two", "Line one\nLine two")]
    [InlineData("  Plain   text.  ", "Plain text.")]
    public void Split_WhitespaceAroundRemovedSpans_Tidied(string reply, string speech) =>
        Assert.Equal(speech, ActionSpans.Split(reply).Speech);

    [Theory]
    [InlineData("\"Working hard? *leans over*\" she asks.", "\"Working hard?\" she asks.")]
    [InlineData("\"(smiles) Hi there.\"", "\"Hi there.\"")]
    [InlineData("\"Hi (waves)\" and \"(nods) bye\"", "\"Hi\" and \"bye\"")]
    [InlineData("“Hi *waves*” she said.", "“Hi” she said.")]
    [InlineData("「（微笑）你好」", "「你好」")]
    public void Split_SpanInsideQuotes_NoSpaceInsideTheQuotes(string reply, string speech) =>
        Assert.Equal(speech, ActionSpans.Split(reply).Speech);

    [Theory]
    [InlineData("你好（微笑）再见。", "你好再见。")]
    [InlineData("こんにちは *お辞儀* ようこそ。", "こんにちはようこそ。")]
    [InlineData("Hi（微笑）你好", "Hi 你好")]
    public void Split_SpanBetweenCjkCharacters_NoSpaceBetweenThem(string reply, string speech) =>
        Assert.Equal(speech, ActionSpans.Split(reply).Speech);

    [Fact]
    public void Split_NoActions_TextUnchangedAndNoActions()
    {
        var split = ActionSpans.Split("What book are you reading? Tell me about it.");

        Assert.Equal("What book are you reading? Tell me about it.", split.Speech);
        Assert.Empty(split.Actions);
    }

    [Fact]
    public void Split_OnlyAnActionAndEmptySpans_EmptySpeechAndNoEmptyActions()
    {
        var split = ActionSpans.Split("() (silence) * *");

        Assert.Equal("", split.Speech);
        Assert.Equal(["silence"], split.Actions);
    }
}
