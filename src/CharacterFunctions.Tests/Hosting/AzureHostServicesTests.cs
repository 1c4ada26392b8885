using CharacterFunctions.Functions.Actors;
using CharacterFunctions.Functions.Entities;
using CharacterFunctions.Functions.Events;
using CharacterFunctions.Functions.Hosting;
using CharacterFunctions.Functions.Orchestrations;
using CharacterFunctions.Roleplay.Sessions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CharacterFunctions.Tests.Hosting;

public sealed class AzureHostServicesTests
{
    private static readonly Dictionary<string, string?> LocalSettings = new()
    {
        ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
        ["ServiceBusConnection"] = "Endpoint=sb://localhost;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;",
        ["Model:ApiKey"] = "test-key",
        ["Auth:SessionTokenSecret"] = "0123456789abcdef0123456789abcdef0123456789",
        ["Auth:OperatorKey"] = "operator-test-key",
    };

    private static ServiceProvider Build(IDictionary<string, string?> settings)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton(configuration);
        services.AddCharacterFunctionsAzure(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    [Fact]
    public void AddCharacterFunctionsAzure_LocalSettings_CreatesEveryFunctionAndTheEntity()
    {
        using ServiceProvider provider = Build(LocalSettings);
        using IServiceScope scope = provider.CreateScope();

        // The worker activates these per invocation from the scope, exactly like this.
        Type[] activated =
        [
            typeof(GameEventsFunction), typeof(GenerateNudgeActivity), typeof(GenerateReactionActivity),
            typeof(PublishMessageActivity), typeof(SessionEntity),
        ];
        Assert.All(activated, type => Assert.NotNull(ActivatorUtilities.CreateInstance(scope.ServiceProvider, type)));
        Assert.IsType<DurableSessionActors>(scope.ServiceProvider.GetRequiredService<ISessionActors>());
    }

    [Fact]
    public void AddCharacterFunctionsAzure_NoTableStorage_FailsAtStartupNamingTheSettings()
    {
        var settings = new Dictionary<string, string?>(LocalSettings);
        settings.Remove("Storage:ConnectionString");

        var error = Assert.Throws<InvalidOperationException>(() => Build(settings));

        Assert.Contains("Storage__TableServiceUri", error.Message);
    }

    [Fact]
    public void AddCharacterFunctionsAzure_NoServiceBus_FailsAtStartupNamingTheSetting()
    {
        var settings = new Dictionary<string, string?>(LocalSettings);
        settings.Remove("ServiceBusConnection");

        var error = Assert.Throws<InvalidOperationException>(() => Build(settings));

        Assert.Contains("ServiceBusConnection", error.Message);
    }
}
