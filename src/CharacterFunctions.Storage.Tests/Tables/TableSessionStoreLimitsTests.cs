using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Storage.Tables;
using CharacterFunctions.Storage.Tests.Infrastructure;
using static CharacterFunctions.Storage.Tests.Infrastructure.TestData;

namespace CharacterFunctions.Storage.Tests.Tables;

/// <summary>The Table store's one-transaction limit (100 actions: the head, the operation's completed record, 98 messages).</summary>
public sealed class TableSessionStoreLimitsTests(TableFixture fixture) : IClassFixture<TableFixture>
{
    private static TranscriptMessage[] Users(long from, int count) =>
        Enumerable.Range(0, count).Select(i => User(from + i, $"m {from + i}")).ToArray();

    [Fact]
    public async Task CommitAsync_MoreThan98Messages_ThrowsArgumentWithoutCallingStorage()
    {
        // An unreachable account proves the check happens before any request.
        var store = new TableSessionStore(new TableStorage(new Azure.Data.Tables.TableServiceClient(
            "DefaultEndpointsProtocol=http;AccountName=none;AccountKey=AAAA;TableEndpoint=http://127.0.0.1:9/none;"), "x"));
        var head = Session(lastSeq: 1) with { Version = "W/\"x\"" };

        await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            store.CommitAsync(SessionCommit.Append(head, head with { LastSeq = 100 }, Users(2, 99)), CancellationToken.None));
    }

    [AzuriteFact]
    public async Task CommitAsync_98MessagesAndACompletion_CommitsInOneTransaction()
    {
        var store = new TableSessionStore(fixture.Storage);
        var head = await store.CreateAsync(Session(lastSeq: 1), [Opening()], CancellationToken.None);
        var completed = new IdempotencyRecord(head.SessionId, "t-1", "hash", IdempotencyStatus.Completed, "{}", T0);

        await store.CommitAsync(SessionCommit.Append(head, head with { LastSeq = 99 }, Users(2, 98)) with { Completion = completed }, CancellationToken.None);

        Assert.Equal(99, (await store.ReadPageAsync(head.SessionId, 0, 1000, CancellationToken.None)).Count);
        Assert.Equal(completed, await new TableIdempotencyStore(fixture.Storage).GetAsync(head.SessionId, "t-1", CancellationToken.None));
    }

    [AzuriteFact]
    public async Task CreateAsync_LongSessionHead_IsSplitAndRoundTrips()
    {
        var store = new TableSessionStore(fixture.Storage);
        var session = Session() with { Scenario = new string('场', 70_000) };

        await store.CreateAsync(session, [], CancellationToken.None);

        Assert.Equal(session.Scenario, (await store.GetAsync(session.SessionId, CancellationToken.None))!.Scenario);
    }
}
