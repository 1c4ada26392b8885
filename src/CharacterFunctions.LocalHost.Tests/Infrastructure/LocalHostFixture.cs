using Microsoft.AspNetCore.Builder;

namespace CharacterFunctions.LocalHost.Tests.Infrastructure;

/// <summary>
/// The fake model server and the real local host, both on loopback ports, sharing a temp SQLite
/// database. A restart is <see cref="StopHostAsync"/> then <see cref="StartHostAsync"/>: a new host on the same database.
/// </summary>
public sealed class LocalHostFixture : IAsyncLifetime
{
    public const string OperatorKey = "test-operator-key";
    public const string TokenSecret = "test-session-token-secret-0123456789abcdef";

    private readonly HostSandbox _sandbox = new("localhost-tests");
    private WebApplication? _app;

    public ModelEndpoint Model { get; private set; } = null!;
    public ApiClient Api { get; private set; } = null!;

    /// <summary>The running host's services (e.g. its SQLite database, to count write transactions).</summary>
    public IServiceProvider Services => (_app ?? throw new InvalidOperationException("The host is not running.")).Services;

    public async Task InitializeAsync()
    {
        Model = await ModelEndpoint.StartAsync();
        await StartHostAsync();
    }

    /// <summary>Stops the host the way a process stop does (graceful shutdown); <see cref="StartHostAsync"/> starts a fresh one on the same database.</summary>
    public async Task StopHostAsync()
    {
        if (_app is null)
        {
            return;
        }
        Api.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    public async Task DisposeAsync()
    {
        await StopHostAsync();
        await Model.DisposeAsync();
        await _sandbox.DisposeAsync();
    }

    public async Task StartHostAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Model:BaseUrl"] = Model.BaseUrl,
            ["Model:ApiKey"] = "test-model-key",
            ["Model:RetryBaseDelay"] = "00:00:00.050",
            ["Model:MaxRetries"] = "2",
            ["Auth:OperatorKey"] = OperatorKey,
            ["Auth:SessionTokenSecret"] = TokenSecret,
            // Short claim leases so a test can outlive one with a slow model call.
            ["Claims:LeaseSeconds"] = "1",
            ["Claims:RenewSeconds"] = "0.25",
        };
        _app = await _sandbox.StartHostAsync("test.db", settings);
        // Kestrel reports the real port of 127.0.0.1:0 once started.
        var address = _app.Urls.First();
        Api = new ApiClient(new Uri(address), OperatorKey);
    }
}

[CollectionDefinition(Name)]
public sealed class LocalHostCollection : ICollectionFixture<LocalHostFixture>
{
    // One host and one model fake for the suite: scripted model answers are a queue, so tests run one at a time.
    public const string Name = "local host";
}
