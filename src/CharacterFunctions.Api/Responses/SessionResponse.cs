using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Services;

namespace CharacterFunctions.Api.Responses;

/// <summary>GET /api/sessions/{id}: who takes part, where the transcript is, idle policy, pending events, usage and cost.</summary>
public sealed record SessionResponse(
    string SessionId,
    SessionStatus Status,
    IReadOnlyList<string> CharacterIds,
    IReadOnlyList<Player> Players,
    string? Scenario,
    IdlePolicy Idle,
    long LastSeq,
    int PendingEventCount,
    TokenUsage Usage,
    decimal EstimatedCost,
    string Currency,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EndedAt)
{
    public static SessionResponse From(SessionView view)
    {
        var session = view.Session;
        return new(session.SessionId, session.Status, session.CharacterIds, session.Players, session.Scenario,
            session.Idle, session.LastSeq, view.PendingEventCount, session.Usage, session.EstimatedCost,
            session.Currency, session.CreatedAt, session.EndedAt);
    }
}
