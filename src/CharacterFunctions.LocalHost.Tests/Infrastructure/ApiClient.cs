using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace CharacterFunctions.LocalHost.Tests.Infrastructure;

/// <summary>Plain HTTP against the running host; responses are returned raw so tests assert the wire.</summary>
public sealed class ApiClient(Uri baseAddress, string operatorKey) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public string OperatorKey { get; } = operatorKey;

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, string? token = null, bool asOperator = true, Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        else if (asOperator)
        {
            request.Headers.Add("x-functions-key", OperatorKey);
        }
        if (body is string raw)
        {
            request.Content = new StringContent(raw, Encoding.UTF8, "application/json");
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType());
        }
        configure?.Invoke(request);
        return _http.SendAsync(request);
    }

    public async Task<JsonNode> PutCharacterAsync(string id, object definition)
    {
        using var response = await SendAsync(HttpMethod.Put, $"/api/characters/{id}", definition);
        return await ExpectJsonAsync(response, HttpStatusCode.OK, HttpStatusCode.Created);
    }

    public async Task<CreatedSession> CreateSessionAsync(object body)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/sessions", body);
        var json = await ExpectJsonAsync(response, HttpStatusCode.Created);
        Assert.Equal($"/api/sessions/{json["sessionId"]}", response.Headers.Location?.OriginalString);
        var tokens = json["accessTokens"]!.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>());
        return new CreatedSession(json["sessionId"]!.GetValue<string>(), tokens, json["messages"]!.AsArray());
    }

    public async Task<JsonNode> PostTurnAsync(string sessionId, string token, object body)
    {
        using var response = await SendAsync(HttpMethod.Post, $"/api/sessions/{sessionId}/turns", body, token);
        return await ExpectJsonAsync(response, HttpStatusCode.OK);
    }

    public async Task<JsonArray> MessagesAsync(string sessionId, string token, long after = 0, int waitSeconds = 0)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/api/sessions/{sessionId}/messages?after={after}&waitSeconds={waitSeconds}", token: token);
        var json = await ExpectJsonAsync(response, HttpStatusCode.OK);
        return json["messages"]!.AsArray();
    }

    /// <summary>Long-polls until the transcript holds a message with seq &gt;= <paramref name="seq"/>, or fails after ~20 s.</summary>
    public async Task<JsonArray> WaitForSeqAsync(string sessionId, string token, long seq)
    {
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var all = await MessagesAsync(sessionId, token);
            if (all.Count > 0 && all[^1]!["seq"]!.GetValue<long>() >= seq)
            {
                return all;
            }
            await MessagesAsync(sessionId, token, after: all.Count == 0 ? 0 : all[^1]!["seq"]!.GetValue<long>(), waitSeconds: 5);
        }
        throw new Xunit.Sdk.XunitException($"Session {sessionId} never reached seq {seq}.");
    }

    public static async Task<JsonNode> ExpectJsonAsync(HttpResponseMessage response, params HttpStatusCode[] expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected.Contains(response.StatusCode), $"Expected {string.Join("/", expected)} but got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>Asserts an RFC 9457 problem with the given status and returns its body.</summary>
    public static async Task<JsonNode> ExpectProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status} but got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!;
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(problem["title"]?.GetValue<string>()));
        Assert.False(string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()));
        Assert.NotNull(problem["type"]);
        return problem;
    }

    public void Dispose() => _http.Dispose();
}

public sealed record CreatedSession(string SessionId, IReadOnlyDictionary<string, string> Tokens, JsonArray Messages)
{
    public string Token => Tokens.Values.First();
}
