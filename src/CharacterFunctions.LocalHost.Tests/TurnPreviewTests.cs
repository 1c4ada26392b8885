using System.Net;
using System.Text.Json.Nodes;
using CharacterFunctions.LocalHost.Tests.Infrastructure;

namespace CharacterFunctions.LocalHost.Tests;

/// <summary>
/// POST /api/sessions/{id}/turns/preview: the operator sees exactly what the model endpoint then
/// receives for the same turn, and the preview itself calls no model and changes nothing.
/// </summary>
public sealed class TurnPreviewTests(LocalHostFixture fixture) : LocalHostTestBase(fixture)
{
    [Fact]
    public async Task Preview_ThenTurn_ModelReceivesExactlyThePreviewedBodyAndHeaders()
    {
        var character = await NewCharacterAsync(extra: new JsonObject { ["generation"] = new JsonObject { ["temperature"] = 0.9, ["logitBias"] = new JsonObject { ["7"] = -100 } } });
        var session = await NewSessionAsync(character);
        await PostEventAsync(session.SessionId, "e-held", "Player enters Level 3", react: false);
        var turn = new { turnId = Turn(), text = "I am reading a book.", options = new { n = 2, seed = 42, maxTokens = 200, logitBias = new Dictionary<string, int> { ["320"] = -100 } } };

        var preview = await PreviewAsync(session.SessionId, turn);
        Model.Reply(session.SessionId, "One.", "Two.");
        await Api.PostTurnAsync(session.SessionId, session.Token, turn);

        var received = Assert.Single(Model.RequestsFor(session.SessionId));
        Assert.True(JsonNode.DeepEquals(preview["request"], received.Body), $"preview {preview["request"]} != received {received.Body}");
        Assert.Equal(received.Body["model"]!.GetValue<string>(), preview["model"]!.GetValue<string>());
        Assert.Equal(received.SessionHeader, Header(preview, "x-dashscope-aca-session"));
        Assert.Equal(received.Headers!["Content-Type"], Header(preview, "Content-Type"));
        Assert.Null(Header(preview, "Authorization"));
        // The held event is in the previewed request, before the player's line (rule 2).
        Assert.Equal(
            [WireMessage.System(JiangRangPrompt), WireMessage.Assistant(OpeningLine), WireMessage.System("Player enters Level 3"), WireMessage.User("I am reading a book.")],
            received.Messages);
    }

    [Fact]
    public async Task PreviewStreamTrue_ThenStreamedTurn_ModelReceivesThePreviewedStreamedRequest()
    {
        var character = await NewCharacterAsync();
        var session = await NewSessionAsync(character);
        var turn = new { turnId = Turn(), text = "Stream it." };

        var preview = await PreviewAsync(session.SessionId, turn, stream: true);
        using (var streamed = await Api.SendAsync(HttpMethod.Post, $"/api/sessions/{session.SessionId}/turns", turn, session.Token,
            configure: r => r.Headers.Accept.ParseAdd("text/event-stream")))
        {
            Assert.Equal(HttpStatusCode.OK, streamed.StatusCode);
            await streamed.Content.ReadAsStringAsync();
        }

        var received = Assert.Single(Model.RequestsFor(session.SessionId));
        Assert.True(JsonNode.DeepEquals(preview["request"], received.Body), $"preview {preview["request"]} != received {received.Body}");
        Assert.True(received.Body["stream"]!.GetValue<bool>());
        Assert.Equal(received.Headers!["Accept"], Header(preview, "Accept"));
    }

    [Fact]
    public async Task Preview_GroupWithRespondAs_EqualsTheGroupRequestWithSpeakerHeaderAndPartial()
    {
        var jiang = await NewCharacterAsync();
        var ling = await NewCharacterAsync("Ling Lu", openingLine: null);
        var created = await Api.CreateSessionAsync(new
        {
            characterIds = new[] { jiang, ling },
            players = new[] { new { playerId = "p-1", name = "Class Monitor" }, new { playerId = "p-2", name = "Xiao Mei" } },
        });
        var turn = new { turnId = Turn(), text = "Who wants tea?", respondAs = ling, playerId = "p-2" };

        var preview = await PreviewAsync(created.SessionId, turn);
        Model.Reply(created.SessionId, "Ling Lu: Me, obviously.");
        await Api.PostTurnAsync(created.SessionId, created.Tokens["p-2"], turn);

        var received = Assert.Single(Model.RequestsFor($"{created.SessionId}:{ling}"));
        Assert.True(JsonNode.DeepEquals(preview["request"], received.Body), $"preview {preview["request"]} != received {received.Body}");
        Assert.Equal($"{created.SessionId}:{ling}", Header(preview, "x-dashscope-aca-session"));
        Assert.Equal(WireMessage.PartialAssistant("Ling Lu:"), received.Messages[^1]);
    }

    [Fact]
    public async Task Preview_Twice_CallsNoModelWritesNothingAndLeavesHeldEventsPending()
    {
        var character = await NewCharacterAsync();
        var session = await NewSessionAsync(character);
        await PostEventAsync(session.SessionId, "e-pending", "It starts to rain.", react: false);
        var turn = new { turnId = Turn(), text = "Nice weather." };

        var first = await PreviewAsync(session.SessionId, turn);
        var second = await PreviewAsync(session.SessionId, turn);

        Assert.True(JsonNode.DeepEquals(first, second));
        Assert.Empty(Model.RequestsFor(session.SessionId));
        Assert.Equal(["opening"], (await Api.MessagesAsync(session.SessionId, session.Token)).Select(Kind));
        var view = await SessionViewAsync(session.SessionId);
        Assert.Equal(1, view["pendingEventCount"]!.GetValue<int>());
        Assert.Equal(1, view["lastSeq"]!.GetValue<long>());

        // The previewed turnId is not claimed: the real turn with it still runs and answers.
        var result = await Api.PostTurnAsync(session.SessionId, session.Token, turn);
        Assert.Equal(["event", "user", "reply"], result["messages"]!.AsArray().Select(Kind));
    }

    [Fact]
    public async Task Preview_PlayerToken_ForbiddenProblem()
    {
        var session = await NewSessionAsync(await NewCharacterAsync());

        using var response = await Api.SendAsync(HttpMethod.Post, PreviewPath(session.SessionId), new { text = "Hi" }, session.Token);

        await ApiClient.ExpectProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Preview_NoCredentials_UnauthorizedProblem()
    {
        var session = await NewSessionAsync(await NewCharacterAsync());

        using var response = await Api.SendAsync(HttpMethod.Post, PreviewPath(session.SessionId), new { text = "Hi" }, asOperator: false);

        await ApiClient.ExpectProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("{ \"text\": \"Hi\", \"reply\": false }", "", "reply")]
    [InlineData("{ \"text\": \"\" }", "", "text")]
    [InlineData("{ \"text\": \"Hi\" }", "?stream=maybe", "stream")]
    [InlineData("{ \"text\": \"Hi\", \"options\": { \"n\": 0 } }", "", "options.n")]
    public async Task Preview_InvalidRequest_ValidationProblemNamingTheField(string body, string query, string field)
    {
        var session = await NewSessionAsync(await NewCharacterAsync());

        using var response = await Api.SendAsync(HttpMethod.Post, PreviewPath(session.SessionId) + query, body);

        var problem = await ApiClient.ExpectProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]![field]);
        Assert.Empty(Model.RequestsFor(session.SessionId));
    }

    [Fact]
    public async Task Preview_EndedSession_GoneProblem()
    {
        var session = await NewSessionAsync(await NewCharacterAsync());
        using (var ended = await Api.SendAsync(HttpMethod.Delete, $"/api/sessions/{session.SessionId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        }

        using var response = await Api.SendAsync(HttpMethod.Post, PreviewPath(session.SessionId), new { text = "Hello?" });

        await ApiClient.ExpectProblemAsync(response, HttpStatusCode.Gone);
    }

    [Fact]
    public async Task Preview_UnknownSession_NotFoundProblem()
    {
        using var response = await Api.SendAsync(HttpMethod.Post, PreviewPath("no-such-session"), new { text = "Hello?" });

        await ApiClient.ExpectProblemAsync(response, HttpStatusCode.NotFound);
    }

    private static string PreviewPath(string sessionId) => $"/api/sessions/{sessionId}/turns/preview";

    private async Task<JsonNode> PreviewAsync(string sessionId, object turn, bool stream = false)
    {
        using var response = await Api.SendAsync(HttpMethod.Post, PreviewPath(sessionId) + (stream ? "?stream=true" : ""), turn);
        return await ApiClient.ExpectJsonAsync(response, HttpStatusCode.OK);
    }

    private async Task<JsonNode> SessionViewAsync(string sessionId)
    {
        using var response = await Api.SendAsync(HttpMethod.Get, $"/api/sessions/{sessionId}");
        return await ApiClient.ExpectJsonAsync(response, HttpStatusCode.OK);
    }

    private async Task PostEventAsync(string sessionId, string eventId, string text, bool react)
    {
        using var response = await Api.SendAsync(HttpMethod.Post, $"/api/sessions/{sessionId}/events", new { eventId, text, react });
        await ApiClient.ExpectJsonAsync(response, HttpStatusCode.Accepted);
    }

    private static string? Header(JsonNode preview, string name) =>
        preview["headers"]!.AsObject().FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.GetValue<string>();
}
