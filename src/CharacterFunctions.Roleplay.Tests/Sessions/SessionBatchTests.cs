using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Sessions;

namespace CharacterFunctions.Roleplay.Tests.Sessions;

public sealed class SessionBatchTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static SessionActorState Started(IdlePolicy idle) =>
        SessionReducer.Apply(new SessionActorState { SessionId = "s-1" }, new SessionOperation.Start("s-1", idle, 1), T0).State;

    [Fact]
    public void Apply_TurnReportsWithIdlePolicy_SameStateAsOneByOneAndOneIdleCheckOfTheLastGeneration()
    {
        var state = Started(new IdlePolicy(30, 2));
        SessionOperation[] turn = [new SessionOperation.Activity(2, MessageKind.User), new SessionOperation.Activity(3, MessageKind.Reply)];
        var oneByOne = SessionReducer.Apply(SessionReducer.Apply(state, turn[0], T0.AddSeconds(5)).State, turn[1], T0.AddSeconds(5));

        var batch = SessionBatch.Apply(state, turn, T0.AddSeconds(5));

        Assert.True(batch.Applied);
        Assert.Equal(oneByOne.State, batch.State);
        var check = Assert.IsType<SessionEffect.ScheduleIdleCheck>(Assert.Single(batch.Effects));
        Assert.Equal((T0.AddSeconds(35), batch.State.TimerGeneration), (check.At, check.Generation));
    }

    [Fact]
    public void Apply_PublishedMessagesWithIdlePolicy_KeepsEveryPublishInOrder()
    {
        var state = Started(new IdlePolicy(30, 5));

        var batch = SessionBatch.Apply(state, [new SessionOperation.Activity(2, MessageKind.Event), new SessionOperation.Activity(3, MessageKind.Reaction)], T0);

        Assert.Equal([new SessionEffect.Publish(3), new SessionEffect.ScheduleIdleCheck(T0.AddSeconds(30), batch.State.TimerGeneration)], batch.Effects);
    }

    [Fact]
    public void Apply_ReportsEndingInAnEnd_SchedulesNothing()
    {
        var state = Started(new IdlePolicy(30, 2));

        var batch = SessionBatch.Apply(state, [new SessionOperation.Activity(2, MessageKind.User), new SessionOperation.End()], T0);

        Assert.True(batch.State.Ended);
        Assert.Empty(batch.Effects);
    }

    [Fact]
    public void Apply_OnlyIgnoredOperations_IsNotApplied()
    {
        var state = Started(new IdlePolicy(30, 2));

        var batch = SessionBatch.Apply(state, [new SessionOperation.Activity(1, MessageKind.User), new SessionOperation.IdleDue(99)], T0);

        Assert.False(batch.Applied);
        Assert.Equal(state, batch.State);
        Assert.Empty(batch.Effects);
    }
}
