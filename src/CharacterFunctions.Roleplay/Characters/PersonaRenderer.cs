using System.Text;

namespace CharacterFunctions.Roleplay.Characters;

/// <summary>
/// Renders a structured persona deterministically into system-prompt text, in the order of the
/// provider's four-part guidance (character details, other descriptions, conversation scenario,
/// language style) and in the documented "Heading:\n\nvalue" shape. Same persona, same bytes —
/// the system message is the head of every cached prefix.
/// </summary>
public static class PersonaRenderer
{
    public const string ActionsAllowed =
        "You can use parentheses () to describe actions, expressions, tones, thoughts, and background stories to provide additional context for the conversation.";

    public const string ActionsForbidden =
        "Do not use parentheses () to describe actions, expressions or thoughts; reply with spoken words only.";

    private const string Separator = "\n\n";

    /// <summary>The system message a character sends: its verbatim system prompt, then the rendered persona if any.</summary>
    public static string EffectiveSystemPrompt(CharacterProfile profile)
    {
        var persona = profile.Persona is null ? "" : Render(profile.Persona);
        return persona.Length == 0 ? profile.SystemPrompt : profile.SystemPrompt + Separator + persona;
    }

    /// <summary>The persona as text; empty when every field is empty.</summary>
    public static string Render(Persona persona)
    {
        var sections = new List<string>();
        // 1. Character details.
        AddSection(sections, "Your identity", persona.Identity);
        AddSection(sections, "Your personality", persona.Personality);
        AddSection(sections, "Your background", persona.Background);
        AddSection(sections, "Your relationships", persona.Relationships);
        // 2. Other descriptions.
        AddSection(sections, "Other descriptions", persona.OtherDescriptions);
        // 3. Conversation scenario.
        AddSection(sections, "Conversation scenario", persona.Scenario);
        // 4. Language style.
        AddSection(sections, "Your language style", persona.SpeakingStyle);
        AddSection(sections, "Reply length", persona.ReplyLength);
        switch (persona.UseActionsInParentheses)
        {
            case true: sections.Add(ActionsAllowed); break;
            case false: sections.Add(ActionsForbidden); break;
        }
        return string.Join(Separator, sections);
    }

    private static void AddSection(List<string> sections, string heading, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }
        // Line endings normalised so the same persona renders the same bytes whatever the client sent.
        var text = new StringBuilder(value.Trim()).Replace("\r\n", "\n").Replace('\r', '\n').ToString();
        sections.Add(heading + ":" + Separator + text);
    }
}
