using CharacterFunctions.Roleplay.Conversation;

namespace CharacterFunctions.Roleplay.Turns;

/// <summary>Body of POST /api/sessions/{id}/turns.</summary>
public sealed record TurnRequest
{
    /// <summary>Client idempotency key (or the Idempotency-Key header).</summary>
    public string? TurnId { get; init; }
    public string? Text { get; init; }
    public bool Reply { get; init; } = true;
    public string? RespondAs { get; init; }

    /// <summary>Only an operator may name the player it posts for.</summary>
    public string? PlayerId { get; init; }
    public TurnOptions? Options { get; init; }
}
