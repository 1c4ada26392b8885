namespace CharacterFunctions.Roleplay.Characters;

/// <summary>
/// Optional structured persona following the provider's four-part guidance (character details,
/// other descriptions, conversation scenario, language style). Rendered deterministically by
/// <see cref="PersonaRenderer"/> into the system prompt.
/// </summary>
public sealed record Persona
{
    public string? Identity { get; init; }
    public string? Personality { get; init; }
    public string? Background { get; init; }
    public string? Relationships { get; init; }

    /// <summary>Richer description: experiences, interests, tagged details (the guidance's "other descriptions").</summary>
    public string? OtherDescriptions { get; init; }
    public string? Scenario { get; init; }
    public string? SpeakingStyle { get; init; }
    public string? ReplyLength { get; init; }

    /// <summary>Whether actions/expressions in parentheses are wanted; null says nothing.</summary>
    public bool? UseActionsInParentheses { get; init; }
}
