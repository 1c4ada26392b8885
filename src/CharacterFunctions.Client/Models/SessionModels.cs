namespace CharacterFunctions.Client.Models;

/// <summary>GET /api/sessions/{id}: participants, transcript head, idle policy, pending events, usage and cost.</summary>
public sealed record Session(
    string SessionId,
    string Status,
    IReadOnlyList<SessionCharacter> Characters,
    IReadOnlyList<Player> Players,
    string? Scenario,
    long LastSeq,
    IdlePolicy Idle,
    int PendingEventCount,
    TokenUsage Usage,
    decimal EstimatedCost,
    string Currency,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EndedAt);

/// <summary>A character taking part in a session.</summary>
public sealed record SessionCharacter(string Id, string? Name, string? Model);

/// <summary>A human participant.</summary>
public sealed record Player(string PlayerId, string Name);

/// <summary>Continuous response: speak again after <see cref="AfterSeconds"/> of silence, at most <see cref="MaxNudges"/> times in a row.</summary>
public sealed record IdlePolicy(int AfterSeconds, int MaxNudges);
