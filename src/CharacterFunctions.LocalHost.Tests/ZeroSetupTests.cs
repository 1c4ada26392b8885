using System.Net;
using CharacterFunctions.LocalHost.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace CharacterFunctions.LocalHost.Tests;

/// <summary>The host with no auth settings at all: development operator key, generated and persisted token secret.</summary>
public sealed class ZeroSetupTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cf-zero-setup-" + Guid.NewGuid().ToString("N"));
    private ModelEndpoint _model = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _model = await ModelEndpoint.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _model.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder.
        }
    }

    [Fact]
    public async Task NoAuthConfigured_DevelopmentKeyAcceptedAndTokensSurviveRestart()
    {
        var database = Path.Combine(_directory, "zero.db");
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

        var secretFile = database + ".token-secret";
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

    private async Task<WebApplication> StartAsync(string database)
    {
        var app = LocalHostApp.Build([], configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Storage:ConnectionString"] = $"Data Source={database}",
            ["Model:BaseUrl"] = _model.BaseUrl,
            ["Model:ApiKey"] = "test-model-key",
            ["Logging:LogLevel:Default"] = "Warning",
        }));
        await app.StartAsync();
        return app;
    }

    // The documented development key (README, CharacterFunctions.http).
    private static ApiClient Client(WebApplication app) => new(new Uri(app.Urls.First()), "local-dev-operator-key");
}
