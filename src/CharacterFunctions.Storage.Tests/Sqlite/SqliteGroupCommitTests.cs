using CharacterFunctions.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace CharacterFunctions.Storage.Tests.Sqlite;

/// <summary>
/// Group commit (<see cref="SqliteDatabase.WriteAsync{T}"/>): writes queued behind a running transaction share the
/// next one, each in its own savepoint. The first write is held open on a gate so the queue is deterministic.
/// </summary>
public sealed class SqliteGroupCommitTests(SqliteFixture fixture) : IClassFixture<SqliteFixture>, IDisposable
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly SqliteDatabase _database = new($"Data Source={Path.Combine(fixture.Directory, $"{Guid.NewGuid():N}.db")}");

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task WriteAsync_WritesQueuedBehindARunningOne_CommittedTogetherInOneTransaction()
    {
        await CreateTableAsync();
        var (first, release) = HoldGate("first");
        var (writesBefore, transactionsBefore) = (_database.CommittedWrites, _database.CommittedTransactions);

        var queued = Enumerable.Range(1, 5).Select(i => InsertAsync($"k{i}")).ToList();
        release.SetResult();
        await first;
        var results = await Task.WhenAll(queued);

        Assert.Equal(["k1", "k2", "k3", "k4", "k5"], results);
        Assert.Equal(6, _database.CommittedWrites - writesBefore);
        Assert.Equal(2, _database.CommittedTransactions - transactionsBefore);
        Assert.Equal(["first", "k1", "k2", "k3", "k4", "k5"], await KeysAsync());
    }

    [Fact]
    public async Task WriteAsync_OneWriteOfAGroupThrows_OnlyItsChangesRolledBackAndOnlyItsCallerFails()
    {
        await CreateTableAsync();
        var (first, release) = HoldGate("first");

        var before = InsertAsync("before");
        var failing = _database.WriteAsync<string>(async (connection, transaction) =>
        {
            await ExecuteAsync(connection, transaction, "INSERT INTO probe (k) VALUES ('doomed')");
            throw new InvalidOperationException("refused after a statement");
        }, Ct);
        var after = InsertAsync("after");
        release.SetResult();
        await first;

        Assert.Equal("before", await before);
        Assert.Equal("after", await after);
        Assert.Equal("refused after a statement", (await Assert.ThrowsAsync<InvalidOperationException>(() => failing)).Message);
        Assert.Equal(["after", "before", "first"], await KeysAsync());
    }

    [Fact]
    public async Task WriteAsync_AWriteBreaksTheSharedTransaction_EveryWriteOfItFailsAndNoneIsKept()
    {
        await CreateTableAsync();
        var (first, release) = HoldGate("first");

        var before = InsertAsync("before");
        // Ending the transaction under the group's feet: its savepoint is gone, so the group cannot be kept in part.
        var breaking = _database.WriteAsync<string>(async (connection, transaction) =>
        {
            await ExecuteAsync(connection, transaction, "ROLLBACK");
            throw new InvalidOperationException("broke the transaction");
        }, Ct);
        var after = InsertAsync("after");
        release.SetResult();
        await first;

        await Assert.ThrowsAnyAsync<Exception>(() => before);
        await Assert.ThrowsAnyAsync<Exception>(() => breaking);
        await Assert.ThrowsAnyAsync<Exception>(() => after);
        Assert.Equal(["first"], await KeysAsync());
        Assert.Equal("later", await InsertAsync("later"));
    }

    [Fact]
    public async Task WriteAsync_CallerCancelsWhileQueued_NotWrittenAndCancelled()
    {
        await CreateTableAsync();
        var (first, release) = HoldGate("first");
        using var cancel = new CancellationTokenSource();

        var cancelled = InsertAsync("cancelled", cancel.Token);
        var kept = InsertAsync("kept");
        await cancel.CancelAsync();
        release.SetResult();
        await first;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal("kept", await kept);
        Assert.Equal(["first", "kept"], await KeysAsync());
    }

    [Fact]
    public async Task WriteAsync_LoneWriteThrows_RolledBackAndCallerFails()
    {
        await CreateTableAsync();

        var failing = _database.WriteAsync<string>(async (connection, transaction) =>
        {
            await ExecuteAsync(connection, transaction, "INSERT INTO probe (k) VALUES ('doomed')");
            throw new InvalidOperationException("refused");
        }, Ct);

        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Empty(await KeysAsync());
    }

    /// <summary>A write that holds the writer until released, so the writes started meanwhile queue behind it.</summary>
    private (Task<string> Write, TaskCompletionSource Release) HoldGate(string key)
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var write = _database.WriteAsync(async (connection, transaction) =>
        {
            await ExecuteAsync(connection, transaction, $"INSERT INTO probe (k) VALUES ('{key}')");
            started.SetResult();
            await release.Task;
            return key;
        }, Ct);
        started.Task.Wait(TimeSpan.FromSeconds(30));
        return (write, release);
    }

    private Task<string> InsertAsync(string key, CancellationToken ct = default) =>
        _database.WriteAsync(async (connection, transaction) =>
        {
            await ExecuteAsync(connection, transaction, $"INSERT INTO probe (k) VALUES ('{key}')");
            return key;
        }, ct);

    private Task CreateTableAsync() =>
        _database.WriteAsync(async (connection, transaction) =>
        {
            await ExecuteAsync(connection, transaction, "CREATE TABLE IF NOT EXISTS probe (k TEXT PRIMARY KEY)");
            return 0;
        }, Ct);

    private async Task<List<string>> KeysAsync()
    {
        await using var connection = await _database.OpenAsync(Ct);
        await using var command = SqliteDatabase.Command(connection, null, "SELECT k FROM probe ORDER BY k");
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var keys = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            keys.Add(reader.GetString(0));
        }
        return keys;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        await using var command = SqliteDatabase.Command(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(Ct);
    }
}
