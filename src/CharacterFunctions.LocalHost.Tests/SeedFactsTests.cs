using System.Net;
using System.Text.Json.Nodes;
using CharacterFunctions.LocalHost.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;

namespace CharacterFunctions.LocalHost.Tests;

/// <summary>Issue 11 facts seen from outside: speech/actions on replies, region model lists, currency.</summary>
public sealed class SeedFactsTests : IAsyncLifetime
{
    private const string OperatorKey = "seed-facts-operator-key";
    private readonly HostSandbox _sandbox = new("seed-facts");
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
    public async Task Turn_ReplyWithActions_SpeechAndActionsNextToRawText()
    {
        await using var app = await StartAsync(new() { ["Model:BaseUrl"] = _model.BaseUrl });
        using var api = new ApiClient(new Uri(app.Urls.First()), OperatorKey);
        await api.PutCharacterAsync("jiang-rang", new { name = "Jiang Rang", systemPrompt = "You are Jiang Rang." });
        var session = await api.CreateSessionAsync(new
        {
            characterIds = new[] { "jiang-rang" },
            players = new[] { new { playerId = "p-1", name = "Class Monitor" } },
        });
        _model.Reply(session.SessionId, "(waves) Hi there! *smiles warmly* Welcome back.");

        var turn = await api.PostTurnAsync(session.SessionId, session.Token, new { turnId = "t-1", text = "Hello?" });

        var messages = turn["messages"]!.AsArray();
        var reply = messages[^1]!;
        Assert.Equal("(waves) Hi there! *smiles warmly* Welcome back.", reply["text"]!.GetValue<string>());
        Assert.Equal("Hi there! Welcome back.", reply["speech"]!.GetValue<string>());
        Assert.Equal(["waves", "smiles warmly"], reply["actions"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Null(messages[^2]!["speech"]);
    }

    [Fact]
    public async Task PutCharacter_ModelNotOfferedInRegion_400NamingRegionAndModels()
    {
        await using var app = await StartAsync(new() { ["Model:Region"] = "Beijing" });
        using var api = new ApiClient(new Uri(app.Urls.First()), OperatorKey);

        using var response = await api.SendAsync(HttpMethod.Put, "/api/characters/suzuho",
            new { name = "Suzuho", systemPrompt = "You are Suzuho.", model = "qwen-plus-character-ja" });
        var problem = await ApiClient.ExpectProblemAsync(response, HttpStatusCode.BadRequest);

        Assert.Equal(
            "Model 'qwen-plus-character-ja' is not offered in the Beijing (Chinese mainland) region. Models offered there: qwen-flash-character, qwen-flash-character-2026-02-26, qwen-plus-character.",
            problem["errors"]!["model"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task SessionView_InternationalRegionBehindGateway_CostInUsd()
    {
        await using var app = await StartAsync(new() { ["Model:BaseUrl"] = _model.BaseUrl, ["Model:Region"] = "International" });
        using var api = new ApiClient(new Uri(app.Urls.First()), OperatorKey);
        await api.PutCharacterAsync("suzuho", new { name = "Suzuho", systemPrompt = "You are Suzuho.", model = "qwen-plus-character-ja" });
        var session = await api.CreateSessionAsync(new
        {
            characterIds = new[] { "suzuho" },
            players = new[] { new { playerId = "p-1", name = "Traveller" } },
        });

        using var response = await api.SendAsync(HttpMethod.Get, $"/api/sessions/{session.SessionId}");
        var view = await ApiClient.ExpectJsonAsync(response, HttpStatusCode.OK);

        Assert.Equal("USD", view["currency"]!.GetValue<string>());
    }

    private Task<WebApplication> StartAsync(Dictionary<string, string?> model)
    {
        var settings = HostSandbox.KeylessHostSettings(OperatorKey, "seed-facts-token-secret-0123456789abcdef");
        foreach (var (key, value) in model)
        {
            settings[key] = value;
        }
        return _sandbox.StartHostAsync(Guid.NewGuid().ToString("N") + ".db", settings);
    }
}
