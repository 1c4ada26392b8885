using CharacterFunctions.Roleplay.Characters;

namespace CharacterFunctions.Roleplay.Tests.Characters;

public sealed class PersonaRendererTests
{
    private static readonly Persona Full = new()
    {
        Identity = "A 17-year-old Go prodigy",
        Personality = "Enthusiastic, smart, and mischievous",
        Background = "Won many Go awards",
        Relationships = "The user is your class monitor",
        OtherDescriptions = "[Hobbies] Go, milk tea",
        Scenario = "After class in the library",
        SpeakingStyle = "Humorous and loves to joke",
        ReplyLength = "Under 40 words",
        UseActionsInParentheses = true,
    };

    [Fact]
    public void Render_AllFields_FourPartOrderInSeedFormat()
    {
        var text = PersonaRenderer.Render(Full);

        Assert.Equal(
            "Your identity:\n\nA 17-year-old Go prodigy\n\n" +
            "Your personality:\n\nEnthusiastic, smart, and mischievous\n\n" +
            "Your background:\n\nWon many Go awards\n\n" +
            "Your relationships:\n\nThe user is your class monitor\n\n" +
            "Other descriptions:\n\n[Hobbies] Go, milk tea\n\n" +
            "Conversation scenario:\n\nAfter class in the library\n\n" +
            "Your language style:\n\nHumorous and loves to joke\n\n" +
            "Reply length:\n\nUnder 40 words\n\n" +
            "You can use parentheses () to describe actions, expressions, tones, thoughts, and background stories to provide additional context for the conversation.",
            text);
    }

    [Fact]
    public void Render_EqualPersonasWithDifferentLineEndings_ByteIdentical()
    {
        var unix = Full with { Background = "Line one\nLine two" };
        var windows = Full with { Background = "  Line one\r\nLine two  " };

        Assert.Equal(PersonaRenderer.Render(unix), PersonaRenderer.Render(windows));
    }

    [Theory]
    [InlineData(true, PersonaRenderer.ActionsAllowed)]
    [InlineData(false, PersonaRenderer.ActionsForbidden)]
    public void Render_ActionsFlag_AddsMatchingInstruction(bool allowed, string instruction)
    {
        Assert.Equal(instruction, PersonaRenderer.Render(new Persona { UseActionsInParentheses = allowed }));
    }

    [Fact]
    public void Render_OnlyWhitespaceFields_Empty()
    {
        Assert.Equal("", PersonaRenderer.Render(new Persona { Identity = "  ", Personality = "" }));
    }

    [Fact]
    public void EffectiveSystemPrompt_NoPersona_ExactlyTheSystemPrompt()
    {
        var profile = Profile(" You are Jiang Rang.\r\n", persona: null);

        Assert.Equal(" You are Jiang Rang.\r\n", PersonaRenderer.EffectiveSystemPrompt(profile));
        Assert.Equal(" You are Jiang Rang.\r\n", PersonaRenderer.EffectiveSystemPrompt(profile with { Persona = new Persona() }));
    }

    [Fact]
    public void EffectiveSystemPrompt_WithPersona_PromptThenBlankLineThenPersona()
    {
        var persona = new Persona { Personality = "Witty" };

        Assert.Equal("You are Jiang Rang.\n\nYour personality:\n\nWitty", PersonaRenderer.EffectiveSystemPrompt(Profile("You are Jiang Rang.", persona)));
    }

    private static CharacterProfile Profile(string systemPrompt, Persona? persona) =>
        new() { Id = "jiang-rang", Name = "Jiang Rang", Model = "qwen-plus-character", SystemPrompt = systemPrompt, Persona = persona };
}
