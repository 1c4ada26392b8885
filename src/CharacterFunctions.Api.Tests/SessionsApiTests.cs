using CharacterFunctions.Api.Http;
using CharacterFunctions.Api.Responses;
using CharacterFunctions.Api.Tests.Infrastructure;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Profiles;
using CharacterFunctions.Roleplay.SessionLifecycle;
using CharacterFunctions.Roleplay.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CharacterFunctions.Api.Tests;

/// <summary>The session handlers called directly with their dependencies (dotnet/eShop OrdersApi test style).</summary>
public sealed class SessionsApiTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly HandlerSandbox _sandbox = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _sandbox.DisposeAsync().AsTask();

    [Fact]
    public async Task Create_Operator_Returns201WithLocationTokenAndOpeningLine()
    {
        await _sandbox.OneToOneAsync(); // stores the character
        var request = _sandbox.AsOperator("""{ "characterIds": ["jiang-rang"], "players": [{ "playerId": "p-7" }] }""");

        var result = await SessionsApi.Create(request, _sandbox.Get<SessionService>(), _sandbox.Authentication, None);

        var created = Assert.IsType<CreatedJsonResult<CreateSessionResponse>>(result);
        Assert.Equal($"/api/sessions/{created.Value.SessionId}", created.Location);
        Assert.Equal(["p-7"], created.Value.AccessTokens.Keys);
        Assert.Equal((1L, MessageKind.Opening), (created.Value.Messages.Single().Seq, created.Value.Messages.Single().Kind));
    }

    [Fact]
    public async Task Create_PlayerToken_Returns403AndCreatesNothing()
    {
        var session = await _sandbox.OneToOneAsync();
        var request = _sandbox.AsPlayer(session.AccessTokens["p-1"], """{ "characterIds": ["jiang-rang"], "players": [{ "playerId": "p-7" }] }""");

        var result = await SessionsApi.Create(request, _sandbox.Get<SessionService>(), _sandbox.Authentication, None);

        Assert.Equal(StatusCodes.Status403Forbidden, (await _sandbox.ExecuteAsync(result)).Status);
        Assert.Single(_sandbox.Actors.All(), o => o is SessionOperation.Start);
    }

    [Fact]
    public async Task Create_UnknownCharacter_Returns400ProblemNamingTheField()
    {
        var request = _sandbox.AsOperator("""{ "characterIds": ["nobody"], "players": [{ "playerId": "p-1" }] }""");

        var result = await SessionsApi.Create(request, _sandbox.Get<SessionService>(), _sandbox.Authentication, None);

        var (status, body) = await _sandbox.ExecuteAsync(result);
        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Contains("characterIds", body);
    }

    [Fact]
    public async Task Get_Player_ReturnsTheSessionView()
    {
        var session = await _sandbox.OneToOneAsync();

        var result = await SessionsApi.Get(session.SessionId, _sandbox.AsPlayer(session.AccessTokens["p-1"]), _sandbox.Get<SessionService>(), _sandbox.Authentication, None);

        var ok = Assert.IsType<JsonHttpResult<SessionResponse>>(result);
        Assert.Equal((session.SessionId, SessionStatus.Active, 1L), (ok.Value!.SessionId, ok.Value.Status, ok.Value.LastSeq));
    }

    [Fact]
    public async Task Get_UnknownSessionAsOperator_Returns404Problem()
    {
        var result = await SessionsApi.Get("missing", _sandbox.AsOperator(), _sandbox.Get<SessionService>(), _sandbox.Authentication, None);

        Assert.Equal(StatusCodes.Status404NotFound, (await _sandbox.ExecuteAsync(result)).Status);
    }

    [Fact]
    public async Task End_Twice_ReturnsNoContentBothTimesAndSessionStaysEnded()
    {
        var session = await _sandbox.OneToOneAsync();
        var sessions = _sandbox.Get<SessionService>();

        var first = await SessionsApi.End(session.SessionId, _sandbox.AsPlayer(session.AccessTokens["p-1"]), sessions, _sandbox.Authentication, None);
        var second = await SessionsApi.End(session.SessionId, _sandbox.AsOperator(), sessions, _sandbox.Authentication, None);

        Assert.IsType<NoContent>(first);
        Assert.IsType<NoContent>(second);
        var view = await sessions.GetAsync(session.SessionId, Roleplay.Security.Caller.Operator, None);
        Assert.Equal(SessionStatus.Ended, view.Status);
        Assert.Equal(2, _sandbox.Actors.SentTo(session.SessionId).Count(o => o is SessionOperation.End));
    }

    [Fact]
    public async Task CharactersList_PlayerToken_Returns403()
    {
        var session = await _sandbox.OneToOneAsync();

        var result = await CharactersApi.List(_sandbox.AsPlayer(session.AccessTokens["p-1"]), _sandbox.Get<CharacterService>(), _sandbox.Authentication, None);

        Assert.Equal(StatusCodes.Status403Forbidden, (await _sandbox.ExecuteAsync(result)).Status);
    }
}
