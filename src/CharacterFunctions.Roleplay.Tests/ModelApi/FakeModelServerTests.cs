using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CharacterFunctions.Testing;

namespace CharacterFunctions.Roleplay.Tests.ModelApi;

/// <summary>The fake server speaks the wire protocol itself (checked here with a plain HttpClient).</summary>
public sealed class FakeModelServerTests : IAsyncLifetime
{
    private static readonly HttpClient Http = new();
    private FakeModelServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeModelServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<HttpResponseMessage> PostAsync(string json, string? session = null, string path = "/chat/completions")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _server.BaseUrl + path)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (session is not null)
        {
            request.Headers.Add("x-dashscope-aca-session", session);
        }

        return await Http.SendAsync(request);
    }

    private static string Body(string user, int n = 1, bool stream = false, string? partial = null) =>
        new JsonObject
        {
            ["model"] = "qwen-plus-character",
            ["n"] = n,
            ["stream"] = stream ? true : null,
            ["stream_options"] = stream ? new JsonObject { ["include_usage"] = true } : null,
            ["messages"] = new JsonArray(
                [
                    new JsonObject { ["role"] = "system", ["content"] = "You are Ling Lu." },
                    new JsonObject { ["role"] = "user", ["content"] = user },
                    .. partial is null ? Array.Empty<JsonNode>() : [new JsonObject { ["role"] = "assistant", ["content"] = partial, ["partial"] = true }],
                ]),
        }.ToJsonString();

    [Fact]
    public void BaseUrl_IsLoopbackCompatibleModePath()
    {
        Assert.StartsWith("http://127.0.0.1:", _server.BaseUrl, StringComparison.Ordinal);
        Assert.EndsWith("/compatible-mode/v1", _server.BaseUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DefaultResponder_NChoices_EchoesLastNonPartialMessageWithUsage()
    {
        using var response = await PostAsync(Body("Cheng Yi: hello", n: 2, partial: "Ling Lu:"));

        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Reply 1 to: Cheng Yi: hello", json["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        Assert.Equal("Reply 2 to: Cheng Yi: hello", json["choices"]![1]!["message"]!["content"]!.GetValue<string>());
        Assert.Equal(1, json["choices"]![1]!["index"]!.GetValue<int>());
        Assert.True(json["usage"]!["prompt_tokens"]!.GetValue<long>() > 0);
        Assert.Equal("qwen-plus-character", json["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task DefaultResponder_SameSessionRepeatsPrefix_ReportsCachedTokens()
    {
        using var first = await PostAsync(Body("first question"), session: "cache-1");
        using var second = await PostAsync(Body("second question"), session: "cache-1");

        long Cached(string body) => JsonNode.Parse(body)!["usage"]!["prompt_tokens_details"]!["cached_tokens"]!.GetValue<long>();
        Assert.Equal(0, Cached(await first.Content.ReadAsStringAsync()));
        Assert.True(Cached(await second.Content.ReadAsStringAsync()) > 0);
    }

    [Fact]
    public async Task Stream_WritesChunksUsageAndDone()
    {
        using var response = await PostAsync(Body("stream please", stream: true));

        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("text/event-stream", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        var events = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("data: [DONE]", events[^1]);
        var usageChunk = JsonNode.Parse(events[^2]["data: ".Length..])!;
        Assert.Empty(usageChunk["choices"]!.AsArray());
        Assert.True(usageChunk["usage"]!["completion_tokens"]!.GetValue<long>() > 0);
        var content = string.Concat(events[..^2]
            .Select(e => JsonNode.Parse(e["data: ".Length..])!["choices"]![0]!["delta"]!["content"]?.GetValue<string>()));
        Assert.Equal("Reply 1 to: stream please", content);
    }

    [Fact]
    public async Task Enqueue_AnswersInOrderThenFallsBackToDefault()
    {
        _server.Enqueue(ScriptedResponse.Error(429, "limit_requests", "slow"), ScriptedResponse.Completion("scripted"));

        using var a = await PostAsync(Body("x"));
        using var b = await PostAsync(Body("x"));
        using var c = await PostAsync(Body("x"));

        Assert.Equal(HttpStatusCode.TooManyRequests, a.StatusCode);
        Assert.Contains("\"scripted\"", await b.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Reply 1 to: x", await c.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, _server.PendingScriptCount);
    }

    [Fact]
    public async Task Requests_AreRecordedWithHeadersAndParsedBody()
    {
        using var _ = await PostAsync(Body("recorded"), session: "rec-1");

        var request = Assert.Single(await _server.WaitForRequestsAsync(1, TimeSpan.FromSeconds(5)));
        Assert.Equal("rec-1", request.SessionHeader);
        Assert.Equal("recorded", request.Messages[^1].Content);
        Assert.Equal("qwen-plus-character", request.Json!["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnknownPath_Is404AndStillRecorded()
    {
        using var response = await PostAsync("{}", path: "/embeddings");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(_server.BaseUrl.Replace(_server.Origin.GetLeftPart(UriPartial.Authority), "", StringComparison.Ordinal) + "/embeddings",
            Assert.Single(_server.Requests).Path);
    }

    [Fact]
    public async Task WaitForRequestsAsync_TooFew_ThrowsTimeout()
    {
        await Assert.ThrowsAsync<TimeoutException>(() => _server.WaitForRequestsAsync(1, TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public async Task Reset_ForgetsRequestsAndScript()
    {
        _server.Enqueue(ScriptedResponse.Malformed());
        using var _ = await PostAsync(Body("x"));
        _server.Enqueue(ScriptedResponse.Malformed());

        _server.Reset();

        Assert.Empty(_server.Requests);
        Assert.Equal(0, _server.PendingScriptCount);
    }
}
