namespace CharacterFunctions.Roleplay.Generation;

/// <summary>Normalises a generated text before it is stored.</summary>
public static class ReplyText
{
    /// <summary>
    /// Strips leading whitespace and a leading "Name:" (or full-width "Name：") echo: in group prompts the
    /// model continues a "Name:" prefix and sometimes repeats it; the transcript keeps the speaker separately.
    /// </summary>
    public static string Clean(string text, string speakerName)
    {
        var trimmed = text.TrimStart();
        if (speakerName.Length > 0 && trimmed.StartsWith(speakerName, StringComparison.OrdinalIgnoreCase))
        {
            var rest = trimmed[speakerName.Length..].TrimStart(' ', '\t');
            if (rest.StartsWith(':') || rest.StartsWith('：'))
            {
                return rest[1..].TrimStart();
            }
        }
        return trimmed;
    }
}
