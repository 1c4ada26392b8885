using CharacterFunctions.Roleplay.Characters.Cards;
using CharacterFunctions.Roleplay.Conversation;

namespace CharacterFunctions.Roleplay.Tests.Characters.Cards;

public sealed class CardMacrosTests
{
    [Theory]
    [InlineData("{{char}} greets {{user}}.", "Seraphina greets Alice.")]
    [InlineData("{{Char}} and {{USER}} and {{ user }}", "Seraphina and Alice and Alice")]
    [InlineData("No macros {here}.", "No macros {here}.")]
    [InlineData("{{original}} stays, {{char}} goes", "{{original}} stays, Seraphina goes")]
    public void Resolve_CharAndUserMacros_ReplacedCaseInsensitively(string text, string expected)
    {
        Assert.Equal(expected, CardMacros.Resolve(text, "Seraphina", "Alice"));
    }

    [Fact]
    public void UserName_SeveralPlayers_AllNamesInSessionOrder()
    {
        Assert.Equal("Alice", CardMacros.UserName([new Player("p-1", "Alice")]));
        Assert.Equal("Alice, Bob", CardMacros.UserName([new Player("p-1", "Alice"), new Player("p-2", "Bob")]));
    }
}
