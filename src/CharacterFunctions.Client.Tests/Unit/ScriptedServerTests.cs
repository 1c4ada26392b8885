using System.Net;
using System.Text;
using CharacterFunctions.Client.Models;
using CharacterFunctions.Client.Streaming;
using CharacterFunctions.Client.Tests.Infrastructure;

namespace CharacterFunctions.Client.Tests.Unit;

/// <summary>
/// Client behaviour against scripted answers: a stream that breaks mid-way, and routes the local host
/// does not serve yet (continue, card import), checked for the request the client sends.
/// </summary>
public sealed class ScriptedServerTests
{
    private const string Token = "eyJhbGciOiJIUzI1NiJ9.eyJzaWQiOiJzLTEiLCJzdWIiOiJwLTEifQ.c2ln";
    private static readonly Uri Host = new("http://game.test/");
    private static readonly ClientOptions Fast = new()
    {
        Retry = new RetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) },
    };

    private const string ReplyJson =
        """{"seq":3,"role":"assistant","speaker":"Jiang Rang","text":"Hello there, monitor.","kind":"reply","createdAt":"2026-11-23T10:42:16.114Z","finishReason":"stop"}""";

    [Fact]
    public async Task StreamTurnAsync_StreamEndsBeforeDone_PostsTheSameTurnAgainWithoutStreaming()
    {
        var handler = new ScriptedHandler(
            () => Sse("event: delta\ndata: {\"index\":0,\"text\":\"Hello\"}\n\n"),
            () => Json(HttpStatusCode.OK, $$$"""{"turnId":"x","messages":[{{{ReplyJson}}}],"usage":{"promptTokens":5,"completionTokens":4,"cachedTokens":0}}"""));
        using var client = new CharacterClient(Host, Token, new HttpClient(handler), Fast);

        var events = new List<TurnStreamEvent>();
        await foreach (var item in client.StreamTurnAsync(new TurnInput("Hi")))
        {
            events.Add(item);
        }

        Assert.Equal(new TurnDelta(0, "Hello"), events[0]);
        Assert.Equal("Hello there, monitor.", Assert.IsType<TurnCompleted>(events[1]).Result.Messages[0].Text);
        var requests = handler.Requests.ToList();
        Assert.Equal(2, requests.Count);
        Assert.Equal(requests[0].Body, requests[1].Body);
        Assert.Contains("text/event-stream", requests[0].Request.Headers.Accept.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("text/event-stream", requests[1].Request.Headers.Accept.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamTurnAsync_ErrorEventNotTransient_ThrowsItsProblem()
    {
        var handler = new ScriptedHandler(() => Sse(
            "event: error\ndata: {\"type\":\"https://httpstatuses.io/422\",\"title\":\"The model rejected the request.\",\"status\":422,\"detail\":\"Refused.\",\"code\":\"data_inspection_failed\"}\n\n"));
        using var client = new CharacterClient(Host, Token, new HttpClient(handler), Fast);

        var problem = await Assert.ThrowsAsync<ProblemException>(async () =>
        {
            await foreach (var _ in client.StreamTurnAsync(new TurnInput("Hi")))
            {
            }
        });

        Assert.Equal((422, "data_inspection_failed"), (problem.Status, problem.Code));
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task ContinueAsync_FirstAnswer503_RetriesWithTheSameContinueId()
    {
        var handler = new ScriptedHandler(
            () => Json(HttpStatusCode.ServiceUnavailable, """{"type":"t","title":"busy","status":503,"detail":"later"}""", retryAfterSeconds: 0),
            () => Json(HttpStatusCode.OK, ReplyJson));
        using var client = new CharacterClient(Host, Token, new HttpClient(handler), Fast);

        var message = await client.ContinueAsync(3);

        Assert.Equal("stop", message.FinishReason);
        var requests = handler.Requests.ToList();
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal("/api/sessions/s-1/messages/3/continue", r.Request.RequestUri!.AbsolutePath));
        var keys = requests.Select(r => r.Request.Headers.GetValues("Idempotency-Key").Single()).ToList();
        Assert.Equal(keys[0], keys[1]);
        Assert.Equal($$"""{"continueId":"{{keys[0]}}"}""", requests[0].Body);
    }

    [Fact]
    public async Task ImportCardAsync_Png_PostsTheBytesWithTheirMediaTypeAndOperatorKey()
    {
        var handler = new ScriptedHandler(() => Json(HttpStatusCode.Created, """{"character":{"id":"seraphina"},"unsupported":["extensions.depth_prompt"]}"""));
        using var client = new OperatorClient(Host, "op-key", new HttpClient(handler), Fast);
        byte[] png = [0x89, 0x50, 0x4E, 0x47];

        var answer = await client.ImportCardAsync(png, "image/png");

        var (request, _) = Assert.Single(handler.Requests);
        Assert.Equal((HttpMethod.Post, "/api/characters/import"), (request.Method, request.RequestUri!.AbsolutePath));
        Assert.Equal("image/png", request.Content!.Headers.ContentType!.MediaType);
        Assert.Equal("op-key", request.Headers.GetValues("x-functions-key").Single());
        Assert.Equal("seraphina", answer.GetProperty("character").GetProperty("id").GetString());
    }

    [Fact]
    public async Task GetSessionAsync_ProxyErrorWithoutProblem_ThrowsProblemMadeFromTheStatus()
    {
        var handler = new ScriptedHandler(() => new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("<html>bad</html>", Encoding.UTF8, "text/html") });
        using var client = new CharacterClient(Host, Token, new HttpClient(handler), Fast);

        var problem = await Assert.ThrowsAsync<ProblemException>(() => client.GetSessionAsync());

        Assert.Equal(400, problem.Status);
        Assert.Empty(problem.Errors);
        Assert.Contains("400", problem.Detail, StringComparison.Ordinal);
    }

    private static HttpResponseMessage Sse(string body) =>
        new(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "text/event-stream") };

    private static HttpResponseMessage Json(HttpStatusCode status, string body, int? retryAfterSeconds = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, status == HttpStatusCode.OK || status == HttpStatusCode.Created ? "application/json" : "application/problem+json") };
        if (retryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
        }
        return response;
    }
}
