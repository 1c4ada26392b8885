using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CharacterFunctions.Benchmarks.Throughput;

/// <summary>
/// The second reference row: a bare ASP.NET Core endpoint that forwards only <c>{system, user}</c> to the
/// same fake model and returns its text. Not like for like (a turn sends its whole history window), so
/// the verdicts use <see cref="FairForwarder"/>; this row shows what the window itself costs.
/// </summary>
public sealed class BareForwarder : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BareForwarder(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<BareForwarder> StartAsync(string modelBaseUrl, string systemPrompt)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddHttpClient("model", c => c.BaseAddress = new Uri(modelBaseUrl.TrimEnd('/') + "/"));
        var app = builder.Build();

        app.MapPost("/forward", async (JsonObject turn, IHttpClientFactory factory, CancellationToken ct) =>
        {
            var request = new JsonObject
            {
                ["model"] = "qwen-plus-character",
                ["messages"] = new JsonArray
                {
                    new JsonObject { ["role"] = "system", ["content"] = systemPrompt },
                    new JsonObject { ["role"] = "user", ["content"] = turn["text"]?.GetValue<string>() ?? "" },
                },
            };
            using var response = await factory.CreateClient("model").PostAsJsonAsync("chat/completions", request, ct);
            var body = await response.Content.ReadFromJsonAsync<JsonObject>(ct);
            var text = body?["choices"]?[0]?["message"]?["content"]?.GetValue<string>() ?? "";
            return Results.Ok(new { text });
        });

        await app.StartAsync();
        var address = app.Urls.First();
        return new BareForwarder(app, new Uri(address));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
