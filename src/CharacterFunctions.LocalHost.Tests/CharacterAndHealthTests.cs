using System.Net;
using CharacterFunctions.LocalHost.Tests.Infrastructure;

namespace CharacterFunctions.LocalHost.Tests;

public sealed class CharacterAndHealthTests(LocalHostFixture fixture) : LocalHostTestBase(fixture)
{
    [Fact]
    public async Task Characters_PutGetListDelete_RoundTripWithEtag()
    {
        var id = $"rt-{Guid.NewGuid():N}";
        using var put = await Api.SendAsync(HttpMethod.Put, $"/api/characters/{id}", new { name = "Jiang Rang", systemPrompt = JiangRangPrompt, openingLine = OpeningLine });
        var stored = await ApiClient.ExpectJsonAsync(put, HttpStatusCode.OK, HttpStatusCode.Created);
        var etag = stored["etag"]!.GetValue<string>();
        Assert.False(string.IsNullOrEmpty(etag));
        Assert.Contains(etag, put.Headers.ETag!.Tag, StringComparison.Ordinal);
        Assert.Equal(JiangRangPrompt, stored["systemPrompt"]!.GetValue<string>());

        using var get = await Api.SendAsync(HttpMethod.Get, $"/api/characters/{id}");
        Assert.Equal(etag, (await ApiClient.ExpectJsonAsync(get, HttpStatusCode.OK))["etag"]!.GetValue<string>());
        using var list = await Api.SendAsync(HttpMethod.Get, "/api/characters");
        Assert.Contains((await ApiClient.ExpectJsonAsync(list, HttpStatusCode.OK)).AsArray(), c => c!["id"]!.GetValue<string>() == id);

        using var staleWrite = await Api.SendAsync(HttpMethod.Put, $"/api/characters/{id}", new { name = "Jiang Rang", systemPrompt = "Changed." },
            configure: r => r.Headers.TryAddWithoutValidation("If-Match", "\"stale-etag\""));
        await ApiClient.ExpectProblemAsync(staleWrite, HttpStatusCode.PreconditionFailed);

        using var delete = await Api.SendAsync(HttpMethod.Delete, $"/api/characters/{id}");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        using var gone = await Api.SendAsync(HttpMethod.Get, $"/api/characters/{id}");
        await ApiClient.ExpectProblemAsync(gone, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Characters_GetBodyEditedAndPutBack_ReplacesAndBodyEtagGuardsAgainstLostUpdates()
    {
        var id = $"gp-{Guid.NewGuid():N}";
        using var put = await Api.SendAsync(HttpMethod.Put, $"/api/characters/{id}", new
        {
            name = "Jiang Rang", systemPrompt = JiangRangPrompt, openingLine = OpeningLine,
            persona = new { identity = "A Go prodigy." },
            generation = new { temperature = 0.9, topP = 0.8, maxTokens = 256, n = 2, seed = 7, logitBias = new Dictionary<string, int> { ["7"] = -100 } },
            features = new { webSearch = true, searchOptions = new { forced_search = true } },
            memory = new { memoryEntries = 100, skipSaveTypes = new[] { "system" } },
        });
        await ApiClient.ExpectJsonAsync(put, HttpStatusCode.OK, HttpStatusCode.Created);
        using var get = await Api.SendAsync(HttpMethod.Get, $"/api/characters/{id}");
        var read = await ApiClient.ExpectJsonAsync(get, HttpStatusCode.OK);
        var edited = read.DeepClone();
        edited["name"] = "Jiang Rang (edited)";

        using var putBack = await Api.SendAsync(HttpMethod.Put, $"/api/characters/{id}", edited);
        var stored = await ApiClient.ExpectJsonAsync(putBack, HttpStatusCode.OK);
        Assert.Equal("Jiang Rang (edited)", stored["name"]!.GetValue<string>());
        Assert.Equal(read["generation"]!.ToJsonString(), stored["generation"]!.ToJsonString());
        Assert.Equal(read["features"]!.ToJsonString(), stored["features"]!.ToJsonString());
        Assert.Equal(read["memory"]!.ToJsonString(), stored["memory"]!.ToJsonString());

        // The first read's body again: its etag is stale now, so the write is refused and changes nothing.
        using var stale = await Api.SendAsync(HttpMethod.Put, $"/api/characters/{id}", read);
        await ApiClient.ExpectProblemAsync(stale, HttpStatusCode.PreconditionFailed);
        using var unchanged = await Api.SendAsync(HttpMethod.Get, $"/api/characters/{id}");
        Assert.Equal("Jiang Rang (edited)", (await ApiClient.ExpectJsonAsync(unchanged, HttpStatusCode.OK))["name"]!.GetValue<string>());

        // If-Match: * says "any version" and wins over the body's etag.
        using var forced = await Api.SendAsync(HttpMethod.Put, $"/api/characters/{id}", read,
            configure: r => r.Headers.TryAddWithoutValidation("If-Match", "*"));
        Assert.Equal("Jiang Rang", (await ApiClient.ExpectJsonAsync(forced, HttpStatusCode.OK))["name"]!.GetValue<string>());

        // A body copied from another character is refused on its id.
        using var otherId = await Api.SendAsync(HttpMethod.Put, $"/api/characters/{id}-copy", read);
        var problem = await ApiClient.ExpectProblemAsync(otherId, HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["id"]);
    }

    [Fact]
    public async Task Health_Anonymous_OkWithModelEndpointAndNoSecrets()
    {
        using var response = await Api.SendAsync(HttpMethod.Get, "/api/health", asOperator: false);

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = System.Text.Json.Nodes.JsonNode.Parse(text)!;
        Assert.Equal("ok", health["status"]!.GetValue<string>());
        Assert.Equal(Model.BaseUrl.TrimEnd('/'), health["model"]!["baseUrl"]!.GetValue<string>().TrimEnd('/'));
        Assert.False(health["model"]!["offline"]!.GetValue<bool>());
        Assert.DoesNotContain("test-model-key", text, StringComparison.Ordinal);
        Assert.DoesNotContain(LocalHostFixture.OperatorKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain(LocalHostFixture.TokenSecret, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetSession_Player_SummaryWithLastSeqAndPendingEvents()
    {
        var session = await NewSessionAsync(await NewCharacterAsync(), idleAfterSeconds: 30, maxNudges: 2);
        using (var gameEvent = await Api.SendAsync(HttpMethod.Post, $"/api/sessions/{session.SessionId}/events",
            new { eventId = "e-pending", text = "It starts to rain.", react = false }))
        {
            Assert.Equal(HttpStatusCode.Accepted, gameEvent.StatusCode);
        }

        using var response = await Api.SendAsync(HttpMethod.Get, $"/api/sessions/{session.SessionId}", token: session.Token);

        var body = await ApiClient.ExpectJsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(session.SessionId, body["sessionId"]!.GetValue<string>());
        Assert.Equal(1, body["lastSeq"]!.GetValue<long>());
        Assert.Equal(1, body["pendingEventCount"]!.GetValue<int>());
        Assert.Equal(30, body["idle"]!["afterSeconds"]!.GetValue<int>());
        Assert.NotNull(body["usage"]);
    }
}
