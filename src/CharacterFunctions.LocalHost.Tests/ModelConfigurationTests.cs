using System.Net;
using System.Text.Json.Nodes;
using CharacterFunctions.LocalHost.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;

namespace CharacterFunctions.LocalHost.Tests;

/// <summary>How the host picks its model endpoint from Model__* settings, seen from outside.</summary>
public sealed class ModelConfigurationTests : IAsyncLifetime
{
    private const string OperatorKey = "model-config-operator-key";
    private readonly HostSandbox _sandbox = new("model-config");
    private ModelEndpoint _model = null!;

    public async Task InitializeAsync()
    {
        _model = await ModelEndpoint.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _model.DisposeAsync();
        await _sandbox.DisposeAsync();
    }

    [Fact]
    public async Task BaseUrlWithoutApiKey_TurnsGoToThatEndpointNotTheStandIn()
    {
        await using var app = await StartAsync(_model.BaseUrl);
        using var api = new ApiClient(new Uri(app.Urls.First()), OperatorKey);
        await api.PutCharacterAsync("keyless", new { name = "Jiang Rang", systemPrompt = "You are Jiang Rang." });
        var session = await api.CreateSessionAsync(new
        {
            characterIds = new[] { "keyless" },
            players = new[] { new { playerId = "p-1", name = "Class Monitor" } },
        });
        _model.Reply(session.SessionId, "From the configured endpoint.");

        var turn = await api.PostTurnAsync(session.SessionId, session.Token, new { turnId = "t-1", text = "Hello?" });
        var health = await HealthAsync(api);

        Assert.Equal("From the configured endpoint.", turn["messages"]!.AsArray()[^1]!["text"]!.GetValue<string>());
        Assert.Single(_model.RequestsFor(session.SessionId));
        Assert.False(health["model"]!["offline"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Health_BaseUrlWithCredentials_ShowsEndpointWithoutThem()
    {
        await using var app = await StartAsync("http://proxy-user:proxy-secret@127.0.0.1:9/compatible-mode/v1?api-key=query-secret");
        using var api = new ApiClient(new Uri(app.Urls.First()), OperatorKey);

        var health = await HealthAsync(api);
        var text = health.ToJsonString();

        Assert.Equal("http://127.0.0.1:9/compatible-mode/v1", health["model"]!["baseUrl"]!.GetValue<string>());
        Assert.DoesNotContain("proxy-secret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("query-secret", text, StringComparison.Ordinal);
    }

    private static async Task<JsonNode> HealthAsync(ApiClient api)
    {
        using var response = await api.SendAsync(HttpMethod.Get, "/api/health", asOperator: false);
        return await ApiClient.ExpectJsonAsync(response, HttpStatusCode.OK);
    }

    private Task<WebApplication> StartAsync(string baseUrl)
    {
        // Deliberately no Model:ApiKey (see KeylessHostSettings): only the base URL decides the endpoint.
        var settings = HostSandbox.KeylessHostSettings(OperatorKey, "model-config-token-secret-0123456789abcdef");
        settings["Model:BaseUrl"] = baseUrl;
        return _sandbox.StartHostAsync(Guid.NewGuid().ToString("N") + ".db", settings);
    }
}
