using Azure.Data.Tables;
using CharacterFunctions.Storage.Tables;
using CharacterFunctions.Storage.Tests.Infrastructure;

namespace CharacterFunctions.Storage.Tests.Tables;

/// <summary>
/// Stores on Azurite with a table prefix unique to the test class, so runs never collide; the
/// tables are deleted afterwards. Without Azurite the tests are skipped and nothing is created.
/// </summary>
public sealed class TableFixture : IAsyncLifetime
{
    private TableServiceClient? _client;
    private TableStorage? _storage;

    public string Prefix { get; } = "t" + Guid.NewGuid().ToString("N")[..12];

    public TableServiceClient Client => _client ??= Azurite.CreateClient();

    public TableStorage Storage => _storage ??= new TableStorage(Client, Prefix);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_client is null)
        {
            return;
        }

        foreach (var table in new[] { TableStorage.CharactersTable, TableStorage.SessionsTable, TableStorage.ActorStatesTable })
        {
            await _client.DeleteTableAsync(Prefix + table);
        }
    }
}
