using CharacterFunctions.Client.Models;
using CharacterFunctions.Client.Tests.Infrastructure;

namespace CharacterFunctions.Client.Tests.EndToEnd;

public sealed class SendTurnTests(ClientHostFixture fixture) : ClientTestBase(fixture)
{
    [Fact]
    public async Task SendTurnAsync_ResponsesLostBehind503s_OneTurnCommittedAndItsResultReturned()
    {
        var session = await NewSessionAsync();
        Model.Reply(session.SessionId, "You are reading? How studious.");
        using var player = PlayerClient(session);
        Wire.LoseResponses("/turns", 2);

        var result = await player.SendTurnAsync("I am reading a book.");

        // Three posts reached the server, all with one turn id; the model answered once.
        var posts = Wire.To("/turns");
        Assert.Equal([503, 503, 200], posts.Select(p => p.Status));
        Assert.Single(posts.Select(p => p.Body).Distinct());
        Assert.Contains(result.TurnId, posts[0].Body, StringComparison.Ordinal);
        Assert.Single(Model.RequestsFor(session.SessionId));

        Assert.Equal([MessageKinds.User, MessageKinds.Reply], result.Messages.Select(m => m.Kind));
        Assert.Equal("You are reading? How studious.", result.Messages[1].Text);
        var transcript = await player.GetMessagesAsync();
        Assert.Equal([MessageKinds.Opening, MessageKinds.User, MessageKinds.Reply], transcript.Messages.Select(m => m.Kind));
    }

    [Fact]
    public async Task SendTurnAsync_ModelUnavailableWithRetryAfter_WaitsAndCompletesOnce()
    {
        var session = await NewSessionAsync();
        // The host's own model retries (3 attempts) all fail: it answers 503 with Retry-After.
        for (var i = 0; i < 3; i++)
        {
            Model.Fail(session.SessionId, 503, retryAfterSeconds: 1);
        }
        Model.Reply(session.SessionId, "Back again.");
        using var player = PlayerClient(session);

        var result = await player.SendTurnAsync("Hello?");

        var posts = Wire.To("/turns");
        Assert.Equal([503, 200], posts.Select(p => p.Status));
        Assert.Equal("Back again.", result.Messages[^1].Text);
        var transcript = await player.GetMessagesAsync();
        Assert.Single(transcript.Messages, m => m.Kind == MessageKinds.Reply);
        Assert.Single(transcript.Messages, m => m.Kind == MessageKinds.User);
    }

    [Fact]
    public async Task SendTurnAsync_EmptyText_ThrowsProblemWithFieldErrorsWithoutRetrying()
    {
        var session = await NewSessionAsync();
        using var player = PlayerClient(session);

        var problem = await Assert.ThrowsAsync<ProblemException>(() => player.SendTurnAsync(""));

        Assert.Equal(400, problem.Status);
        Assert.False(string.IsNullOrEmpty(problem.Type));
        Assert.False(string.IsNullOrEmpty(problem.Detail));
        Assert.Contains("text", problem.Errors.Keys);
        Assert.Single(Wire.To("/turns"));
    }

    [Fact]
    public async Task GetSessionAsync_TokenOfAnotherSession_ThrowsForbiddenProblem()
    {
        var mine = await NewSessionAsync();
        var other = await NewSessionAsync();
        using var intruder = new CharacterClient(Fixture.BaseAddress,
            new SessionHandle(other.SessionId, "p-1", mine.AccessTokens["p-1"], null), options: FastOptions);

        var problem = await Assert.ThrowsAsync<ProblemException>(() => intruder.GetSessionAsync());

        Assert.Equal(403, problem.Status);
    }

    [Fact]
    public async Task CharacterClient_FromAccessToken_TalksToTheTokensSession()
    {
        var session = await NewSessionAsync();
        using var player = PlayerClient(session);

        var view = await player.GetSessionAsync();

        Assert.Equal(session.SessionId, player.SessionId);
        Assert.Equal(session.SessionId, view.SessionId);
        Assert.Equal("p-1", Assert.Single(view.Players).PlayerId);
    }
}
