using Azure.Data.Tables;
using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Storage.Tables;
using Microsoft.Extensions.DependencyInjection;

namespace CharacterFunctions.Storage.Tests.Tables;

public sealed class TableStorageTests
{
    private static readonly TableServiceClient Offline =
        new("DefaultEndpointsProtocol=http;AccountName=none;AccountKey=AAAA;TableEndpoint=http://127.0.0.1:9/none;");

    [Theory]
    [InlineData("1abc")]
    [InlineData("with-dash")]
    [InlineData("under_score")]
    public void Constructor_InvalidPrefix_Throws(string prefix)
    {
        Assert.Throws<ArgumentException>(() => new TableStorage(Offline, prefix));
    }

    [Fact]
    public void AddTableStores_RegistersAllStoresAsSingletons()
    {
        var services = new ServiceCollection().AddTableStores(Offline, "dev");

        using var provider = services.BuildServiceProvider();

        Assert.IsType<TableCharacterStore>(provider.GetRequiredService<ICharacterStore>());
        Assert.IsType<TableSessionStore>(provider.GetRequiredService<ISessionStore>());
        Assert.IsType<TableIdempotencyStore>(provider.GetRequiredService<IIdempotencyStore>());
        Assert.IsType<TableActorStateStore>(provider.GetRequiredService<ISessionActorStateStore>());
        Assert.Same(provider.GetRequiredService<ISessionStore>(), provider.GetRequiredService<ISessionStore>());
    }
}
