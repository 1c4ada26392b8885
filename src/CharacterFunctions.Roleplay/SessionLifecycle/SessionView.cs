using CharacterFunctions.Roleplay.Conversation;

namespace CharacterFunctions.Roleplay.SessionLifecycle;

/// <summary>GET /api/sessions/{id}: who takes part, where the transcript is, idle policy, pending events, usage and cost.</summary>
public sealed record SessionView
{
    public required string SessionId { get; init; }
    public required SessionStatus Status { get; init; }
    public required IReadOnlyList<SessionCharacter> Characters { get; init; }
    public required IReadOnlyList<Player> Players { get; init; }
    public string? Scenario { get; init; }
    public string? MemoryKey { get; init; }
    public required long LastSeq { get; init; }
    public required IdlePolicy Idle { get; init; }
    public required int PendingEvents { get; init; }
    public required TokenUsage Usage { get; init; }
    public required decimal EstimatedCost { get; init; }
    public required string Currency { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
}

/// <summary>A character as a session shows it; name and model are null if the profile was deleted since.</summary>
public sealed record SessionCharacter(string Id, string? Name, string? Model);
