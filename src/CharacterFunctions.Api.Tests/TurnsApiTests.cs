using CharacterFunctions.Api.Responses;
using CharacterFunctions.Api.Tests.Infrastructure;
using CharacterFunctions.Roleplay.Alternatives;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.SessionLifecycle;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Roleplay.Turns;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CharacterFunctions.Api.Tests;

/// <summary>The turn handlers called directly with their dependencies (dotnet/eShop OrdersApi test style).</summary>
public sealed class TurnsApiTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly HandlerSandbox _sandbox = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _sandbox.DisposeAsync().AsTask();

    [Fact]
    public async Task Post_PlayerTurn_ReturnsUserMessageAndReplyAndReportsActivity()
    {
        // With an idle policy the actor hears of the reply (it restarts the silence clock).
        var session = await _sandbox.OneToOneAsync(new IdleDefinition { AfterSeconds = 30 });
        var request = _sandbox.AsPlayer(session.AccessTokens["p-1"], """{ "turnId": "t-1", "text": "I am reading a book." }""");

        var result = await TurnsApi.Post(session.SessionId, request, _sandbox.Get<TurnService>(), _sandbox.Authentication, None);

        var ok = Assert.IsType<JsonHttpResult<TurnResponse>>(result);
        Assert.Equal("t-1", ok.Value!.TurnId);
        Assert.Equal([(2L, MessageKind.User), (3L, MessageKind.Reply)], ok.Value.Messages.Select(m => (m.Seq, m.Kind)));
        Assert.Contains(new SessionOperation.Activity(3, MessageKind.Reply), _sandbox.Actors.SentTo(session.SessionId));
    }

    [Fact]
    public async Task Post_NoCredentials_Returns401ProblemAndWritesNothing()
    {
        var session = await _sandbox.OneToOneAsync();

        var result = await TurnsApi.Post(session.SessionId, _sandbox.Anonymous("""{ "text": "hi" }"""), _sandbox.Get<TurnService>(), _sandbox.Authentication, None);

        var (status, body) = await _sandbox.ExecuteAsync(result);
        Assert.Equal(StatusCodes.Status401Unauthorized, status);
        Assert.Contains("\"status\":401", body);
        Assert.Equal(1, (await _sandbox.Get<Roleplay.Storage.ISessionStore>().GetAsync(session.SessionId, None))!.LastSeq);
    }

    [Fact]
    public async Task Post_TokenOfAnotherSession_Returns403Problem()
    {
        var session = await _sandbox.OneToOneAsync();
        var other = await _sandbox.OneToOneAsync();

        var result = await TurnsApi.Post(session.SessionId, _sandbox.AsPlayer(other.AccessTokens["p-1"], """{ "text": "hi" }"""),
            _sandbox.Get<TurnService>(), _sandbox.Authentication, None);

        Assert.Equal(StatusCodes.Status403Forbidden, (await _sandbox.ExecuteAsync(result)).Status);
    }

    [Fact]
    public async Task Post_EmptyText_Returns400ProblemNamingTheField()
    {
        var session = await _sandbox.OneToOneAsync();

        var result = await TurnsApi.Post(session.SessionId, _sandbox.AsOperator("""{ "text": "  " }"""), _sandbox.Get<TurnService>(), _sandbox.Authentication, None);

        var (status, body) = await _sandbox.ExecuteAsync(result);
        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Contains("\"text\"", body);
    }

    [Fact]
    public async Task Regenerate_AfterTurn_ReturnsReplyWithSecondAlternativeSelected()
    {
        var session = await _sandbox.OneToOneAsync();
        var token = session.AccessTokens["p-1"];
        await TurnsApi.Post(session.SessionId, _sandbox.AsPlayer(token, """{ "text": "hello" }"""), _sandbox.Get<TurnService>(), _sandbox.Authentication, None);

        var result = await TurnsApi.Regenerate(session.SessionId, _sandbox.AsPlayer(token, """{ "seed": 7 }"""),
            _sandbox.Get<AlternativesService>(), _sandbox.Authentication, None);

        var ok = Assert.IsType<JsonHttpResult<MessageResponse>>(result);
        Assert.Equal((3L, 2, 1), (ok.Value!.Seq, ok.Value.Alternatives!.Count, ok.Value.Selected));
    }

    [Fact]
    public async Task Select_WithoutIndex_Returns400Problem()
    {
        var session = await _sandbox.OneToOneAsync();

        var result = await TurnsApi.Select(session.SessionId, 1, _sandbox.AsOperator("{}"), _sandbox.Get<AlternativesService>(), _sandbox.Authentication, None);

        var (status, body) = await _sandbox.ExecuteAsync(result);
        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Contains("\"index\"", body);
    }
}
