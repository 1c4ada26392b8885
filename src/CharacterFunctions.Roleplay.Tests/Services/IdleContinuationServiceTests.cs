using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.ModelApi;
using CharacterFunctions.Roleplay.Security;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Roleplay.Turns;
using CharacterFunctions.Roleplay.Tests.Services.Fakes;
using static CharacterFunctions.Roleplay.Tests.Services.Fakes.RoleplayHarness;

namespace CharacterFunctions.Roleplay.Tests.Services;

public sealed class IdleContinuationServiceTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task GenerateNudgeAsync_TranscriptUnchanged_CommitsNudgeAndReportsActivity()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();
        h.ChatModel.ThenReply("Still reading?");

        var nudge = await h.Idle.GenerateNudgeAsync(s.SessionId, 1, None);

        Assert.NotNull(nudge);
        Assert.Equal((2L, MessageKind.Nudge, MessageRole.Assistant, "jiang-rang", "Still reading?"), (nudge.Seq, nudge.Kind, nudge.Role, nudge.SpeakerId, nudge.Text));
        Assert.Equal(nudge.Text, h.Sessions.All(s.SessionId)[^1].Text);
        Assert.Contains(new SessionOperation.Activity(2, MessageKind.Nudge), h.Actors.SentTo(s.SessionId));
    }

    [Fact]
    public async Task GenerateNudgeAsync_PlayerMessageAfterBasedOnSeq_DroppedWithoutModelCall()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();
        await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("banter") with { Reply = false }, null, None);

        var nudge = await h.Idle.GenerateNudgeAsync(s.SessionId, 1, None);

        Assert.Null(nudge);
        Assert.Empty(h.ChatModel.Calls);
        Assert.Equal(2, h.Sessions.All(s.SessionId).Count);
    }

    [Fact]
    public async Task GenerateNudgeAsync_EndedSession_Dropped()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();
        await h.SessionService.EndAsync(s.SessionId, Caller.Operator, None);

        Assert.Null(await h.Idle.GenerateNudgeAsync(s.SessionId, 1, None));
        Assert.Null(await h.Idle.GenerateNudgeAsync("missing", 0, None));
        Assert.Empty(h.ChatModel.Calls);
    }

    [Fact]
    public async Task GenerateNudgeAsync_ModelFails_DroppedAndNothingWritten()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();
        h.ChatModel.ThenFail(ModelFailureKind.Unavailable);

        Assert.Null(await h.Idle.GenerateNudgeAsync(s.SessionId, 1, None));
        Assert.Single(h.Sessions.All(s.SessionId));
    }

    [Fact]
    public async Task GenerateNudgeAsync_PlayerCommitsWhileModelThinks_Dropped()
    {
        var h = new RoleplayHarness();
        var s = await h.OneToOneAsync();
        h.ChatModel.ThenAsync(async _ =>
        {
            await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("I'm back") with { Reply = false }, null, None);
            return FakeChatModel.Ok("late nudge");
        });

        var nudge = await h.Idle.GenerateNudgeAsync(s.SessionId, 1, None);

        Assert.Null(nudge);
        Assert.DoesNotContain(h.Sessions.All(s.SessionId), m => m.Kind == MessageKind.Nudge);
    }

    [Fact]
    public async Task GenerateNudgeAsync_Group_LastSpeakingCharacterContinues()
    {
        var h = new RoleplayHarness();
        var s = await h.GroupAsync();
        await h.Turns.PostTurnAsync(s.SessionId, Player(s), Say("hello") with { RespondAs = "xu-wei" }, null, None);
        var head = (await h.Sessions.GetAsync(s.SessionId, None))!;

        var nudge = await h.Idle.GenerateNudgeAsync(s.SessionId, head.LastSeq, None);

        Assert.Equal("xu-wei", nudge!.SpeakerId);
        var last = h.ChatModel.Calls[^1].Body.Messages[^1];
        Assert.Equal(("assistant", true), (last.Role, last.Partial == true));
    }
}
