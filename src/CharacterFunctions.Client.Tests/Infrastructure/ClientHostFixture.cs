using System.Net;
using System.Net.Sockets;
using CharacterFunctions.LocalHost.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;

namespace CharacterFunctions.Client.Tests.Infrastructure;

/// <summary>
/// The real local host and the fake model on loopback, for the client to talk to. The host listens on
/// one fixed port for the fixture's life, so a restart comes back where clients already point.
/// </summary>
public sealed class ClientHostFixture : IAsyncLifetime
{
    public const string OperatorKey = "client-tests-operator-key";

    private readonly HostSandbox _sandbox = new("client-tests");
    private WebApplication? _app;

    public ModelEndpoint Model { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Model = await ModelEndpoint.StartAsync();
        BaseAddress = new Uri($"http://127.0.0.1:{FreePort()}/");
        await StartHostAsync();
    }

    public async Task StartHostAsync()
    {
        _app = await _sandbox.StartHostAsync("client.db", new Dictionary<string, string?>
        {
            ["urls"] = BaseAddress.GetLeftPart(UriPartial.Authority),
            ["Model:BaseUrl"] = Model.BaseUrl,
            ["Model:ApiKey"] = "test-model-key",
            ["Model:RetryBaseDelay"] = "00:00:00.050",
            ["Model:MaxRetries"] = "2",
            ["Auth:OperatorKey"] = OperatorKey,
            ["Auth:SessionTokenSecret"] = "client-tests-session-token-secret-0123456789",
        });
    }

    /// <summary>Stops the host as a process stop does; the database stays for <see cref="StartHostAsync"/>.</summary>
    public async Task StopHostAsync()
    {
        if (_app is null)
        {
            return;
        }
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class ClientHostCollection : ICollectionFixture<ClientHostFixture>
{
    // One host for the suite; tests that restart it must not overlap with others.
    public const string Name = "client against local host";
}
