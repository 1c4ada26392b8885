using CharacterFunctions.Roleplay.Characters;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Roleplay.Storage.Caching;
using CharacterFunctions.Storage.Sqlite;
using CharacterFunctions.Storage.Tests.Contracts;

namespace CharacterFunctions.Storage.Tests.Sqlite;

// The store contracts again, through the cached decorators the local host uses.
public sealed class CachedSqliteSessionStoreTests(SqliteFixture fixture) : SessionStoreContract, IClassFixture<SqliteFixture>
{
    protected override ISessionStore Store { get; } = new CachedSessionStore(
        new SqliteSessionStore(fixture.Database), new StampedCache<string, SessionRecord>(100, TimeProvider.System),
        new StampedCache<string, TranscriptTail>(100, TimeProvider.System));
}

public sealed class CachedSqliteCharacterStoreTests(SqliteFixture fixture) : CharacterStoreContract, IClassFixture<SqliteFixture>
{
    protected override ICharacterStore Store { get; } = new CachedCharacterStore(
        new SqliteCharacterStore(fixture.Database), new StampedCache<string, CharacterProfile>(100, TimeProvider.System));
}

// The other writer opens its own database instance on the same file, like a second process.
public sealed class SqliteSessionCacheTests(SqliteFixture fixture) : SessionCacheContract, IClassFixture<SqliteFixture>, IDisposable
{
    private readonly SqliteDatabase _other = new(fixture.ConnectionString);

    protected override ISessionStore Store { get; } = new SqliteSessionStore(fixture.Database);
    protected override ISessionStore OtherWriter => new SqliteSessionStore(_other);

    public void Dispose() => _other.Dispose();
}

public sealed class SqliteCharacterCacheTests(SqliteFixture fixture) : CharacterCacheContract, IClassFixture<SqliteFixture>, IDisposable
{
    private readonly SqliteDatabase _other = new(fixture.ConnectionString);

    protected override ICharacterStore Store { get; } = new SqliteCharacterStore(fixture.Database);
    protected override ICharacterStore OtherWriter => new SqliteCharacterStore(_other);

    public void Dispose() => _other.Dispose();
}
