using CharacterFunctions.Functions.Actors;
using CharacterFunctions.Functions.Entities;
using CharacterFunctions.Functions.Events;
using CharacterFunctions.Functions.Hosting;
using CharacterFunctions.Functions.Housekeeping;
using CharacterFunctions.Functions.Http;
using CharacterFunctions.Functions.Orchestrations;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Roleplay.Storage.Caching;
using CharacterFunctions.Storage.Tables;
using CharacterFunctions.Tests.Durable;
using Microsoft.Extensions.DependencyInjection;

namespace CharacterFunctions.Tests.Hosting;

public sealed class AzureHostServicesTests
{
    private static readonly IReadOnlyDictionary<string, string?> LocalSettings = AppHost.LocalSettings;

    private static ServiceProvider Build(IEnumerable<KeyValuePair<string, string?>> settings) => AppHost.Build(settings);

    [Fact]
    public async Task AddCharacterFunctionsAzure_LocalSettings_CreatesEveryFunctionAndTheEntity()
    {
        // ServiceBusClient and ServiceBusSender are IAsyncDisposable only: the container must be disposed asynchronously.
        await using ServiceProvider provider = Build(LocalSettings);
        await using AsyncServiceScope scope = provider.CreateAsyncScope();

        // The worker activates these per invocation from the scope, exactly like this.
        Type[] activated =
        [
            typeof(GameEventsFunction), typeof(GenerateNudgeActivity), typeof(GenerateReactionActivity),
            typeof(PublishMessageActivity), typeof(SessionEntity), typeof(TaskHubPurgeFunction),
            typeof(CharactersFunctions), typeof(SessionsFunctions), typeof(TurnsFunctions), typeof(MessagesFunctions), typeof(HealthFunction),
        ];
        Assert.All(activated, type => Assert.NotNull(ActivatorUtilities.CreateInstance(scope.ServiceProvider, type)));
        Assert.IsType<DurableSessionActors>(scope.ServiceProvider.GetRequiredService<ISessionActors>());
    }

    [Fact]
    public async Task AddCharacterFunctionsAzure_ManyInstances_CachesProfilesButNeverSessionHeads()
    {
        await using ServiceProvider provider = Build(LocalSettings);

        // A stale head would fail the conditional commit (412) after the model call and cost a second one.
        Assert.IsType<TableSessionStore>(provider.GetRequiredService<ISessionStore>());
        Assert.IsType<CachedCharacterStore>(provider.GetRequiredService<ICharacterStore>());
    }

    [Fact]
    public async Task AddCharacterFunctionsAzure_CharacterCacheSecondsZero_LeavesProfilesUncached()
    {
        var settings = new Dictionary<string, string?>(LocalSettings) { ["Characters:CacheSeconds"] = "0" };

        await using ServiceProvider provider = Build(settings);

        Assert.IsType<TableCharacterStore>(provider.GetRequiredService<ICharacterStore>());
    }

    [Fact]
    public void AddCharacterFunctionsAzure_CharacterCacheSecondsNegative_FailsAtStartupNamingTheSetting()
    {
        var settings = new Dictionary<string, string?>(LocalSettings) { ["Characters:CacheSeconds"] = "-5" };

        var error = Assert.Throws<InvalidOperationException>(() => Build(settings));

        Assert.Contains("Characters__CacheSeconds", error.Message);
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

    [Theory]
    [InlineData("Auth:OperatorKey")]
    [InlineData("Auth:SessionTokenSecret")]
    [InlineData("Model:ApiKey")]
    public void AddCharacterFunctionsAzure_UnresolvedKeyVaultReference_RefusesToStartNamingTheSettingNotTheValue(string key)
    {
        var settings = new Dictionary<string, string?>(LocalSettings)
        {
            [key] = "@Microsoft.KeyVault(SecretUri=https://kv-characters.vault.azure.net/secrets/operator-key/)",
        };

        var error = Assert.Throws<InvalidOperationException>(() => Build(settings));

        Assert.Contains(key, error.Message);
        Assert.DoesNotContain("vault.azure.net", error.Message);
    }

    [Fact]
    public void AddCharacterFunctionsAzure_HousekeepingTooShort_FailsAtStartupNamingTheSetting()
    {
        var settings = new Dictionary<string, string?>(LocalSettings) { ["Housekeeping:PurgeAfter"] = "00:05:00" };

        var error = Assert.Throws<InvalidOperationException>(() => Build(settings));

        Assert.Contains("Housekeeping__PurgeAfter", error.Message);
    }
}
