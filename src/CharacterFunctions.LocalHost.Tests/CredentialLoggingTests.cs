using System.Net;
using CharacterFunctions.LocalHost.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace CharacterFunctions.LocalHost.Tests;

/// <summary>Credentials a client puts in the query string never reach the logs, whatever log level is configured.</summary>
public sealed class CredentialLoggingTests : IAsyncLifetime
{
    private readonly HostSandbox _sandbox = new("credential-logs");
    private ModelEndpoint _model = null!;

    public async Task InitializeAsync() => _model = await ModelEndpoint.StartAsync();

    public async Task DisposeAsync()
    {
        await _model.DisposeAsync();
        await _sandbox.DisposeAsync();
    }

    [Fact]
    public async Task QueryCredentials_EvenWithFrameworkRequestLogsEnabled_NeverLoggedButRequestLineIs()
    {
        var logs = new CapturedLogs();
        await using var app = await _sandbox.StartHostAsync("logs.db", new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Model:BaseUrl"] = _model.BaseUrl,
            ["Model:ApiKey"] = "test-model-key",
            ["Auth:OperatorKey"] = LocalHostFixture.OperatorKey,
            ["Auth:SessionTokenSecret"] = LocalHostFixture.TokenSecret,
            // The worst case: an operator turns on ASP.NET Core's own request lines and Kestrel's details.
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
            ["Logging:LogLevel:CharacterFunctions"] = "Information",
        }, logging => logging.AddProvider(logs));
        using var api = new ApiClient(new Uri(app.Urls.First()), LocalHostFixture.OperatorKey);

        using var withCode = await api.SendAsync(HttpMethod.Get, "/api/characters?code=SECRET-OPERATOR-KEY&after=3", asOperator: false);
        using var withToken = await api.SendAsync(HttpMethod.Get, "/api/sessions/s-1?access_token=SECRET-PLAYER-TOKEN", asOperator: false);
        using var withSig = await api.SendAsync(HttpMethod.Get, "/api/health?sig=SECRET-SIGNATURE&apiKey=SECRET-API-KEY", asOperator: false);
        await app.StopAsync();

        // A query credential is not a credential: the player token is read from the Authorization header only.
        Assert.Equal(HttpStatusCode.Unauthorized, withToken.StatusCode);
        var lines = logs.Lines;
        Assert.DoesNotContain(lines, line => line.Contains("SECRET", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(lines, line => line.Contains("GET /api/characters?code=***&after=3 responded 401", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("/api/sessions/s-1?access_token=***", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("/api/health?sig=***&apiKey=***", StringComparison.Ordinal));
    }
}
