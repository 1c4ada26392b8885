using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Security;
using CharacterFunctions.Roleplay.Turns;
using CharacterFunctions.Roleplay.Validation;

namespace CharacterFunctions.Roleplay.Tests.Security;

public sealed class SessionAccessTests
{
    [Fact]
    public void Demand_Operator_Allowed() => SessionAccess.Demand(Caller.Operator, "s-1");

    [Fact]
    public void Demand_PlayerOfThisSession_Allowed() => SessionAccess.Demand(Caller.Player("s-1", "p-1"), "s-1");

    [Fact]
    public void Demand_PlayerOfAnotherSession_ThrowsForbidden()
    {
        var error = Assert.Throws<RoleplayException>(() => SessionAccess.Demand(Caller.Player("s-2", "p-1"), "s-1"));

        Assert.Equal(ProblemKind.Forbidden, error.Kind);
    }

    [Fact]
    public void Demand_PlayerWithoutSession_ThrowsForbidden()
    {
        Assert.Throws<RoleplayException>(() => SessionAccess.Demand(new Caller(false, null, "p-1"), "s-1"));
    }
}
