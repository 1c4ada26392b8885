using CharacterFunctions.Api.Http;

namespace CharacterFunctions.LocalHost.Tests;

public sealed class EchoBoundsTests
{
    [Fact]
    public void Message_LongQuotedValue_CutWithEllipsisRestKept()
    {
        var message = EchoBounds.Message($"Character '{new string('x', 4_000)}' does not exist.");

        Assert.StartsWith("Character 'xxx", message, StringComparison.Ordinal);
        Assert.EndsWith("…' does not exist.", message, StringComparison.Ordinal);
        Assert.Equal(EchoBounds.MaxValueChars, message.Length - "Character '' does not exist.".Length);
    }

    [Fact]
    public void Message_ShortQuotedValue_Unchanged() =>
        Assert.Equal("Session 's-1' has ended.", EchoBounds.Message("Session 's-1' has ended."));

    [Fact]
    public void Message_UnquotedLongText_WholeMessageBounded() =>
        Assert.Equal(EchoBounds.MaxDetailChars, EchoBounds.Message(new string('y', 5_000)).Length);

    [Fact]
    public void Value_CutAtASurrogatePair_NeverSplitsIt()
    {
        // 126 ASCII then emoji: a naive cut at 127 would keep only the high surrogate.
        var value = EchoBounds.Value(new string('a', EchoBounds.MaxValueChars - 2) + string.Concat(Enumerable.Repeat("😀", 10)));

        Assert.DoesNotContain(value, char.IsSurrogate);
        Assert.EndsWith("…", value, StringComparison.Ordinal);
    }
}
