using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using static CharacterFunctions.Storage.Tests.Infrastructure.TestData;

namespace CharacterFunctions.Storage.Tests.Sqlite;

/// <summary>SQLite-specific behaviour: WAL, restart, separate processes sharing one file, registration.</summary>
public sealed class SqliteDatabaseTests(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task OpenAsync_NewDatabase_UsesWriteAheadLog()
    {
        await using var connection = await fixture.Database.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";

        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync(Ct));
    }

    [Fact]
    public async Task NewDatabaseInstance_SameFile_SeesDataAndReRunsSchemaSafely()
    {
        var head = await new SqliteSessionStore(fixture.Database).CreateAsync(Session(lastSeq: 1), [Opening()], Ct);

        using var restarted = new SqliteDatabase(fixture.ConnectionString);
        var store = new SqliteSessionStore(restarted);

        Assert.Equal(head.Version, (await store.GetAsync(head.SessionId, Ct))!.Version);
        Assert.Single(await store.ReadPageAsync(head.SessionId, 0, 10, Ct));
    }

    [Fact]
    public async Task OpenAsync_DatabaseFromBeforeLeases_AddsOwnerAndLeaseAndKeepsOldClaims()
    {
        var connectionString = $"Data Source={Path.Combine(fixture.Directory, $"{Guid.NewGuid():N}.db")}";
        await using (var old = new Microsoft.Data.Sqlite.SqliteConnection(connectionString))
        {
            await old.OpenAsync(Ct);
            await using var create = old.CreateCommand();
            create.CommandText =
                "CREATE TABLE idempotency (session_id TEXT NOT NULL, operation_id TEXT NOT NULL, request_hash TEXT NOT NULL, " +
                "status TEXT NOT NULL, result_json TEXT NULL, claimed_at INTEGER NOT NULL, PRIMARY KEY (session_id, operation_id));" +
                $"INSERT INTO idempotency VALUES ('s-old', 't-1', 'h', 'inFlight', NULL, {T0.UtcTicks});";
            await create.ExecuteNonQueryAsync(Ct);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        using var upgraded = new SqliteDatabase(connectionString);
        var store = new SqliteIdempotencyStore(upgraded);
        var legacy = await store.GetAsync("s-old", "t-1", Ct);
        var takeOver = legacy! with { ClaimedAt = T0.AddMinutes(1), Owner = "new-process", LeaseUntil = T0.AddMinutes(2) };

        Assert.Equal(new IdempotencyRecord("s-old", "t-1", "h", IdempotencyStatus.InFlight, null, T0), legacy);
        Assert.True(await store.TryTakeOverAsync(legacy, takeOver, Ct));
        Assert.Equal(takeOver, await store.GetAsync("s-old", "t-1", Ct));
    }

    [Fact]
    public async Task CommitAsync_TwoDatabaseInstancesRacing_ExactlyOneWins()
    {
        // Separate instances do not share the in-process write gate, like two processes on one file.
        var head = await new SqliteSessionStore(fixture.Database).CreateAsync(Session(lastSeq: 1), [Opening()], Ct);
        using var other = new SqliteDatabase(fixture.ConnectionString);
        ISessionStore[] stores = [new SqliteSessionStore(fixture.Database), new SqliteSessionStore(other)];

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(async i =>
        {
            await Task.Yield();
            try
            {
                await stores[i % 2].CommitAsync(SessionCommit.Append(head, head with { LastSeq = 2 }, [User(2, $"u{i}")]), Ct);
                return true;
            }
            catch (ConcurrencyException)
            {
                return false;
            }
        }));

        Assert.Single(results, won => won);
        Assert.Equal(2, (await stores[0].ReadPageAsync(head.SessionId, 0, 10, Ct)).Count);
    }

    [Fact]
    public void AddSqliteStores_RegistersAllStoresSharingOneDatabase()
    {
        var services = new ServiceCollection().AddSqliteStores(fixture.ConnectionString);

        using var provider = services.BuildServiceProvider();

        Assert.IsType<SqliteCharacterStore>(provider.GetRequiredService<ICharacterStore>());
        Assert.IsType<SqliteSessionStore>(provider.GetRequiredService<ISessionStore>());
        Assert.IsType<SqliteIdempotencyStore>(provider.GetRequiredService<IIdempotencyStore>());
        Assert.IsType<SqliteActorStateStore>(provider.GetRequiredService<ISessionActorStateStore>());
        Assert.Same(provider.GetRequiredService<SqliteDatabase>(), provider.GetRequiredService<SqliteDatabase>());
    }
}
