using System.Net;
using CharacterFunctions.LocalHost.Tests.Infrastructure;

namespace CharacterFunctions.LocalHost.Tests;

public sealed class AuthorizationTests(LocalHostFixture fixture) : LocalHostTestBase(fixture)
{
    [Fact]
    public async Task SessionRoutes_TokenOfAnotherSession_Forbidden()
    {
        var character = await NewCharacterAsync();
        var a = await NewSessionAsync(character);
        var b = await NewSessionAsync(character);

        using var read = await Api.SendAsync(HttpMethod.Get, $"/api/sessions/{b.SessionId}", token: a.Token);
        using var turn = await Api.SendAsync(HttpMethod.Post, $"/api/sessions/{b.SessionId}/turns", new { turnId = Turn(), text = "Hi" }, a.Token);
        using var messages = await Api.SendAsync(HttpMethod.Get, $"/api/sessions/{b.SessionId}/messages", token: a.Token);

        await ApiClient.ExpectProblemAsync(read, HttpStatusCode.Forbidden);
        await ApiClient.ExpectProblemAsync(turn, HttpStatusCode.Forbidden);
        await ApiClient.ExpectProblemAsync(messages, HttpStatusCode.Forbidden);
        Assert.Empty(Model.RequestsFor(b.SessionId));
        Assert.Single(await Api.MessagesAsync(b.SessionId, b.Token));
    }

    [Fact]
    public async Task SessionRoutes_NoTokenOrBadToken_Unauthorized()
    {
        var session = await NewSessionAsync(await NewCharacterAsync());

        using var none = await Api.SendAsync(HttpMethod.Get, $"/api/sessions/{session.SessionId}", asOperator: false);
        using var bad = await Api.SendAsync(HttpMethod.Get, $"/api/sessions/{session.SessionId}", token: session.Token + "x");

        await ApiClient.ExpectProblemAsync(none, HttpStatusCode.Unauthorized);
        await ApiClient.ExpectProblemAsync(bad, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task OperatorRoutes_MissingOrWrongKey_Unauthorized()
    {
        using var missing = await Api.SendAsync(HttpMethod.Get, "/api/characters", asOperator: false);
        using var wrong = await Api.SendAsync(HttpMethod.Get, "/api/characters", asOperator: false,
            configure: r => r.Headers.Add("x-functions-key", "not-the-key"));

        await ApiClient.ExpectProblemAsync(missing, HttpStatusCode.Unauthorized);
        await ApiClient.ExpectProblemAsync(wrong, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task OperatorRoutes_KeyInCodeQuery_AcceptedLikeTheHeader()
    {
        using var right = await Api.SendAsync(HttpMethod.Get, $"/api/characters?code={Uri.EscapeDataString(Api.OperatorKey)}", asOperator: false);
        using var wrong = await Api.SendAsync(HttpMethod.Get, "/api/characters?code=not-the-key", asOperator: false);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        await ApiClient.ExpectProblemAsync(wrong, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task OperatorRoutes_PlayerToken_Forbidden()
    {
        var session = await NewSessionAsync(await NewCharacterAsync());

        using var character = await Api.SendAsync(HttpMethod.Put, "/api/characters/player-made", new { name = "X", systemPrompt = "Y" }, session.Token);
        using var gameEvent = await Api.SendAsync(HttpMethod.Post, $"/api/sessions/{session.SessionId}/events",
            new { eventId = "e-p", text = "Cheat", react = false }, session.Token);

        await ApiClient.ExpectProblemAsync(character, HttpStatusCode.Forbidden);
        await ApiClient.ExpectProblemAsync(gameEvent, HttpStatusCode.Forbidden);
        using var lookup = await Api.SendAsync(HttpMethod.Get, "/api/characters/player-made");
        await ApiClient.ExpectProblemAsync(lookup, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PostTurn_OperatorForPlayer_SpeakerIsThatPlayer()
    {
        var session = await NewSessionAsync(await NewCharacterAsync());
        Model.Reply(session.SessionId, "Hello, monitor.");

        using var response = await Api.SendAsync(HttpMethod.Post, $"/api/sessions/{session.SessionId}/turns",
            new { turnId = Turn(), playerId = "p-1", text = "Hi from the game server." });

        var body = await ApiClient.ExpectJsonAsync(response, HttpStatusCode.OK);
        var user = body["messages"]!.AsArray()[0]!;
        Assert.Equal(("Class Monitor", "p-1"), (user["speaker"]!.GetValue<string>(), user["speakerId"]!.GetValue<string>()));
    }
}
