using System.Net;
using System.Net.Sockets;
using CharacterFunctions.LocalHost.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace CharacterFunctions.LocalHost.Tests;

/// <summary>Where the host listens when the standard ASP.NET Core settings say so (containers set HTTP_PORTS).</summary>
public sealed class ListenAddressTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cf-listen-" + Guid.NewGuid().ToString("N"));

    public ListenAddressTests() => Directory.CreateDirectory(_directory);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder.
        }
    }

    [Fact]
    public async Task HttpPortsConfigured_ServesOnThatPortInsteadOfTheDefault()
    {
        var port = FreePort();
        await using var app = LocalHostApp.Build([], configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["http_ports"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Storage:ConnectionString"] = $"Data Source={Path.Combine(_directory, "listen.db")}",
            ["Auth:OperatorKey"] = "listen-operator-key",
            ["Auth:SessionTokenSecret"] = "listen-token-secret-0123456789abcdef",
            ["Logging:LogLevel:Default"] = "Warning",
        }));
        await app.StartAsync();
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
