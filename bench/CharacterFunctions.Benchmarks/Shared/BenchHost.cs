using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CharacterFunctions.LocalHost;
using CharacterFunctions.Testing;

namespace CharacterFunctions.Benchmarks.Shared;

/// <summary>
/// The local host started in-process on a loopback port against a zero-latency fake model, with a
/// throw-away SQLite database: the real product path, HTTP in and HTTP out.
/// </summary>
public sealed class BenchHost : IAsyncDisposable
{
    public const string OperatorKey = "bench-operator-key";

    private readonly string _dataDir;

    private BenchHost(FakeModelServer model, WebApplication app, HttpClient http, string dataDir)
    {
        Model = model;
        App = app;
        Http = http;
        _dataDir = dataDir;
    }

    public FakeModelServer Model { get; }
    public WebApplication App { get; }
    public HttpClient Http { get; }

    public static async Task<BenchHost> StartAsync(FakeModelServer model)
    {
        var dataDir = Directory.CreateTempSubdirectory("cf-bench-").FullName;
        var app = LocalHostApp.Build([], config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Model:BaseUrl"] = model.BaseUrl,
            ["Model:ApiKey"] = "bench-key",
            ["Auth:OperatorKey"] = OperatorKey,
            ["Auth:SessionTokenSecret"] = "bench-secret-bench-secret-bench-secret",
            ["Storage:ConnectionString"] = $"Data Source={Path.Combine(dataDir, "bench.db")}",
            ["Logging:LogLevel:Default"] = "Warning",
        }));
        await app.StartAsync();
        var http = NewClient(new Uri(app.Urls.First()));
        return new BenchHost(model, app, http, dataDir);
    }

    public static HttpClient NewClient(Uri baseAddress) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };

    public async Task PutCharacterAsync(string id, string name, string systemPrompt, string? openingLine = null, string model = "qwen-plus-character")
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/characters/{id}")
        {
            Content = JsonContent.Create(new { name, model, systemPrompt, openingLine }),
        };
        request.Headers.Add("x-functions-key", OperatorKey);
        using var response = await Http.SendAsync(request);
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
        request.Headers.Add("x-functions-key", OperatorKey);
        using var response = await Http.SendAsync(request);
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
        using var response = await Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        await response.Content.LoadIntoBufferAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // A WAL file may still be closing; the temp folder is disposable anyway.
        }
    }
}
