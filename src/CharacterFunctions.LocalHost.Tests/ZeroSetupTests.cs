using System.Net;
using CharacterFunctions.LocalHost.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;

namespace CharacterFunctions.LocalHost.Tests;

/// <summary>The host with no auth settings at all: development operator key, generated and persisted token secret.</summary>
public sealed class ZeroSetupTests : IAsyncLifetime
{
    private readonly HostSandbox _sandbox = new("zero-setup");
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
    public async Task NoAuthConfigured_DevelopmentKeyAcceptedAndTokensSurviveRestart()
    {
        const string database = "zero.db";
        CreatedSession session;
        await using (var app = await StartAsync(database))
        {
            using var api = Client(app);
            await api.PutCharacterAsync("zero-setup", new { name = "Jiang Rang", systemPrompt = "You are Jiang Rang.", openingLine = "Hi." });
            session = await api.CreateSessionAsync(new
            {
                characterIds = new[] { "zero-setup" },
                players = new[] { new { playerId = "p-1", name = "Class Monitor" } },
            });
        }

        var secretFile = _sandbox.DatabasePath(database) + ".token-secret";
        Assert.True(File.Exists(secretFile));
        Assert.False(string.IsNullOrWhiteSpace(await File.ReadAllTextAsync(secretFile)));

        await using (var restarted = await StartAsync(database))
        {
            using var api = Client(restarted);
            var messages = await api.MessagesAsync(session.SessionId, session.Token);
            Assert.Equal("Hi.", messages[0]!["text"]!.GetValue<string>());
            using var wrongKey = await api.SendAsync(HttpMethod.Get, "/api/characters", asOperator: false,
                configure: r => r.Headers.Add("x-functions-key", "not-the-development-key"));
            await ApiClient.ExpectProblemAsync(wrongKey, HttpStatusCode.Unauthorized);
        }
    }

    private Task<WebApplication> StartAsync(string database) =>
        _sandbox.StartHostAsync(database, new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Model:BaseUrl"] = _model.BaseUrl,
            ["Model:ApiKey"] = "test-model-key",
        });

    // The documented development key (README, CharacterFunctions.http).
    private static ApiClient Client(WebApplication app) => new(new Uri(app.Urls.First()), "local-dev-operator-key");
}
