using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CharacterFunctions.Benchmarks.Shared;

/// <summary>The few contract calls the benchmarks make, over any HTTP client pointed at a host.</summary>
public sealed class ApiClient(HttpClient http)
{
    public async Task PutCharacterAsync(string id, string name, string systemPrompt, string? openingLine = null, string model = "qwen-plus-character")
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/characters/{id}")
        {
            Content = JsonContent.Create(new { name, model, systemPrompt, openingLine }),
        };
        request.Headers.Add("x-functions-key", BenchHost.OperatorKey);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Creates a one-to-one session and returns its id and the player's access token.</summary>
    public async Task<(string SessionId, string Token)> CreateSessionAsync(string characterId, int idleAfterSeconds = 0)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sessions")
        {
            Content = JsonContent.Create(new
            {
                characterIds = new[] { characterId },
                players = new[] { new { playerId = "p-1", name = "Class Monitor" } },
                idle = new { afterSeconds = idleAfterSeconds, maxNudges = 1 },
            }),
        };
        request.Headers.Add("x-functions-key", BenchHost.OperatorKey);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonObject>()
            ?? throw new InvalidOperationException("empty session response");
        return (body["sessionId"]!.GetValue<string>(), body["accessTokens"]!["p-1"]!.GetValue<string>());
    }

    public async Task PostTurnAsync(string sessionId, string token, string text)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{sessionId}/turns")
        {
            Content = JsonContent.Create(new { turnId = Guid.NewGuid().ToString("N"), text }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        await response.Content.LoadIntoBufferAsync();
    }
}
