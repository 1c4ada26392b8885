using CharacterFunctions.Api;
using CharacterFunctions.Api.Http;
using CharacterFunctions.Api.OpenApi;
using CharacterFunctions.LocalHost.Actors;
using CharacterFunctions.LocalHost.Concurrency;
using CharacterFunctions.LocalHost.Configuration;
using CharacterFunctions.LocalHost.Playground;
using CharacterFunctions.Roleplay;
using CharacterFunctions.Roleplay.ModelApi;
using CharacterFunctions.Roleplay.Models;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Storage.Sqlite;
using Microsoft.Extensions.Options;

namespace CharacterFunctions.LocalHost;

/// <summary>
/// Builds the local host: the shared HTTP API over the core services, SQLite stores and in-process
/// session actors. Public so tests and benchmarks can start it in-process with overrides
/// (e.g. <c>urls = http://127.0.0.1:0</c>, a temp database, a fake model endpoint, a log capture).
/// </summary>
public static class LocalHostApp
{
    public static WebApplication Build(string[] args, Action<IConfigurationBuilder>? configure = null, Action<ILoggingBuilder>? logging = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder.Configuration);
        logging?.Invoke(builder.Logging);
        var defaults = ApplyDefaults(builder.Configuration);

        // The documented default address only when nothing else says where to listen: --urls,
        // ASPNETCORE_URLS and ASPNETCORE_HTTP(S)_PORTS (set to 8080 by the official container images) win.
        if (new[] { "urls", "http_ports", "https_ports" }.All(key => string.IsNullOrEmpty(builder.Configuration[key])))
        {
            builder.WebHost.UseUrls(LocalDefaults.Url);
        }
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = JsonBody.MaxBytes;
            // Above the documented limits, so those are answered by RequestLimits as problems (Kestrel's own answers have no body).
            kestrel.Limits.MaxRequestLineSize = RequestLimits.ServerRequestLineBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = RequestLimits.ServerHeaderBytes;
            kestrel.Limits.MaxRequestHeaderCount = RequestLimits.ServerHeaderCount;
        });

        var services = builder.Services;
        var configuration = builder.Configuration;

        // In-process replacements for what Azure does with Durable entities and polling; registered
        // before the core so its defaults (no lock, polling waiter) stay out. TimeProvider comes from the core.
        services.AddSingleton<LocalSessionActors>();
        services.AddSingleton<ISessionActors>(sp => sp.GetRequiredService<LocalSessionActors>());
        services.AddHostedService<SessionActorsStartup>();
        services.AddSingleton<ISessionLock, LocalSessionLocks>();
        services.AddSingleton<LocalTranscriptWaiter>();
        services.AddSingleton<ITranscriptWaiter>(sp => sp.GetRequiredService<LocalTranscriptWaiter>());
        services.AddSingleton<ITranscriptObserver>(sp => sp.GetRequiredService<LocalTranscriptWaiter>());

        services.AddRoleplayCore(configuration);
        services.AddCharacterModel(configuration);
        services.AddSqliteStores(configuration["Storage:ConnectionString"]!);
        // Sole writer of its SQLite file (one process per database), so in-memory heads and profiles are exact.
        services.CacheSessionHeads();
        services.CacheCharacters(maxAge: null);
        services.AddRedactedRequestLog();
        services.AddCharacterFunctionsOpenApi();
        services.AddLocalTelemetry(configuration);

        var app = builder.Build();
        app.UseRedactedRequestLog();
        app.UseCharacterFunctionsProblems();
        app.UsePlayground(defaults.DevelopmentOperatorKey);
        app.MapCharacterFunctionsApi();
        app.MapCharacterFunctionsOpenApi();
        LogStartup(app, defaults);
        return app;
    }

    /// <summary>Fills in what is not configured; returns which defaults were used, for the start-up log.</summary>
    private static AppliedDefaults ApplyDefaults(ConfigurationManager configuration)
    {
        var values = new Dictionary<string, string?>();
        var connectionString = configuration["Storage:ConnectionString"];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            values["Storage:ConnectionString"] = connectionString = LocalDefaults.ConnectionString(Directory.GetCurrentDirectory());
        }

        var devOperatorKey = string.IsNullOrWhiteSpace(configuration["Auth:OperatorKey"]);
        if (devOperatorKey)
        {
            values["Auth:OperatorKey"] = LocalDefaults.OperatorKey;
        }

        // One local host process per database (its locks, actors and timers are in-process), so a claim
        // held by another process id was left by a killed or stopped run and is taken over at once.
        if (string.IsNullOrWhiteSpace(configuration["Claims:SoleOwner"]))
        {
            values["Claims:SoleOwner"] = "true";
        }

        string? secretFile = null;
        if (string.IsNullOrWhiteSpace(configuration["Auth:SessionTokenSecret"]))
        {
            values["Auth:SessionTokenSecret"] = LocalDefaults.LoadOrCreateTokenSecret(connectionString);
            secretFile = LocalDefaults.TokenSecretPath(connectionString);
        }

        if (values.Count > 0)
        {
            configuration.AddInMemoryCollection(values);
        }
        return new AppliedDefaults(devOperatorKey, secretFile);
    }

    private static void LogStartup(WebApplication app, AppliedDefaults defaults)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CharacterFunctions.LocalHost");
        var options = app.Services.GetRequiredService<IOptions<ModelOptions>>().Value;
        if (app.Services.GetRequiredService<IChatModel>().IsOffline)
        {
            logger.LogWarning("Model: OFFLINE STAND-IN (no Model__ApiKey, DASHSCOPE_API_KEY or Model__BaseUrl configured). Replies are canned text, not Qwen.");
        }
        else
        {
            logger.LogInformation("Model: REAL model endpoint {BaseUrl}, default model {DefaultModel}.",
                ModelEndpoint.ResolveBaseUrl(options), options.DefaultModel);
        }

        if (defaults.DevelopmentOperatorKey)
        {
            // The key itself is documented (README, .http file) and deliberately not logged.
            logger.LogWarning("Auth__OperatorKey is not set: the documented development operator key is accepted. Set Auth__OperatorKey outside local development.");
        }
        if (defaults.TokenSecretFile is { } file)
        {
            logger.LogInformation("Auth__SessionTokenSecret is not set: session tokens are signed with the secret stored in {SecretFile}.", file);
        }
        var storage = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(app.Configuration["Storage:ConnectionString"]);
        logger.LogInformation("Storage: SQLite database {DataSource}.", storage.DataSource);
    }

    private sealed record AppliedDefaults(bool DevelopmentOperatorKey, string? TokenSecretFile);
}
