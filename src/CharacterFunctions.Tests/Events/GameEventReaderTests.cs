using CharacterFunctions.Functions.Events;

namespace CharacterFunctions.Tests.Events;

public sealed class GameEventReaderTests
{
    [Fact]
    public void Read_CamelCaseObject_ReturnsTheEvent()
    {
        var (gameEvent, error) = GameEventReader.Read(BinaryData.FromString(
            """{ "eventId": "e-1", "sessionId": "s-1", "text": "Boss appears", "react": true }"""));

        Assert.Null(error);
        Assert.NotNull(gameEvent);
        Assert.Equal(("e-1", "s-1", "Boss appears", true), (gameEvent.EventId, gameEvent.SessionId, gameEvent.Text, gameEvent.React));
    }

    [Fact]
    public void Read_InvalidJson_ReportsWhereButNeverTheContent()
    {
        const string secret = "the player's secret words";
        var (gameEvent, error) = GameEventReader.Read(BinaryData.FromString($$"""{ "text": "{{secret}}", """));

        Assert.Null(gameEvent);
        Assert.NotNull(error);
        Assert.DoesNotContain(secret, error);
    }

    [Fact]
    public void Read_UnknownOrMisspelledProperties_ErrorNamesEveryOne()
    {
        var (gameEvent, error) = GameEventReader.Read(BinaryData.FromString(
            """{ "eventId": "e-1", "sessionId": "s-1", "text": "Boss appears", "raect": true, "extra": 5 }"""));

        Assert.Null(gameEvent);
        Assert.NotNull(error);
        Assert.Contains("raect", error);
        Assert.Contains("extra", error);
    }

    [Fact]
    public void Read_PascalCasePropertyName_IsRejectedAsUnknown()
    {
        var (gameEvent, error) = GameEventReader.Read(BinaryData.FromString(
            """{ "eventId": "e-1", "SessionId": "s-1", "text": "Boss appears", "react": true }"""));

        Assert.Null(gameEvent);
        Assert.Contains("SessionId", error);
    }

    [Fact]
    public void Read_InvalidUtf8InAnyValue_Error()
    {
        var bytes = "{ \"eventId\": \"e-1\", \"sessionId\": \"s-1\", \"text\": \"X\", \"react\": false }"u8.ToArray();
        var index = Array.IndexOf(bytes, (byte)'X');
        bytes[index] = 0xff;

        var (gameEvent, error) = GameEventReader.Read(BinaryData.FromBytes(bytes));

        Assert.Null(gameEvent);
        Assert.Contains("UTF-8", error);
    }

    [Fact]
    public void Read_QuotedBooleanOrDuplicateProperty_Error()
    {
        var (quoted, quotedError) = GameEventReader.Read(BinaryData.FromString(
            """{ "eventId": "e-1", "sessionId": "s-1", "text": "T", "react": "true" }"""));
        var (duplicate, duplicateError) = GameEventReader.Read(BinaryData.FromString(
            """{ "eventId": "e-1", "sessionId": "s-1", "text": "T", "text": "U", "react": true }"""));

        Assert.Null(quoted);
        Assert.NotNull(quotedError);
        Assert.Null(duplicate);
        Assert.NotNull(duplicateError);
    }
}
