using CharacterFunctions.Roleplay.Speech;

namespace CharacterFunctions.Roleplay.Tests.Speech;

public sealed class ParenthesesBanTests
{
    [Fact]
    public void TokenIds_Seed001Table_63DistinctNumericIds()
    {
        Assert.Equal(63, ParenthesesBan.TokenIds.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ParenthesesBan.TokenIds, id => Assert.True(int.TryParse(id, out _), id));
        Assert.Equal(-100, ParenthesesBan.Bias);
    }
}
