using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CharacterFunctions.LocalHost.Tests.Infrastructure;

namespace CharacterFunctions.LocalHost.Tests;

/// <summary>Request bodies are read strictly: unknown or misspelled properties, invalid UTF-8, quoted numbers are 400s.</summary>
public sealed class StrictJsonTests(LocalHostFixture fixture) : LocalHostTestBase(fixture)
{
    [Fact]
    public async Task PutCharacter_MisspelledAndUnknownProperties_BadRequestNamingEveryOneAndNothingStored()
    {
        var id = $"strict-{Guid.NewGuid():N}"[..30];
        using var response = await Api.SendAsync(HttpMethod.Put, $"/api/characters/{id}",
            """{ "name": "X", "systemPrompt": "Y", "generation": { "tempreature": 0.5 }, "memory": { "memoryEntires": 50 }, "mood": "happy" }""");

        var problem = await ApiClient.ExpectProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem["errors"]!.AsObject();
        Assert.Equal(["generation.tempreature", "memory.memoryEntires", "mood"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Contains("generation.tempreature", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        using var lookup = await Api.SendAsync(HttpMethod.Get, $"/api/characters/{id}");
        await ApiClient.ExpectProblemAsync(lookup, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PutCharacter_WrongCaseOfADocumentedName_BadRequest()
    {
        using var response = await Api.SendAsync(HttpMethod.Put, "/api/characters/strict-case",
            """{ "name": "X", "systemprompt": "Y" }""");

        var problem = await ApiClient.ExpectProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("systemprompt"));
    }

    [Fact]
    public async Task PostTurn_UnknownPropertyWithInvalidUtf8_BadRequestAndNoMessage()
    {
        var session = await NewSessionAsync(await NewCharacterAsync());
        var bytes = Encoding.UTF8.GetBytes("""{ "turnId": "u8", "text": "hi", "reply": false, "junk": "??" }""");
        var at = Array.IndexOf(bytes, (byte)'?');
        (bytes[at], bytes[at + 1]) = (0xff, 0xfe);

        using var response = await Api.SendAsync(HttpMethod.Post, $"/api/sessions/{session.SessionId}/turns", token: session.Token,
            configure: r => r.Content = new ByteArrayContent(bytes) { Headers = { ContentType = new("application/json") } });

        var problem = await ApiClient.ExpectProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("UTF-8", problem["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(session.Messages.Count, (await Api.MessagesAsync(session.SessionId, session.Token)).Count);
    }

    [Fact]
    public async Task PostTurn_InvalidUtf8InAKnownField_BadRequest()
    {
        var session = await NewSessionAsync(await NewCharacterAsync());
        var bytes = Encoding.UTF8.GetBytes("""{ "turnId": "u9", "text": "h?", "reply": false }""");
        bytes[Array.IndexOf(bytes, (byte)'?')] = 0xc3;

        using var response = await Api.SendAsync(HttpMethod.Post, $"/api/sessions/{session.SessionId}/turns", token: session.Token,
            configure: r => r.Content = new ByteArrayContent(bytes) { Headers = { ContentType = new("application/json") } });

        await ApiClient.ExpectProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("""{ "turnId": "q1", "text": "hi", "options": { "n": "2" } }""", "options.n")]
    [InlineData("""{ "turnId": "q2", "text": "hi", "options": { "temperature": "0.7" } }""", "options.temperature")]
    [InlineData("""{ "turnId": "q3", "text": "hi", "options": { "tempreature": 0.7 } }""", "options.tempreature")]
    [InlineData("""{ "turnId": "q4", "text": "hi", "reply": "false" }""", "reply")]
    public async Task PostTurn_QuotedNumberOrMisspelledOption_BadRequestNamingTheField(string body, string field)
    {
        var session = await NewSessionAsync(await NewCharacterAsync());

        using var response = await Api.SendAsync(HttpMethod.Post, $"/api/sessions/{session.SessionId}/turns", body, session.Token);

        var problem = await ApiClient.ExpectProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem["errors"]!.AsObject().ContainsKey(field), problem.ToJsonString());
        Assert.Empty(Model.RequestsFor(session.SessionId));
    }

    [Fact]
    public async Task PostTurn_DuplicateProperty_BadRequest()
    {
        var session = await NewSessionAsync(await NewCharacterAsync());

        using var response = await Api.SendAsync(HttpMethod.Post, $"/api/sessions/{session.SessionId}/turns",
            """{ "turnId": "d1", "text": "one", "text": "two", "reply": false }""", session.Token);

        await ApiClient.ExpectProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task EveryOtherBodyType_UnknownProperty_BadRequestNamingIt()
    {
        var character = await NewCharacterAsync();
        var session = await NewSessionAsync(character);
        var sid = session.SessionId;

        using var create = await Api.SendAsync(HttpMethod.Post, "/api/sessions",
            $$"""{ "characterIds": ["{{character}}"], "players": [{ "playerId": "p-1", "nmae": "X" }], "idle": { "afterSecs": 5 } }""");
        using var regenerate = await Api.SendAsync(HttpMethod.Post, $"/api/sessions/{sid}/regenerate", """{ "sead": 1 }""", session.Token);
        using var selection = await Api.SendAsync(HttpMethod.Put, $"/api/sessions/{sid}/messages/1/selection", """{ "idx": 1 }""", session.Token);
        using var gameEvent = await Api.SendAsync(HttpMethod.Post, $"/api/sessions/{sid}/events", """{ "eventId": "e-1", "text": "T", "reakt": true }""");

        Assert.Equal(["idle.afterSecs", "players[0].nmae"], await ErrorKeysAsync(create));
        Assert.Equal(["sead"], await ErrorKeysAsync(regenerate));
        Assert.Equal(["idx"], await ErrorKeysAsync(selection));
        Assert.Equal(["reakt"], await ErrorKeysAsync(gameEvent));
    }

    [Fact]
    public async Task EveryBodyType_EveryDocumentedField_Accepted()
    {
        var character = await NewCharacterAsync("Ling Lu", extra: new JsonObject
        {
            ["model"] = "qwen-plus-character",
            ["persona"] = new JsonObject
            {
                ["identity"] = "a classmate", ["personality"] = "calm", ["background"] = "b", ["relationships"] = "r",
                ["otherDescriptions"] = "o", ["scenario"] = "s", ["speakingStyle"] = "short", ["replyLength"] = "short",
                ["useActionsInParentheses"] = true,
            },
            ["generation"] = JsonNode.Parse("""{ "temperature": 0.9, "topP": 0.8, "maxTokens": 512, "n": 1, "seed": 7, "logitBias": { "7": -100 } }"""),
            ["features"] = JsonNode.Parse("""{ "realtime": false, "webSearch": false, "knowledgeBaseIds": [] }"""),
            ["memory"] = JsonNode.Parse("""{ "longTerm": false, "memoryEntries": 50, "skipSaveTypes": ["system"] }"""),
        });
        using var create = await Api.SendAsync(HttpMethod.Post, "/api/sessions",
            $$"""{ "characterIds": ["{{character}}"], "players": [{ "playerId": "p-1", "name": "Class Monitor" }], "scenario": "A classroom.", "idle": { "afterSeconds": 0, "maxNudges": 0 } }""");
        var created = await ApiClient.ExpectJsonAsync(create, HttpStatusCode.Created);
        var sid = created["sessionId"]!.GetValue<string>();
        var token = created["accessTokens"]!["p-1"]!.GetValue<string>();

        using var gameEvent = await Api.SendAsync(HttpMethod.Post, $"/api/sessions/{sid}/events",
            $$"""{ "eventId": "e-all", "sessionId": "{{sid}}", "text": "The bell rings.", "react": false }""");
        await ApiClient.ExpectJsonAsync(gameEvent, HttpStatusCode.Accepted);

        Model.Reply(sid, "Zero.", "One.");
        using var turn = await Api.SendAsync(HttpMethod.Post, $"/api/sessions/{sid}/turns",
            $$"""{ "turnId": "{{Turn()}}", "text": "Hi.", "reply": true, "respondAs": "{{character}}", "playerId": "p-1", "options": { "n": 2, "seed": 123321, "temperature": 0.7, "topP": 0.9, "maxTokens": 200, "logitBias": { "320": -100 } } }""");
        var reply = (await ApiClient.ExpectJsonAsync(turn, HttpStatusCode.OK))["messages"]!.AsArray()[^1]!;
        var seq = reply["seq"]!.GetValue<long>();

        using var selection = await Api.SendAsync(HttpMethod.Put, $"/api/sessions/{sid}/messages/{seq}/selection", """{ "index": 1 }""", token);
        await ApiClient.ExpectJsonAsync(selection, HttpStatusCode.OK);
        Model.Reply(sid, "Again.");
        using var regenerate = await Api.SendAsync(HttpMethod.Post, $"/api/sessions/{sid}/regenerate", """{ "seed": 5 }""", token);
        await ApiClient.ExpectJsonAsync(regenerate, HttpStatusCode.OK);
    }

    private static async Task<string[]> ErrorKeysAsync(HttpResponseMessage response)
    {
        var problem = await ApiClient.ExpectProblemAsync(response, HttpStatusCode.BadRequest);
        return problem["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal).ToArray();
    }
}
