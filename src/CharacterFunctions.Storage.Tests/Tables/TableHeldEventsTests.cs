using Azure.Data.Tables;
using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Storage.Tables;
using CharacterFunctions.Storage.Tests.Infrastructure;
using static CharacterFunctions.Storage.Tests.Infrastructure.TestData;

namespace CharacterFunctions.Storage.Tests.Tables;

/// <summary>The Table store knows whether an event was ever held for a session, in a row apart from the head.</summary>
public sealed class TableHeldEventsTests(TableFixture fixture) : IClassFixture<TableFixture>
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [AzuriteFact]
    public async Task GetAsync_NewSessionNeverMarked_SaysNoHeldEvents()
    {
        var store = new TableSessionStore(fixture.Storage);
        var created = await store.CreateAsync(Session(lastSeq: 1), [Opening()], Ct);

        Assert.False(created.MayHaveHeldEvents);
        Assert.False((await store.GetAsync(created.SessionId, Ct))!.MayHaveHeldEvents);
    }

    [AzuriteFact]
    public async Task GetAsync_MarkedWhileATurnPlannedOnTheOldHead_StaysMarkedAfterItsCommit()
    {
        var store = new TableSessionStore(fixture.Storage);
        var head = await store.CreateAsync(Session(lastSeq: 1), [Opening()], Ct);
        var planned = await store.GetAsync(head.SessionId, Ct);

        await store.MarkHeldEventsAsync(head.SessionId, Ct);
        await store.CommitAsync(SessionCommit.Append(planned!, planned! with { LastSeq = 2 }, [User(2)]), Ct);

        Assert.True((await store.GetAsync(head.SessionId, Ct))!.MayHaveHeldEvents);
    }

    [AzuriteFact]
    public async Task GetAsync_SessionFromBeforeTheRowExisted_SaysMaybe()
    {
        var store = new TableSessionStore(fixture.Storage);
        var head = await store.CreateAsync(Session(lastSeq: 1), [Opening()], Ct);
        var table = await fixture.Storage.GetTableAsync(TableStorage.SessionsTable, Ct);
        await table.DeleteEntityAsync(TableKeys.Escape(head.SessionId), TableKeys.HeldEventsRowKey, cancellationToken: Ct);

        Assert.True((await store.GetAsync(head.SessionId, Ct))!.MayHaveHeldEvents);
    }
}
