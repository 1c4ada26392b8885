using Azure.Data.Tables;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Storage.Tables;
using CharacterFunctions.Storage.Tests.Infrastructure;
using static CharacterFunctions.Storage.Tests.Infrastructure.TestData;

namespace CharacterFunctions.Storage.Tests.Tables;

/// <summary>
/// The Table store keeps one mark row per held game event, apart from the head, reads them with the head in
/// one query, and deletes a mark in the transaction of the commit that writes its event.
/// </summary>
public sealed class TableHeldEventsTests(TableFixture fixture) : IClassFixture<TableFixture>
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private TableSessionStore Store => new(fixture.Storage);

    private async Task<SessionRecord> NewSessionAsync() => await Store.CreateAsync(Session(lastSeq: 1), [Opening()], Ct);

    private static TranscriptMessage Event(long seq, string eventId) => TranscriptMessage.Event(seq, eventId, "Player enters Level 3", "t-1", T0);

    /// <summary>Appends the events, then a user line, on <paramref name="head"/>.</summary>
    private static SessionCommit Writing(SessionRecord head, params string[] eventIds)
    {
        var appended = eventIds.Select((id, i) => Event(head.LastSeq + 1 + i, id)).Append(User(head.LastSeq + 1 + eventIds.Length)).ToList();
        return SessionCommit.Append(head, head with { LastSeq = head.LastSeq + appended.Count }, appended);
    }

    /// <summary>The mark rows as stored, read past the store.</summary>
    private async Task<List<string>> MarkRowsAsync(string sessionId)
    {
        var table = await fixture.Storage.GetTableAsync(TableStorage.SessionsTable, Ct);
        var rows = new List<string>();
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == TableKeys.Escape(sessionId), cancellationToken: Ct))
        {
            if (entity.RowKey.StartsWith(TableKeys.HeldEventMarkKeysStart, StringComparison.Ordinal))
            {
                rows.Add(entity.RowKey);
            }
        }
        return rows;
    }

    [AzuriteFact]
    public async Task GetAsync_NewSessionNeverMarked_SaysNoHeldEvents()
    {
        var created = await NewSessionAsync();

        Assert.Empty(created.HeldEventMarks!);
        Assert.Empty((await Store.GetAsync(created.SessionId, Ct))!.HeldEventMarks!);
        Assert.False((await Store.GetAsync(created.SessionId, Ct))!.MayHaveHeldEvents);
    }

    [AzuriteFact]
    public async Task MarkHeldEventAsync_TwiceForOneEvent_ReadsOneMarkWithTheHead()
    {
        var head = await NewSessionAsync();

        await Store.MarkHeldEventAsync(head.SessionId, "e-1", Ct);
        await Store.MarkHeldEventAsync(head.SessionId, "e-1", Ct); // a retried intake
        await Store.MarkHeldEventAsync(head.SessionId, "e/2#?", Ct);
        var read = await Store.GetAsync(head.SessionId, Ct);

        Assert.Equal(["e-1", "e/2#?"], read!.HeldEventMarks!.Order(StringComparer.Ordinal));
        Assert.Equal(head.Version, read.Version);
        Assert.Equal(2, (await MarkRowsAsync(head.SessionId)).Count);
    }

    [AzuriteFact]
    public async Task ReadPageAsync_SessionWithMarks_ReturnsOnlyMessages()
    {
        var head = await NewSessionAsync();
        await Store.MarkHeldEventAsync(head.SessionId, "e-1", Ct);
        var planned = await Store.GetAsync(head.SessionId, Ct);
        await Store.CommitAsync(SessionCommit.Append(planned!, planned! with { LastSeq = 2 }, [User(2)]), Ct);

        Assert.Equal([1L, 2L], (await Store.ReadPageAsync(head.SessionId, 0, 100, Ct)).Select(m => m.Seq));
        Assert.Equal([1L, 2L], (await Store.ReadRangeAsync(head.SessionId, 0, 100, Ct)).Select(m => m.Seq));
    }

    [AzuriteFact]
    public async Task CommitAsync_WritesTheMarkedEvent_DeletesItsMark()
    {
        var head = await NewSessionAsync();
        await Store.MarkHeldEventAsync(head.SessionId, "e-1", Ct);
        var planned = await Store.GetAsync(head.SessionId, Ct);

        var committed = await Store.CommitAsync(Writing(planned!, "e-1"), Ct);
        var read = await Store.GetAsync(head.SessionId, Ct);

        Assert.Null(committed.HeldEventMarks); // marks made meanwhile are not known to the writer
        Assert.Empty(read!.HeldEventMarks!);
        Assert.Empty(await MarkRowsAsync(head.SessionId));
        Assert.Equal(3, read.LastSeq);
    }

    [AzuriteFact]
    public async Task CommitAsync_MarkOfAnEventItDoesNotWrite_Survives()
    {
        var head = await NewSessionAsync();
        await Store.MarkHeldEventAsync(head.SessionId, "e-1", Ct); // the actor has not delivered it to this turn yet
        var planned = await Store.GetAsync(head.SessionId, Ct);

        await Store.CommitAsync(Writing(planned!), Ct);

        Assert.Equal(["e-1"], (await Store.GetAsync(head.SessionId, Ct))!.HeldEventMarks!);
    }

    [AzuriteFact]
    public async Task CommitAsync_MarkedAfterTheHeadWasRead_KeepsTheMark()
    {
        var head = await NewSessionAsync();
        var planned = await Store.GetAsync(head.SessionId, Ct);

        await Store.MarkHeldEventAsync(head.SessionId, "e-1", Ct);
        await Store.CommitAsync(Writing(planned!, "e-1"), Ct);

        // Not read with the head, so not deleted: it lingers (one more actor query later), never a failed commit.
        Assert.Equal(["e-1"], (await Store.GetAsync(head.SessionId, Ct))!.HeldEventMarks!);
    }

    [AzuriteFact]
    public async Task CommitAsync_EventWithoutAMark_CommitsAndLeavesOtherMarks()
    {
        var head = await NewSessionAsync();
        await Store.MarkHeldEventAsync(head.SessionId, "e-held", Ct);
        var planned = await Store.GetAsync(head.SessionId, Ct);

        // A react: true event and its reaction: never marked, so nothing to delete.
        var committed = await Store.CommitAsync(Writing(planned!, "r-1"), Ct);

        Assert.Equal(3, committed.LastSeq);
        Assert.Equal(["e-held"], (await Store.GetAsync(head.SessionId, Ct))!.HeldEventMarks!);
    }

    [AzuriteFact]
    public async Task CommitAsync_LosingCommit_DeletesNoMark()
    {
        var head = await NewSessionAsync();
        await Store.MarkHeldEventAsync(head.SessionId, "e-1", Ct);
        var stale = await Store.GetAsync(head.SessionId, Ct);
        var winner = await Store.GetAsync(head.SessionId, Ct);
        await Store.CommitAsync(Writing(winner!), Ct);

        await Assert.ThrowsAsync<ConcurrencyException>(() => Store.CommitAsync(Writing(stale!, "e-1"), Ct));

        Assert.Equal(["e-1"], (await Store.GetAsync(head.SessionId, Ct))!.HeldEventMarks!);
        Assert.Equal(2, (await Store.GetAsync(head.SessionId, Ct))!.LastSeq);
    }

    [AzuriteFact]
    public async Task CommitAsync_MarkGoneSinceTheHeadWasRead_ThrowsConcurrencyAndWritesNothing()
    {
        var head = await NewSessionAsync();
        await Store.MarkHeldEventAsync(head.SessionId, "e-1", Ct);
        var planned = await Store.GetAsync(head.SessionId, Ct);
        var table = await fixture.Storage.GetTableAsync(TableStorage.SessionsTable, Ct);
        await table.DeleteEntityAsync(TableKeys.Escape(head.SessionId), TableKeys.HeldEventMarkRowKey("e-1"), cancellationToken: Ct);

        await Assert.ThrowsAsync<ConcurrencyException>(() => Store.CommitAsync(Writing(planned!, "e-1"), Ct));

        var read = await Store.GetAsync(head.SessionId, Ct);
        Assert.Equal(1, read!.LastSeq);
        Assert.Equal(planned!.Version, read.Version);
    }

    [AzuriteFact]
    public async Task CommitAsync_MoreMarksThanTheTransactionHasRoomFor_DeletesWhatFitsAndCommits()
    {
        const int events = 60; // 1 head + 61 messages leaves room for 38 deletions of the 60 marks
        var head = await NewSessionAsync();
        var ids = Enumerable.Range(1, events).Select(i => $"e-{i:D2}").ToArray();
        foreach (var id in ids)
        {
            await Store.MarkHeldEventAsync(head.SessionId, id, Ct);
        }
        var planned = await Store.GetAsync(head.SessionId, Ct);

        var committed = await Store.CommitAsync(Writing(planned!, ids), Ct);

        var deleted = TableSessionStore.MaxActionsPerTransaction - 1 - (events + 1);
        Assert.Equal(1 + events + 1, committed.LastSeq);
        Assert.Equal(ids[deleted..], (await Store.GetAsync(head.SessionId, Ct))!.HeldEventMarks!.Order(StringComparer.Ordinal));
    }

    [AzuriteFact]
    public async Task GetAsync_SessionFromBeforeTheSentinelExisted_SaysMaybe()
    {
        var head = await NewSessionAsync();
        var table = await fixture.Storage.GetTableAsync(TableStorage.SessionsTable, Ct);
        await table.DeleteEntityAsync(TableKeys.Escape(head.SessionId), TableKeys.HeldEventsRowKey, cancellationToken: Ct);

        Assert.Null((await Store.GetAsync(head.SessionId, Ct))!.HeldEventMarks);
        Assert.True((await Store.GetAsync(head.SessionId, Ct))!.MayHaveHeldEvents);
    }

    [AzuriteFact]
    public async Task GetAsync_LegacySentinelSaysHeld_SaysMaybeEvenAfterACommit()
    {
        var head = await NewSessionAsync();
        var table = await fixture.Storage.GetTableAsync(TableStorage.SessionsTable, Ct);
        // What the previous version wrote when an event was held: a flag, not which event.
        await table.UpsertEntityAsync(new TableEntity(TableKeys.Escape(head.SessionId), TableKeys.HeldEventsRowKey) { ["HeldEvents"] = true }, TableUpdateMode.Replace, Ct);
        var planned = await Store.GetAsync(head.SessionId, Ct);

        await Store.CommitAsync(Writing(planned!, "e-1"), Ct);

        Assert.Null(planned!.HeldEventMarks);
        Assert.True((await Store.GetAsync(head.SessionId, Ct))!.MayHaveHeldEvents);
    }
}
