using CharacterFunctions.Client.Tests.Infrastructure;

namespace CharacterFunctions.Client.Tests.EndToEnd;

public sealed class ContinueTests(ClientHostFixture fixture) : ClientTestBase(fixture)
{
    [Fact]
    public async Task ContinueAsync_ResponseLostBehind503_OneContinuationAppendedAndReturned()
    {
        var session = await NewSessionAsync();
        Model.ReplyCutOff(session.SessionId, "Once upon a time");
        using var player = PlayerClient(session);
        var turn = await player.SendTurnAsync("Tell me a story.");
        var cutOff = turn.Messages[^1];
        Assert.Equal("length", cutOff.FinishReason);
        Model.Reply(session.SessionId, ", there was a library.");
        Wire.LoseResponses("/continue", 1);

        var continued = await player.ContinueAsync(cutOff.Seq);

        // Two posts with one body; the model was asked once for the continuation (two calls in all).
        var posts = Wire.To("/continue");
        Assert.Equal([503, 200], posts.Select(p => p.Status));
        Assert.Single(posts.Select(p => p.Body).Distinct());
        Assert.Equal(2, Model.RequestsFor(session.SessionId).Count);
        Assert.Equal((cutOff.Seq, "Once upon a time, there was a library.", "stop"), (continued.Seq, continued.Text, continued.FinishReason));
        var transcript = await player.GetMessagesAsync();
        Assert.Equal("Once upon a time, there was a library.", transcript.Messages[^1].Text);
    }
}
