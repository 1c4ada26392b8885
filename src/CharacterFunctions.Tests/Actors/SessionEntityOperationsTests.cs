using System.Reflection;
using CharacterFunctions.Functions.Actors;
using CharacterFunctions.Functions.Entities;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Sessions;

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
}
