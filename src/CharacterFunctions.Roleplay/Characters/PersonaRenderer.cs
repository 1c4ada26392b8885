namespace CharacterFunctions.Roleplay.Characters;

/// <summary>Renders a structured persona deterministically into system-prompt text (seed's four-part guidance).</summary>
public static class PersonaRenderer
{
    /// <summary>The system message a character sends: its verbatim system prompt, then the rendered persona if any.</summary>
    public static string EffectiveSystemPrompt(CharacterProfile profile) => throw new NotImplementedException($"issue #2 {profile.Id}");

    public static string Render(Persona persona) => throw new NotImplementedException($"issue #2 {persona}");
}
