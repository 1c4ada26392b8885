using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace CharacterFunctions.LocalHost.Tests.Infrastructure;

/// <summary>
/// A throw-away folder for SQLite files and the real local host started from in-memory settings: what
/// every test that runs its own host needs. The folder goes when the sandbox is disposed.
/// </summary>
public sealed class HostSandbox : IAsyncDisposable
{
    public HostSandbox(string name)
    {
        Folder = Path.Combine(Path.GetTempPath(), $"cf-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public string DatabasePath(string fileName) => Path.Combine(Folder, fileName);

    /// <summary>
    /// Starts the host on <paramref name="database"/> (a file in this folder) with quiet logs and
    /// <paramref name="settings"/>; the caller says where it listens (<c>urls</c> or <c>http_ports</c>);
    /// <paramref name="logging"/> may add a provider that captures what the host logs.
    /// </summary>
    public async Task<WebApplication> StartHostAsync(string database, IReadOnlyDictionary<string, string?> settings, Action<ILoggingBuilder>? logging = null)
    {
        var all = new Dictionary<string, string?>(settings)
        {
            ["Storage:ConnectionString"] = $"Data Source={DatabasePath(database)}",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var app = LocalHostApp.Build([], configuration => configuration.AddInMemoryCollection(all), logging);
        await app.StartAsync();
        return app;
    }

    /// <summary>
    /// Settings of a host on a free loopback port with no model API key: <c>DASHSCOPE_API_KEY</c> is cleared
    /// so a developer's shell cannot leak in, and retries are fast. Tests add the model settings they examine.
    /// </summary>
    public static Dictionary<string, string?> KeylessHostSettings(string operatorKey, string tokenSecret) => new()
    {
        ["urls"] = "http://127.0.0.1:0",
        ["Model:ApiKey"] = "",
        ["DASHSCOPE_API_KEY"] = "",
        ["Model:RetryBaseDelay"] = "00:00:00.050",
        ["Auth:OperatorKey"] = operatorKey,
        ["Auth:SessionTokenSecret"] = tokenSecret,
    };

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold a file briefly on some platforms; the temp folder is disposable.
        }
        return ValueTask.CompletedTask;
    }
}
