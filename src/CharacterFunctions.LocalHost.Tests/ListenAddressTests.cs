using System.Net;
using System.Net.Sockets;
using CharacterFunctions.LocalHost.Tests.Infrastructure;

namespace CharacterFunctions.LocalHost.Tests;

/// <summary>Where the host listens when the standard ASP.NET Core settings say so (containers set HTTP_PORTS).</summary>
public sealed class ListenAddressTests : IAsyncLifetime
{
    private readonly HostSandbox _sandbox = new("listen");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task HttpPortsConfigured_ServesOnThatPortInsteadOfTheDefault()
    {
        var port = FreePort();
        await using var app = await _sandbox.StartHostAsync("listen.db", new Dictionary<string, string?>
        {
            ["http_ports"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Auth:OperatorKey"] = "listen-operator-key",
            ["Auth:SessionTokenSecret"] = "listen-token-secret-0123456789abcdef",
        });
        using var api = new ApiClient(new Uri($"http://127.0.0.1:{port}"), "listen-operator-key");

        using var response = await api.SendAsync(HttpMethod.Get, "/api/health", asOperator: false);

        await ApiClient.ExpectJsonAsync(response, HttpStatusCode.OK);
        Assert.DoesNotContain(app.Urls, url => url.Contains(":7071", StringComparison.Ordinal));
        await app.StopAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
