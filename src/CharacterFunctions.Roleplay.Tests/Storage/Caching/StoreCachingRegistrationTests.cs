using CharacterFunctions.Roleplay.Characters;
using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Roleplay.Storage.Caching;
using CharacterFunctions.Roleplay.Tests.Services.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CharacterFunctions.Roleplay.Tests.Storage.Caching;

public sealed class StoreCachingRegistrationTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 5, 0, 0, TimeSpan.Zero));

    private ServiceCollection Stores(InMemoryCharacterStore characters)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<ISessionStore, InMemorySessionStore>();
        services.AddSingleton<ICharacterStore>(characters);
        return services;
    }

    private static IConfiguration Settings(string? cacheSeconds) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [CharacterCacheSettings.Key] = cacheSeconds }).Build();

    private static CharacterProfile Profile(string name) => new()
    {
        Id = "c-1",
        Name = name,
        Model = "qwen-plus-character",
        SystemPrompt = "You are Jiang Rang.",
    };

    [Fact]
    public void CacheSessionHeads_StoreRegistered_ResolvesOneCachedStore()
    {
        using var provider = Stores(new InMemoryCharacterStore()).CacheSessionHeads().BuildServiceProvider();

        var store = Assert.IsType<CachedSessionStore>(provider.GetRequiredService<ISessionStore>());
        Assert.Same(store, provider.GetRequiredService<ISessionStore>());
    }

    [Fact]
    public void CacheSessionHeads_NoStoreRegistered_Throws()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().CacheSessionHeads());

        Assert.Contains(nameof(ISessionStore), error.Message);
    }

    [Fact]
    public async Task CacheCharacters_Unset_CachesForTenSeconds()
    {
        var inner = new InMemoryCharacterStore();
        using var provider = Stores(inner).CacheCharacters(Settings(null)).BuildServiceProvider();
        var store = Assert.IsType<CachedCharacterStore>(provider.GetRequiredService<ICharacterStore>());
        await store.PutAsync(Profile("First"), null, CancellationToken.None);
        await inner.PutAsync(Profile("Other instance"), null, CancellationToken.None);

        _time.Advance(TimeSpan.FromSeconds(9));
        var young = await store.GetAsync("c-1", CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(1));
        var aged = await store.GetAsync("c-1", CancellationToken.None);

        Assert.Equal(("First", "Other instance"), (young!.Name, aged!.Name));
    }

    [Fact]
    public void CacheCharacters_Zero_LeavesStoreUncached()
    {
        var inner = new InMemoryCharacterStore();
        using var provider = Stores(inner).CacheCharacters(Settings("0")).BuildServiceProvider();

        Assert.Same(inner, provider.GetRequiredService<ICharacterStore>());
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("3601")]
    [InlineData("1.5")]
    [InlineData("ten")]
    public void CacheCharacters_OutOfRangeOrNotWholeSeconds_FailsNamingTheSetting(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Stores(new InMemoryCharacterStore()).CacheCharacters(Settings(value)));

        Assert.Contains("Characters__CacheSeconds", error.Message);
    }

    [Fact]
    public void MaxAge_Configured_IsThoseSeconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), CharacterCacheSettings.MaxAge(Settings("30")));
    }
}
