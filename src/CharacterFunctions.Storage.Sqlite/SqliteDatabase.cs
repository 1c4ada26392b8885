using Microsoft.Data.Sqlite;

namespace CharacterFunctions.Storage.Sqlite;

/// <summary>
/// One SQLite database file shared by all stores: opens pooled connections with a busy timeout,
/// creates the schema once, and serialises this process's writers (SQLite allows one writer;
/// queuing here avoids spinning on SQLITE_BUSY, while busy_timeout still covers other processes).
/// </summary>
public sealed class SqliteDatabase : IDisposable
{
    private const int BusyTimeoutMs = 10_000;

    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private volatile bool _schemaReady;

    public SqliteDatabase(string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            Pooling = true,
            DefaultTimeout = BusyTimeoutMs / 1000,
        };
        _connectionString = builder.ToString();
    }

    /// <summary>An open connection with the schema in place.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(ct);
            // Per connection: busy_timeout, and synchronous = NORMAL, which in WAL mode stops fsyncing the
            // log on every commit (it syncs at checkpoints). Commits stay atomic and survive a process
            // crash; only an OS crash or power cut can lose the latest commits. Measured: FULL cost each
            // turn several fsyncs and capped the local host at a few hundred turns/s (docs/performance.md).
            await ExecuteAsync(connection, $"PRAGMA busy_timeout = {BusyTimeoutMs}; PRAGMA synchronous = NORMAL;", ct);
            if (!_schemaReady)
            {
                await EnsureSchemaAsync(connection, ct);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs <paramref name="work"/> inside a BEGIN IMMEDIATE transaction, committed when it returns.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken ct)
    {
        await _writeGate.WaitAsync(ct);
        try
        {
            await using var connection = await OpenAsync(ct);
            // deferred: false makes Microsoft.Data.Sqlite issue BEGIN IMMEDIATE, taking the write lock up front.
            await using var transaction = connection.BeginTransaction(deferred: false);
            var result = await work(connection, transaction);
            await transaction.CommitAsync(ct);
            return result;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    public void Dispose()
    {
        _writeGate.Dispose();
        _schemaGate.Dispose();
    }

    private async Task EnsureSchemaAsync(SqliteConnection connection, CancellationToken ct)
    {
        await _schemaGate.WaitAsync(ct);
        try
        {
            if (_schemaReady)
            {
                return;
            }

            // WAL lets readers (long polls, prompt building) proceed while a turn commits.
            await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;", ct);
            await ExecuteAsync(connection, SqliteSchema.Create, ct);
            _schemaReady = true;
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = Command(connection, null, sql);
        await command.ExecuteNonQueryAsync(ct);
    }
}
