using System.Reflection;
using CharacterFunctions.Functions.Actors;
using CharacterFunctions.Functions.Entities;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Tests.Durable;

namespace CharacterFunctions.Tests.Actors;

public sealed class SessionEntityOperationsTests
{
    public static TheoryData<SessionOperation> EveryOperation() =>
    [
        new SessionOperation.Start("s-1", new IdlePolicy(30, 1), 1),
        new SessionOperation.Activity(2, MessageKind.User),
        new SessionOperation.AddEvent(new GameEvent("e-1", "s-1", "A door opens", true)),
        new SessionOperation.EventsConsumed(["e-1", "e-2"]),
        new SessionOperation.ReactionFailed(new GameEvent("e-1", "s-1", "A door opens", true)),
        new SessionOperation.IdleDue(7),
        new SessionOperation.NudgeFailed(3),
        new SessionOperation.End(),
    ];

    [Theory]
    [MemberData(nameof(EveryOperation))]
    public void ToSignal_AnyOperation_NamesAPublicEntityOperationThatAcceptsTheInput(SessionOperation operation)
    {
        var (name, input) = SessionEntityOperations.ToSignal(operation);

        // Durable dispatches by public instance method name, ignoring case; an unmatched name fails the signal.
        MethodInfo method = typeof(SessionEntity).GetMethod(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)
            ?? throw new Xunit.Sdk.XunitException($"SessionEntity has no operation '{name}'.");
        ParameterInfo[] parameters = method.GetParameters();
        if (input is null)
        {
            Assert.Empty(parameters);
        }
        else
        {
            ParameterInfo parameter = Assert.Single(parameters);
            Assert.IsAssignableFrom(parameter.ParameterType, input);
        }
    }

    [Fact]
    public void IdFor_SessionId_IsTheSessionEntityKeyedBySession()
    {
        var id = SessionEntityOperations.IdFor("s-42");

        Assert.Equal("sessionentity", id.Name);
        Assert.Equal("s-42", id.Key);
    }

    [Fact]
    public void ToSignal_SeveralOperations_OneBatchSignalTheEntityAcceptsWithTheOperationsInOrder()
    {
        SessionOperation[] operations = [new SessionOperation.EventsConsumed(["e-1"]), new SessionOperation.Activity(2, MessageKind.User), new SessionOperation.Activity(3, MessageKind.Reply)];

        var (name, input) = SessionEntityOperations.ToSignal(operations);

        Assert.Equal(nameof(SessionEntity.Batch), name);
        ParameterInfo parameter = Assert.Single(typeof(SessionEntity).GetMethod(name)!.GetParameters());
        Assert.IsAssignableFrom(parameter.ParameterType, input);
        var batch = Assert.IsType<BatchedSessionOperation[]>(input);
        Assert.Equal(["e-1"], ((SessionOperation.EventsConsumed)batch[0].ToOperation()).EventIds);
        Assert.Equal(operations[1..], batch[1..].Select(b => b.ToOperation()));
    }

    [Fact]
    public void ToSignal_OneOperationInAList_IsItsOwnSignal()
    {
        var activity = new SessionOperation.Activity(2, MessageKind.User);

        Assert.Equal(SessionEntityOperations.ToSignal(activity), SessionEntityOperations.ToSignal([activity]));
    }

    [Theory]
    [MemberData(nameof(EveryOperation))]
    public void BatchedSessionOperation_AnyOperation_RoundTripsThroughTheAppConverter(SessionOperation operation)
    {
        string? json = AppHost.DataConverter.Serialize(BatchedSessionOperation.From(operation));

        var read = (BatchedSessionOperation)AppHost.DataConverter.Deserialize(json, typeof(BatchedSessionOperation))!;

        SessionOperation back = read.ToOperation();
        Assert.Equal(operation.GetType(), back.GetType());
        if (operation is SessionOperation.EventsConsumed consumed)
        {
            Assert.Equal(consumed.EventIds, ((SessionOperation.EventsConsumed)back).EventIds);
        }
        else
        {
            Assert.Equal(operation, back);
        }
    }

    [Fact]
    public void ToOperation_NoneOrTwoSet_ThrowsNamingTheCount()
    {
        var empty = new BatchedSessionOperation();
        var two = new BatchedSessionOperation { IdleDue = 1, End = true };

        Assert.Contains("carries 0", Assert.Throws<InvalidOperationException>(() => empty.ToOperation()).Message);
        Assert.Contains("carries 2", Assert.Throws<InvalidOperationException>(() => two.ToOperation()).Message);
    }
}
