using CharacterFunctions.Storage.Sqlite;

namespace CharacterFunctions.Storage.Tests.Sqlite;

/// <summary>A fresh database file per test class, deleted afterwards (with its WAL files).</summary>
public sealed class SqliteFixture : IDisposable
{
    public SqliteFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "cf-storage-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        ConnectionString = $"Data Source={Path.Combine(Directory, "store.db")}";
        Database = new SqliteDatabase(ConnectionString);
    }

    public string Directory { get; }
    public string ConnectionString { get; }
    public SqliteDatabase Database { get; }

    public void Dispose()
    {
        Database.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp file must not fail the run.
        }
    }
}
