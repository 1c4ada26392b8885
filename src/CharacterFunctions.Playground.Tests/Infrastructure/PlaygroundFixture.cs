using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CharacterFunctions.LocalHost;
using CharacterFunctions.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Playwright;

namespace CharacterFunctions.Playground.Tests.Infrastructure;

/// <summary>
/// The real local host on a free loopback port (temp SQLite, the fake model server as model, no
/// operator key configured so the host is in development mode) and one headless system Chromium.
/// </summary>
public sealed class PlaygroundFixture : IAsyncLifetime
{
    public const string DevelopmentOperatorKey = "local-dev-operator-key";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"cf-playground-{Guid.NewGuid():N}");
    private WebApplication? _app;
    private IPlaywright? _playwright;

    public FakeModelServer Model { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Fail first and clearly when there is no browser, before anything else starts.
        var chromium = Chromium.ExecutablePath();
        Directory.CreateDirectory(_folder);
        Model = await FakeModelServer.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Model:BaseUrl"] = Model.BaseUrl,
            ["Model:ApiKey"] = "test-model-key",
            ["Auth:SessionTokenSecret"] = "playground-test-token-secret-0123456789abcdef",
            ["Storage:ConnectionString"] = $"Data Source={Path.Combine(_folder, "playground.db")}",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        _app = LocalHostApp.Build([], configuration => configuration.AddInMemoryCollection(settings));
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.First());

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true });
    }

    /// <summary>A fresh tab (own sessionStorage) at <paramref name="width"/> x <paramref name="height"/>.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900, bool mobile = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            IsMobile = mobile,
            HasTouch = mobile,
        });
        return await context.NewPageAsync();
    }

    /// <summary>The transcript as the API has it (operator view), to check what the page did.</summary>
    public async Task<JsonArray> TranscriptAsync(string sessionId)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress };
        http.DefaultRequestHeaders.Add("x-functions-key", DevelopmentOperatorKey);
        var page = await http.GetFromJsonAsync<JsonObject>($"/api/sessions/{sessionId}/messages");
        return page!["messages"]!.AsArray();
    }

    /// <summary>JSON bodies the fake model received for a session header (sessionId, or sessionId:characterId in a group).</summary>
    public IReadOnlyList<JsonNode> ModelBodies(string sessionHeader) =>
        Model.Requests.Where(r => r.SessionHeader == sessionHeader && r.Json is not null).Select(r => r.Json!).ToList();

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        if (Model is not null)
        {
            await Model.DisposeAsync();
        }
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may hold a file briefly; the temp folder is disposable.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PlaygroundCollection : ICollectionFixture<PlaygroundFixture>
{
    // One host and one browser for the suite: starting Chromium is the slow part.
    public const string Name = "playground";
}
