using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Storage.Tables;
using CharacterFunctions.Storage.Tests.Contracts;
using CharacterFunctions.Storage.Tests.Infrastructure;

namespace CharacterFunctions.Storage.Tests.Tables;

[RequiresAzurite]
public sealed class TableSessionStoreTests(TableFixture fixture) : SessionStoreContract, IClassFixture<TableFixture>
{
    protected override ISessionStore Store => new TableSessionStore(fixture.Storage);
}

[RequiresAzurite]
public sealed class TableCharacterStoreTests(TableFixture fixture) : CharacterStoreContract, IClassFixture<TableFixture>
{
    protected override ICharacterStore Store => new TableCharacterStore(fixture.Storage);
}

[RequiresAzurite]
public sealed class TableIdempotencyStoreTests(TableFixture fixture) : IdempotencyStoreContract, IClassFixture<TableFixture>
{
    protected override IIdempotencyStore Store => new TableIdempotencyStore(fixture.Storage);
}

[RequiresAzurite]
public sealed class TableActorStateStoreTests(TableFixture fixture) : ActorStateStoreContract, IClassFixture<TableFixture>
{
    protected override ISessionActorStateStore Store => new TableActorStateStore(fixture.Storage);
}

[RequiresAzurite]
public sealed class TableSessionCommitTests(TableFixture fixture) : SessionCommitContract, IClassFixture<TableFixture>
{
    protected override ISessionStore Sessions => new TableSessionStore(fixture.Storage);
    protected override IIdempotencyStore Records => new TableIdempotencyStore(fixture.Storage);
}
