using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace CharacterFunctions.Storage.Sqlite;

/// <summary>
/// One SQLite database file shared by all stores: opens pooled connections with a busy timeout,
/// creates the schema once, and serialises this process's writers (SQLite allows one writer;
/// queuing here avoids spinning on SQLITE_BUSY, while busy_timeout still covers other processes);
/// writers that queue up meanwhile share the next transaction (<see cref="WriteAsync{T}"/>).
/// WAL checkpoints run in the background every <see cref="CheckpointEveryWrites"/> writes instead of
/// inside whichever commit crosses SQLite's auto-checkpoint threshold, so no request pays for one.
/// </summary>
public sealed class SqliteDatabase : IDisposable
{
    private const int BusyTimeoutMs = 10_000;

    /// <summary>Committed writes between background checkpoints (a turn makes one).</summary>
    public const int CheckpointEveryWrites = 200;

    private readonly string _connectionString;
    /// <summary>Writes committed in one transaction at most (a turn's commit is a few KB).</summary>
    public const int MaxWritesPerTransaction = 64;

    private const string Savepoint = "w";

    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly ConcurrentQueue<PendingWrite> _pending = new();
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private static readonly object Configured = new();

    /// <summary>Native connections already given their pragmas; entries go away with the handles.</summary>
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> _configured = new();
    private volatile bool _schemaReady;
    private int _writesSinceCheckpoint;
    private long _committedWrites;
    private long _committedTransactions;
    private Task _checkpoint = Task.CompletedTask;
    private int _checkpointRunning;

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
            // Per connection: busy_timeout; synchronous = NORMAL, which in WAL mode stops fsyncing the log
            // on every commit (it syncs at checkpoints): commits stay atomic and survive a process crash,
            // only an OS crash or power cut can lose the latest ones. FULL cost every turn several fsyncs
            // and capped the local host at a few hundred turns/s. No auto-checkpoint: see CheckpointInBackground.
            // The settings stay with the native connection, which the pool reuses: set them once per handle.
            if (connection.Handle is { } handle && !_configured.TryGetValue(handle, out _))
            {
                await ExecuteAsync(connection, $"PRAGMA busy_timeout = {BusyTimeoutMs}; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 0;", ct);
                _configured.AddOrUpdate(handle, Configured);
            }
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

    /// <summary>
    /// Writes (<see cref="WriteAsync{T}"/> calls) committed by this process so far: what "one durable write per
    /// turn" is measured in. Each is atomic on its own; several may share a transaction.
    /// </summary>
    public long CommittedWrites => Interlocked.Read(ref _committedWrites);

    /// <summary>SQLite transactions committed so far; below <see cref="CommittedWrites"/> when writes were grouped.</summary>
    public long CommittedTransactions => Interlocked.Read(ref _committedTransactions);

    /// <summary>
    /// Runs <paramref name="work"/> inside a BEGIN IMMEDIATE transaction and returns once that transaction is
    /// committed. Writes queued while another transaction is being written are committed together (group
    /// commit), each inside its own savepoint: one that throws is rolled back alone and its caller gets the
    /// exception, the others commit. A failed COMMIT fails every write of its transaction, none is half-kept.
    /// </summary>
    /// <remarks>
    /// SQLite has one writer at a time, so concurrent sessions' writes queue here anyway; grouping them spreads a
    /// transaction's fixed cost (the write lock, the WAL frames of pages they share) over several writes instead
    /// of paying it for each. A lone write runs without a savepoint, exactly as a plain transaction.
    /// </remarks>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var write = new PendingWrite(async (connection, transaction) => await work(connection, transaction), ct);
        _pending.Enqueue(write);
        // Whoever holds the gate writes everything queued, ours included, so stop waiting as soon as ours is done.
        var gate = _writeGate.WaitAsync(CancellationToken.None);
        if (await Task.WhenAny(write.Completion.Task, gate) == gate)
        {
            try
            {
                while (!write.Completion.Task.IsCompleted)
                {
                    await WriteQueuedAsync();
                }
            }
            finally
            {
                _writeGate.Release();
            }
        }
        else
        {
            _ = gate.ContinueWith(static (_, semaphore) => ((SemaphoreSlim)semaphore!).Release(), _writeGate,
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        return (T)(await write.Completion.Task)!;
    }

    /// <summary>One transaction for up to <see cref="MaxWritesPerTransaction"/> queued writes; called holding the gate.</summary>
    private async Task WriteQueuedAsync()
    {
        var batch = new List<PendingWrite>();
        while (batch.Count < MaxWritesPerTransaction && _pending.TryDequeue(out var queued))
        {
            if (queued.Cancellation.IsCancellationRequested)
            {
                queued.Completion.TrySetCanceled(queued.Cancellation);
                continue;
            }
            batch.Add(queued);
        }
        if (batch.Count == 0)
        {
            return;
        }

        var written = new List<(PendingWrite Write, object? Result)>(batch.Count);
        try
        {
            await using var connection = await OpenAsync(CancellationToken.None);
            // deferred: false makes Microsoft.Data.Sqlite issue BEGIN IMMEDIATE, taking the write lock up front.
            await using var transaction = connection.BeginTransaction(deferred: false);
            var grouped = batch.Count > 1;
            foreach (var write in batch)
            {
                if (!grouped)
                {
                    written.Add((write, await write.Work(connection, transaction)));
                    continue;
                }
                transaction.Save(Savepoint);
                try
                {
                    var result = await write.Work(connection, transaction);
                    transaction.Release(Savepoint);
                    written.Add((write, result));
                }
                catch (Exception e)
                {
                    // If SQLite already aborted the whole transaction this throws, and the batch fails below.
                    transaction.Rollback(Savepoint);
                    transaction.Release(Savepoint);
                    write.Completion.TrySetException(e);
                }
            }
            // Not the callers' tokens: once writes are in the transaction, committing them must not be cut short by one caller.
            await transaction.CommitAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            foreach (var write in batch)
            {
                write.Completion.TrySetException(e);
            }
            return;
        }

        Interlocked.Increment(ref _committedTransactions);
        Interlocked.Add(ref _committedWrites, written.Count);
        _writesSinceCheckpoint += written.Count;
        if (_writesSinceCheckpoint >= CheckpointEveryWrites)
        {
            _writesSinceCheckpoint = 0;
            CheckpointInBackground();
        }
        foreach (var (write, result) in written)
        {
            write.Completion.TrySetResult(result);
        }
    }

    /// <summary>A queued write: its work, its caller's token (checked before it runs) and its outcome.</summary>
    private sealed class PendingWrite(Func<SqliteConnection, SqliteTransaction, Task<object?>> work, CancellationToken cancellation)
    {
        public Func<SqliteConnection, SqliteTransaction, Task<object?>> Work { get; } = work;
        public CancellationToken Cancellation { get; } = cancellation;
        public TaskCompletionSource<object?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>
    /// Copies the WAL back into the database on a pool thread. PASSIVE never waits for readers or
    /// writers, so commits continue meanwhile; a checkpoint that could not finish (or failed) is
    /// simply done again at the next threshold, and SQLite checkpoints when the last connection closes.
    /// </summary>
    private void CheckpointInBackground()
    {
        if (Interlocked.Exchange(ref _checkpointRunning, 1) == 1)
        {
            return;
        }
        _checkpoint = Task.Run(async () =>
        {
            try
            {
                await using var connection = await OpenAsync(CancellationToken.None);
                await ExecuteAsync(connection, "PRAGMA wal_checkpoint(PASSIVE);", CancellationToken.None);
            }
            catch (SqliteException)
            {
                // Busy or I/O trouble: the WAL keeps the data; the next threshold tries again.
            }
            finally
            {
                Volatile.Write(ref _checkpointRunning, 0);
            }
        });
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
        try
        {
            _checkpoint.Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // A checkpoint that failed unexpectedly loses nothing: the WAL still holds the commits.
        }
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
            await AddMissingColumnsAsync(connection, ct);
            _schemaReady = true;
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    private static async Task AddMissingColumnsAsync(SqliteConnection connection, CancellationToken ct)
    {
        foreach (var (table, column, definition) in SqliteSchema.AddedColumns)
        {
            await using var probe = Command(connection, null, "SELECT COUNT(*) FROM pragma_table_info($t) WHERE name = $c", ("$t", table), ("$c", column));
            if (Convert.ToInt64(await probe.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                await ExecuteAsync(connection, $"ALTER TABLE {table} ADD COLUMN {column} {definition};", ct);
            }
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = Command(connection, null, sql);
        await command.ExecuteNonQueryAsync(ct);
    }
}
