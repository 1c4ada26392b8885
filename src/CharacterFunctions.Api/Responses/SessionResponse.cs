using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.SessionLifecycle;

namespace CharacterFunctions.Api.Responses;

/// <summary>GET /api/sessions/{id}: who takes part, where the transcript is, idle policy, pending events, usage and cost.</summary>
public sealed record SessionResponse(
    string SessionId,
    SessionStatus Status,
    IReadOnlyList<SessionCharacter> Characters,
    IReadOnlyList<Player> Players,
    string? Scenario,
    string? MemoryKey,
    long LastSeq,
    IdlePolicy Idle,
    int PendingEventCount,
    TokenUsage Usage,
    decimal EstimatedCost,
    string Currency,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EndedAt)
{
    public static SessionResponse From(SessionView view) => new(
        view.SessionId, view.Status, view.Characters, view.Players, view.Scenario, view.MemoryKey, view.LastSeq, view.Idle,
        view.PendingEvents, view.Usage, view.EstimatedCost, view.Currency, view.CreatedAt, view.EndedAt);
}
