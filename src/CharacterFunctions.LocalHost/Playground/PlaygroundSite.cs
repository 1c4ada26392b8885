using CharacterFunctions.Api.OpenApi;
using CharacterFunctions.LocalHost.Configuration;
using Microsoft.Extensions.FileProviders;

namespace CharacterFunctions.LocalHost.Playground;

/// <summary>
/// The web playground at <c>/</c>: static files from the build output's <c>wwwroot</c> (found however the
/// host is started: dotnet run, tests, benchmarks) plus <c>GET /playground/settings</c>, which tells the
/// page whether the documented development operator key is in force so it can prefill it. The page
/// uses only the public API under <c>/api</c>.
/// </summary>
internal static class PlaygroundSite
{
    public const string SettingsPath = "/playground/settings";

    // Everything is same-origin: no CDN, no inline script, no framing.
    private const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public static void UsePlayground(this WebApplication app, bool developmentOperatorKey)
    {
        var root = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (!Directory.Exists(root))
        {
            app.Logger.LogWarning("Playground files not found at {Root}; only the API is served.", root);
            return;
        }

        var files = new PhysicalFileProvider(root);
        // API calls never look for a file: that would be a file-system lookup on every turn.
        app.UseWhen(context => !context.Request.Path.StartsWithSegments("/api"), site =>
        {
            site.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            site.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = files,
                OnPrepareResponse = context =>
                {
                    var headers = context.Context.Response.Headers;
                    headers.ContentSecurityPolicy = ContentSecurityPolicy;
                    headers.XContentTypeOptions = "nosniff";
                    headers.CacheControl = "no-cache";
                },
            });
        });

        var settings = new PlaygroundSettings(developmentOperatorKey ? LocalDefaults.OperatorKey : null);
        app.MapGet(SettingsPath, () => Results.Json(settings))
            .WithName("GetPlaygroundSettings").WithTags("Playground").WithSummary("Playground settings (local host only)")
            .Access(ApiAccess.Anonymous).LocalHostOnly().Produces<PlaygroundSettings>();
    }

    /// <summary>
    /// <see cref="DevelopmentOperatorKey"/> is set only when Auth__OperatorKey is unset, i.e. when the
    /// publicly documented key is accepted anyway; a configured key is never revealed.
    /// </summary>
    private sealed record PlaygroundSettings(string? DevelopmentOperatorKey);
}
