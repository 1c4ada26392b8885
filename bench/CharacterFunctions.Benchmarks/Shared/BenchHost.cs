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

    public Task PutCharacterAsync(string id, string name, string systemPrompt, string? openingLine = null) =>
        new ApiClient(Http).PutCharacterAsync(id, name, systemPrompt, openingLine);

    public Task<(string SessionId, string Token)> CreateSessionAsync(string characterId, int idleAfterSeconds = 0) =>
        new ApiClient(Http).CreateSessionAsync(characterId, idleAfterSeconds);

    public Task PostTurnAsync(string sessionId, string token, string text) =>
        new ApiClient(Http).PostTurnAsync(sessionId, token, text);

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
