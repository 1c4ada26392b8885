using CharacterFunctions.Client.Streaming;

namespace CharacterFunctions.Client.Tests.Unit;

public sealed class ServerSentEventParserTests
{
    [Fact]
    public void Feed_NamedEventThenBlankLine_DispatchesNameAndData()
    {
        var parser = new ServerSentEventParser();

        Assert.Null(parser.Feed("event: delta"));
        Assert.Null(parser.Feed("data: {\"index\":0,\"text\":\"Hi\"}"));
        var sse = parser.Feed("");

        Assert.Equal(new ServerSentEvent("delta", "{\"index\":0,\"text\":\"Hi\"}"), sse);
    }

    [Fact]
    public void Feed_SeveralDataLinesCommentsAndUnknownFields_JoinsDataWithNewlines()
    {
        var parser = new ServerSentEventParser();

        foreach (var line in new[] { ": keep-alive", "data:first", "id: 7", "data:  second" })
        {
            Assert.Null(parser.Feed(line));
        }

        Assert.Equal(new ServerSentEvent("message", "first\n second"), parser.Feed(""));
    }

    [Fact]
    public void Feed_BlankLineWithoutData_DispatchesNothingAndForgetsTheName()
    {
        var parser = new ServerSentEventParser();

        parser.Feed("event: done");
        Assert.Null(parser.Feed(""));
        parser.Feed("data: x");

        Assert.Equal("message", parser.Feed("")?.Name);
    }
}
