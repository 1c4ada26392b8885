using System.Diagnostics;
using CharacterFunctions.Functions.Hosting;
using CharacterFunctions.Roleplay.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CharacterFunctions.Tests.Hosting;

public sealed class AzureTelemetryTests
{
    [Fact]
    public void AddCharacterFunctionsTelemetry_WithConnectionString_SubscribesToTheCoreSourceAndMeter()
    {
        // An unroutable ingestion endpoint: nothing leaves the machine.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddCharacterFunctionsTelemetry();

        using ServiceProvider provider = services.BuildServiceProvider();
        Assert.NotNull(provider.GetService<TracerProvider>());
        Assert.NotNull(provider.GetService<MeterProvider>());

        using Activity? activity = RoleplayTelemetry.StartModelCall("s-1", "c-1", "qwen-plus-character", streaming: false);
        Assert.NotNull(activity);
        // Subscribed with data; whether a span is exported is the Azure Monitor sampler's call (rate-limited).
        Assert.True(activity.IsAllDataRequested);
    }
}
