using CharacterFunctions.LocalHost.Tests.Infrastructure;
using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CharacterFunctions.LocalHost.Tests;

/// <summary>
/// Issue 14: a turn on the local host is one SQLite write transaction (messages, head, idempotency
/// completion and actor state together). A host of its own, so no other test's idle timer writes meanwhile.
/// </summary>
public sealed class DurableWriteTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private SqliteDatabase Database => host.Services.GetRequiredService<SqliteDatabase>();

    private async Task<CreatedSession> NewSessionAsync()
    {
        var characterId = $"jiang-rang-{Guid.NewGuid():N}"[..30];
        await host.Api.PutCharacterAsync(characterId, new { name = "Jiang Rang", systemPrompt = "You are Jiang Rang.", openingLine = "Class monitor?" });
        // A long idle policy: the turn must arm a timer (actor state), but none fires during the test.
        return await host.Api.CreateSessionAsync(new
        {
            characterIds = new[] { characterId },
            players = new[] { new { playerId = "p-1", name = "Class Monitor" } },
            idle = new { afterSeconds = 3600, maxNudges = 1 },
        });
    }

    [Fact]
    public async Task PostTurn_SessionWithIdlePolicy_IsOneWriteCarryingMessagesCompletionAndActorState()
    {
        var session = await NewSessionAsync();
        var token = session.Tokens["p-1"];
        host.Model.Reply(session.SessionId, "A book on Go.");
        var before = Database.CommittedWrites;

        await host.Api.PostTurnAsync(session.SessionId, token, new { turnId = "turn-1", text = "What are you reading?" });

        Assert.Equal(1, Database.CommittedWrites - before);
        var completed = await host.Services.GetRequiredService<SqliteIdempotencyStore>().GetAsync(session.SessionId, "turn-1", CancellationToken.None);
        Assert.Equal(IdempotencyStatus.Completed, completed!.Status);
        var actor = await host.Services.GetRequiredService<ISessionActorStateStore>().LoadAsync(session.SessionId, CancellationToken.None);
        Assert.Equal(3, actor!.LastSeq); // opening line, the player's line, the reply
        Assert.NotNull(actor.IdleDueAt);
    }

    [Fact]
    public async Task PostTurn_RetryOfACommittedTurn_WritesNothing()
    {
        var session = await NewSessionAsync();
        var token = session.Tokens["p-1"];
        host.Model.Reply(session.SessionId, "Only once.");
        var first = await host.Api.PostTurnAsync(session.SessionId, token, new { turnId = "turn-1", text = "Hello." });
        var before = Database.CommittedWrites;

        var retry = await host.Api.PostTurnAsync(session.SessionId, token, new { turnId = "turn-1", text = "Hello." });

        Assert.Equal(0, Database.CommittedWrites - before);
        Assert.Equal(first.ToJsonString(), retry.ToJsonString());
    }
}
