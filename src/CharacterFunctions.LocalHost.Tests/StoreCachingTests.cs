using CharacterFunctions.LocalHost.Tests.Infrastructure;
using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Roleplay.Storage.Caching;
using Microsoft.Extensions.DependencyInjection;

namespace CharacterFunctions.LocalHost.Tests;

public sealed class StoreCachingTests
{
    [Fact]
    public async Task Build_SoleOwnerOfItsDatabase_CachesSessionHeadsAndCharacters()
    {
        await using var sandbox = new HostSandbox("caching");
        await using var app = await sandbox.StartHostAsync("caching.db", HostSandbox.KeylessHostSettings("op-key", "a-token-secret"));

        Assert.IsType<CachedSessionStore>(app.Services.GetRequiredService<ISessionStore>());
        Assert.IsType<CachedCharacterStore>(app.Services.GetRequiredService<ICharacterStore>());
    }
}
