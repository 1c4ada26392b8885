using CharacterFunctions.Roleplay.Security;
using Microsoft.Extensions.Options;

namespace CharacterFunctions.Roleplay.Tests.Security;

public sealed class OperatorKeyTests
{
    private static OperatorKey Key(string? configured) => new(Options.Create(new AuthOptions { OperatorKey = configured }));

    [Fact]
    public void Matches_SameKey_True() => Assert.True(Key("op-key-1").Matches("op-key-1"));

    [Theory]
    [InlineData("op-key-2")]
    [InlineData("op-key-1 ")]
    [InlineData("")]
    [InlineData(null)]
    public void Matches_OtherKey_False(string? presented) => Assert.False(Key("op-key-1").Matches(presented));

    [Fact]
    public void Matches_NoKeyConfigured_FalseEvenForEmpty()
    {
        Assert.False(Key(null).Matches(""));
        Assert.False(Key("").Matches("anything"));
    }
}
