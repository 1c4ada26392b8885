namespace CharacterFunctions.Roleplay.OneOff;

/// <summary>
/// Body of POST /api/generate: who writes (a stored character by id, or an inline profile text) and one
/// instruction; no session, no transcript.
/// </summary>
public sealed record GenerateRequest
{
    public string? CharacterId { get; init; }
    public string? Profile { get; init; }
    public string? Instruction { get; init; }

    /// <summary>With an inline profile; a stored character uses its own model.</summary>
    public string? Model { get; init; }

    public int? N { get; init; }
    public long? Seed { get; init; }
}
