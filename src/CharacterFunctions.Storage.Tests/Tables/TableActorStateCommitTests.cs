using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Storage.Tables;
using CharacterFunctions.Storage.Tests.Infrastructure;
using static CharacterFunctions.Storage.Tests.Infrastructure.TestData;

namespace CharacterFunctions.Storage.Tests.Tables;

/// <summary>The Azure app's actors are Durable entities with their own state: a Table commit refuses actor state.</summary>
public sealed class TableActorStateCommitTests(TableFixture fixture) : IClassFixture<TableFixture>
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static SessionActorState StateOf(string sessionId) => new() { SessionId = sessionId, Started = true, LastSeq = 2 };

    [Fact]
    public async Task CommitAsync_WithActorState_ThrowsNotSupportedWithoutCallingStorage()
    {
        // An unreachable account proves the refusal comes before any request.
        var store = new TableSessionStore(new TableStorage(new Azure.Data.Tables.TableServiceClient(
            "DefaultEndpointsProtocol=http;AccountName=none;AccountKey=AAAA;TableEndpoint=http://127.0.0.1:9/none;"), "x"));
        var head = Session(lastSeq: 1) with { Version = "W/\"x\"" };

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => store.CommitAsync(
            SessionCommit.Append(head, head with { LastSeq = 2 }, [User(2)]) with { ActorState = StateOf(head.SessionId) }, Ct));

        Assert.Contains("Durable entity", error.Message);
    }

    [AzuriteFact]
    public async Task CommitAsync_WithActorState_WritesNothing()
    {
        var store = new TableSessionStore(fixture.Storage);
        var head = await store.CreateAsync(Session(lastSeq: 1), [Opening()], Ct);

        await Assert.ThrowsAsync<NotSupportedException>(() => store.CommitAsync(
            SessionCommit.Append(head, head with { LastSeq = 2 }, [User(2)]) with { ActorState = StateOf(head.SessionId) }, Ct));

        Assert.Equal(head.Version, (await store.GetAsync(head.SessionId, Ct))!.Version);
        Assert.Single(await store.ReadPageAsync(head.SessionId, 0, 10, Ct));
        Assert.Null(await new TableActorStateStore(fixture.Storage).LoadAsync(head.SessionId, Ct));
    }
}
