using CharacterFunctions.Roleplay.Alternatives;
using CharacterFunctions.Roleplay.Commits;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Events;
using CharacterFunctions.Roleplay.Generation;
using CharacterFunctions.Roleplay.ModelApi;
using CharacterFunctions.Roleplay.Nudges;
using CharacterFunctions.Roleplay.Profiles;
using CharacterFunctions.Roleplay.Security;
using CharacterFunctions.Roleplay.SessionLifecycle;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Roleplay.Turns;
using CharacterFunctions.Roleplay.Tests.Services.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CharacterFunctions.Roleplay.Tests.Services;

public sealed class RoleplayCoreRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<IServiceCollection>? before = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        before?.Invoke(services);
        services.AddRoleplayCore(configuration);
        // What the hosts add: model client, stores, actors.
        services.AddSingleton<IChatModel, FakeChatModel>();
        services.AddSingleton<ISessionStore, InMemorySessionStore>();
        services.AddSingleton<ICharacterStore, InMemoryCharacterStore>();
        services.AddSingleton<IIdempotencyStore, InMemoryIdempotencyStore>();
        services.AddSingleton<ISessionActors, FakeSessionActors>();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public void AddRoleplayCore_WithSecret_ResolvesEveryServiceWithDefaults()
    {
        using var provider = Build(new() { ["Auth:SessionTokenSecret"] = "s3cret", ["Auth:OperatorKey"] = "op", ["Auth:TokenLifetime"] = "01:00:00" });

        Assert.NotNull(provider.GetRequiredService<TurnService>());
        Assert.NotNull(provider.GetRequiredService<SessionService>());
        Assert.NotNull(provider.GetRequiredService<CharacterService>());
        Assert.NotNull(provider.GetRequiredService<IdleContinuationService>());
        Assert.NotNull(provider.GetRequiredService<EventReactionService>());
        Assert.NotNull(provider.GetRequiredService<GameEventIntake>());
        Assert.IsType<NoSessionLock>(provider.GetRequiredService<ISessionLock>());
        var waiter = Assert.IsType<PollingTranscriptWaiter>(provider.GetRequiredService<ITranscriptWaiter>());
        Assert.Contains(waiter, provider.GetServices<ITranscriptObserver>());
        Assert.True(provider.GetRequiredService<OperatorKey>().Matches("op"));
        Assert.Equal(TimeSpan.FromHours(1), provider.GetRequiredService<IOptions<AuthOptions>>().Value.TokenLifetime);
        var tokens = provider.GetRequiredService<SessionTokens>();
        Assert.Equal("p", tokens.Validate(tokens.Issue("s", "p"))!.PlayerId);
    }

    [Fact]
    public void AddRoleplayCore_NoTokenSecret_FailsOptionsValidation()
    {
        using var provider = Build([]);

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<AuthOptions>>().Value);
    }

    [Fact]
    public void AddRoleplayCore_SessionsDefaultIdle_BoundFromConfiguration()
    {
        using var provider = Build(new() { ["Auth:SessionTokenSecret"] = "s3cret", ["Sessions:DefaultIdle:AfterSeconds"] = "30" });

        Assert.Equal(new IdlePolicy(30, 1), provider.GetRequiredService<IOptions<SessionDefaults>>().Value.DefaultIdle);
    }

    [Fact]
    public void AddRoleplayCore_UnparsableDefaultIdle_FailsOptionsValidation()
    {
        using var provider = Build(new() { ["Auth:SessionTokenSecret"] = "s3cret", ["Sessions:DefaultIdle:AfterSeconds"] = "soon" });

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SessionDefaults>>().Value);
    }

    [Fact]
    public void AddRoleplayCore_HostRegisteredLock_IsKept()
    {
        var hostLock = new RecordingLock();
        using var provider = Build(new() { ["Auth:SessionTokenSecret"] = "s3cret" }, services => services.AddSingleton<ISessionLock>(hostLock));

        Assert.Same(hostLock, provider.GetRequiredService<ISessionLock>());
    }

    private sealed class RecordingLock : ISessionLock
    {
        public ValueTask<IAsyncDisposable> AcquireAsync(string sessionId, CancellationToken ct) => new NoSessionLock().AcquireAsync(sessionId, ct);
    }
}
