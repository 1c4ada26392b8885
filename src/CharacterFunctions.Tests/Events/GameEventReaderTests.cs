using CharacterFunctions.Functions.Events;

namespace CharacterFunctions.Tests.Events;

public sealed class GameEventReaderTests
{
    [Fact]
    public void Read_CamelCaseObjectWithUnknownFields_ReturnsTheEvent()
    {
        var (gameEvent, error) = GameEventReader.Read(BinaryData.FromString(
            """{ "eventId": "e-1", "sessionId": "s-1", "text": "Boss appears", "react": true, "extra": 5 }"""));

        Assert.Null(error);
        Assert.NotNull(gameEvent);
        Assert.Equal(("e-1", "s-1", "Boss appears", true), (gameEvent.EventId, gameEvent.SessionId, gameEvent.Text, gameEvent.React));
    }

    [Fact]
    public void Read_InvalidJson_ReportsPositionButNeverTheContent()
    {
        const string secret = "the player's secret words";
        var (gameEvent, error) = GameEventReader.Read(BinaryData.FromString($$"""{ "text": "{{secret}}", """));

        Assert.Null(gameEvent);
        Assert.NotNull(error);
        Assert.DoesNotContain(secret, error);
    }
}
