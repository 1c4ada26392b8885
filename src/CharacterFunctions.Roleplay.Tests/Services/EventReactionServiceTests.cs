using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.ModelApi;
using CharacterFunctions.Roleplay.Security;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Roleplay.Turns;
using CharacterFunctions.Roleplay.Tests.Services.Fakes;

namespace CharacterFunctions.Roleplay.Tests.Services;

public sealed class EventReactionServiceTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task ReactAsync_ModelAnswers_CommitsEventAndReactionTogether()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();
        h.ChatModel.ThenReply("Level 3 already?");

        var written = await h.Reactions.ReactAsync(new GameEvent("e-1", s.SessionId, "Player enters Level 3", true), None);

        Assert.Equal(
            [(2L, MessageKind.Event, MessageRole.System), (3L, MessageKind.Reaction, MessageRole.Assistant)],
            written.Select(m => (m.Seq, m.Kind, m.Role)));
        Assert.Equal("e-1", written[0].EventId);
        Assert.Equal(written.Select(m => m.Seq), h.Sessions.All(s.SessionId).Skip(1).Select(m => m.Seq));
        var sent = h.Actors.SentTo(s.SessionId);
        // The reaction is published; the event line matters to the actor only with an idle policy (this session has none).
        Assert.DoesNotContain(new SessionOperation.Activity(2, MessageKind.Event), sent);
        Assert.Contains(new SessionOperation.Activity(3, MessageKind.Reaction), sent);
    }

    [Fact]
    public async Task ReactAsync_ModelFails_SendsReactionFailedAndWritesNothing()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();
        h.ChatModel.ThenFail(ModelFailureKind.RateLimited);
        var gameEvent = new GameEvent("e-1", s.SessionId, "Player enters Level 3", true);

        var written = await h.Reactions.ReactAsync(gameEvent, None);

        Assert.Empty(written);
        Assert.Single(h.Sessions.All(s.SessionId));
        Assert.Contains(new SessionOperation.ReactionFailed(gameEvent), h.Actors.SentTo(s.SessionId));
    }

    [Fact]
    public async Task ReactAsync_EndedOrMissingSession_ReturnsEmptyWithoutModelCall()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();
        await h.SessionService.EndAsync(s.SessionId, Caller.Operator, None);

        Assert.Empty(await h.Reactions.ReactAsync(new GameEvent("e-1", s.SessionId, "x", true), None));
        Assert.Empty(await h.Reactions.ReactAsync(new GameEvent("e-2", "missing", "x", true), None));
        Assert.Empty(h.ChatModel.Calls);
    }

    [Fact]
    public async Task ReactAsync_CommitLosesToATurn_RebuildsAfterIt()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();
        h.Sessions.BeforeCommit = async commit =>
        {
            if (commit.Appended.Any(m => m.Kind == MessageKind.Reaction))
            {
                h.Sessions.BeforeCommit = null;
                await h.Turns.PostTurnAsync(s.SessionId, RoleplayHarness.Player(s), RoleplayHarness.Say("me first") with { Reply = false }, null, None);
            }
        };

        var written = await h.Reactions.ReactAsync(new GameEvent("e-1", s.SessionId, "Boss appears", true), None);

        Assert.Equal([3L, 4L], written.Select(m => m.Seq));
        Assert.Equal([MessageKind.Opening, MessageKind.User, MessageKind.Event, MessageKind.Reaction], h.Sessions.All(s.SessionId).Select(m => m.Kind));
    }
}
