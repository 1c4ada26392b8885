using System.Net;
using CharacterFunctions.LocalHost.Tests.Infrastructure;

namespace CharacterFunctions.LocalHost.Tests;

/// <summary>Seed 003 offers personified content generation only in Beijing: a host configured for another region refuses it.</summary>
public sealed class GenerateRegionTests : IAsyncLifetime
{
    private const string OperatorKey = "generate-region-operator-key";
    private readonly HostSandbox _sandbox = new("generate-region");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task Generate_InternationalRegion_BadRequestNamingTheRegion()
    {
        await using var app = await _sandbox.StartHostAsync(Guid.NewGuid().ToString("N") + ".db", new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Model:Region"] = "International",
            ["Model:ApiKey"] = "sk-not-used",
            ["Auth:OperatorKey"] = OperatorKey,
            ["Auth:SessionTokenSecret"] = "generate-region-token-secret-0123456789abcdef",
        });
        using var api = new ApiClient(new Uri(app.Urls.First()), OperatorKey);

        using var response = await api.SendAsync(HttpMethod.Post, "/api/generate", new { profile = "You are a bard.", instruction = "Write a toast." });

        var problem = await ApiClient.ExpectProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("region_unsupported", problem["code"]!.GetValue<string>());
        Assert.Contains("International", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
