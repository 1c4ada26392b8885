using CharacterFunctions.Roleplay.Characters;
using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Roleplay.Storage.Caching;
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

// The Azure app caches profiles (with a max age): the character contracts through that decorator.
[RequiresAzurite]
public sealed class CachedTableCharacterStoreTests(TableFixture fixture) : CharacterStoreContract, IClassFixture<TableFixture>
{
    protected override ICharacterStore Store { get; } = new CachedCharacterStore(
        new TableCharacterStore(fixture.Storage), new StampedCache<string, CharacterProfile>(100, TimeProvider.System, TimeSpan.FromSeconds(10)));
}

[RequiresAzurite]
public sealed class TableCharacterCacheTests(TableFixture fixture) : CharacterCacheContract, IClassFixture<TableFixture>
{
    protected override ICharacterStore Store => new TableCharacterStore(fixture.Storage);
    protected override ICharacterStore OtherWriter => new TableCharacterStore(new TableStorage(fixture.Client, fixture.Prefix));
}

[RequiresAzurite]
public sealed class TableSessionCommitTests(TableFixture fixture) : SessionCommitContract, IClassFixture<TableFixture>
{
    protected override ISessionStore Sessions => new TableSessionStore(fixture.Storage);
    protected override IIdempotencyStore Records => new TableIdempotencyStore(fixture.Storage);
}
