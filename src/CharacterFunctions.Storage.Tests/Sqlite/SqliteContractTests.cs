using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Storage.Sqlite;
using CharacterFunctions.Storage.Tests.Contracts;

namespace CharacterFunctions.Storage.Tests.Sqlite;

public sealed class SqliteSessionStoreTests(SqliteFixture fixture) : SessionStoreContract, IClassFixture<SqliteFixture>
{
    protected override ISessionStore Store { get; } = new SqliteSessionStore(fixture.Database);
}

public sealed class SqliteCharacterStoreTests(SqliteFixture fixture) : CharacterStoreContract, IClassFixture<SqliteFixture>
{
    protected override ICharacterStore Store { get; } = new SqliteCharacterStore(fixture.Database);
}

public sealed class SqliteIdempotencyStoreTests(SqliteFixture fixture) : IdempotencyStoreContract, IClassFixture<SqliteFixture>
{
    protected override IIdempotencyStore Store { get; } = new SqliteIdempotencyStore(fixture.Database);
}

public sealed class SqliteActorStateStoreTests(SqliteFixture fixture) : ActorStateStoreContract, IClassFixture<SqliteFixture>
{
    protected override ISessionActorStateStore Store { get; } = new SqliteActorStateStore(fixture.Database);
}

public sealed class SqliteSessionCommitTests(SqliteFixture fixture) : SessionCommitContract, IClassFixture<SqliteFixture>
{
    protected override ISessionStore Sessions { get; } = new SqliteSessionStore(fixture.Database);
    protected override IIdempotencyStore Records { get; } = new SqliteIdempotencyStore(fixture.Database);
}
