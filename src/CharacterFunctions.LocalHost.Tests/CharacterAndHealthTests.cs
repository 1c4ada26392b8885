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
