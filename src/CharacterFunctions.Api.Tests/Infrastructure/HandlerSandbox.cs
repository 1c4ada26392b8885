using System.Text;
using CharacterFunctions.Api.Http;
using CharacterFunctions.Roleplay;
using CharacterFunctions.Roleplay.Characters;
using CharacterFunctions.Roleplay.ModelApi;
using CharacterFunctions.Roleplay.Profiles;
using CharacterFunctions.Roleplay.Security;
using CharacterFunctions.Roleplay.SessionLifecycle;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Storage.Sqlite;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CharacterFunctions.Api.Tests.Infrastructure;

/// <summary>
/// The real core over a temp SQLite file and the offline stand-in model, so a test can call a handler
/// with the dependencies minimal APIs would bind, and build the request it reads headers and body from.
/// </summary>
internal sealed class HandlerSandbox : IAsyncDisposable
{
    public const string OperatorKey = "handler-test-operator-key";

    private readonly string _folder = Directory.CreateTempSubdirectory("cf-api-tests-").FullName;
    private readonly ServiceProvider _services;

    public HandlerSandbox()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:OperatorKey"] = OperatorKey,
            ["Auth:SessionTokenSecret"] = "handler-test-secret-that-is-long-enough-for-hmac",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<ISessionActors>(Actors);
        services.AddRoleplayCore(configuration);
        services.AddCharacterModel(configuration);
        services.AddSqliteStores($"Data Source={Path.Combine(_folder, "test.db")}");
        _services = services.BuildServiceProvider();
    }

    public RecordingSessionActors Actors { get; } = new();

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public CallerAuthentication Authentication => Get<CallerAuthentication>();

    /// <summary>A request as the operator (x-functions-key), optionally with a JSON body.</summary>
    public HttpRequest AsOperator(string? json = null) => Request(json, headers => headers[Callers.FunctionKeyHeader] = OperatorKey);

    /// <summary>A request with a player's bearer token.</summary>
    public HttpRequest AsPlayer(string token, string? json = null) => Request(json, headers => headers.Authorization = $"Bearer {token}");

    public HttpRequest Anonymous(string? json = null) => Request(json, _ => { });

    /// <summary>Jiang Rang with an opening line, and a one-to-one session with player p-1.</summary>
    /// <summary>A one-to-one session; no idle policy unless given.</summary>
    public async Task<CreatedSession> OneToOneAsync(IdleDefinition? idle = null)
    {
        await Get<CharacterService>().PutAsync("jiang-rang", new CharacterDefinition
        {
            Name = "Jiang Rang",
            SystemPrompt = "You are Jiang Rang, a Go prodigy.",
            OpeningLine = "Class monitor, what are you up to?",
        }, null, CancellationToken.None);
        return await Get<SessionService>().CreateAsync(new CreateSessionRequest
        {
            CharacterIds = ["jiang-rang"],
            Players = [new PlayerDefinition { PlayerId = "p-1", Name = "Monitor" }],
            Idle = idle,
        }, CancellationToken.None);
    }

    /// <summary>Runs a result the way a host would and returns the status code and body text.</summary>
    public async Task<(int Status, string Body)> ExecuteAsync(IResult result)
    {
        var context = new DefaultHttpContext { RequestServices = _services };
        context.Response.Body = new MemoryStream();
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        return (context.Response.StatusCode, await new StreamReader(context.Response.Body).ReadToEndAsync());
    }

    private HttpRequest Request(string? json, Action<IHeaderDictionary> authenticate)
    {
        var context = new DefaultHttpContext { RequestServices = _services };
        context.Response.Body = new MemoryStream();
        authenticate(context.Request.Headers);
        if (json is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            context.Request.ContentType = "application/json";
            context.Request.ContentLength = bytes.Length;
            context.Request.Body = new MemoryStream(bytes);
        }
        return context.Request;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
