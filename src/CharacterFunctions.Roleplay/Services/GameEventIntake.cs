using System.Text.RegularExpressions;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Roleplay.Validation;
using Microsoft.Extensions.Logging;

namespace CharacterFunctions.Roleplay.Services;

/// <summary>
/// Entry point for game events (Service Bus message or local POST): validates, then hands the event to
/// the session actor. The actor's reducer is authoritative for duplicates; the pre-check here only
/// gives HTTP callers an honest answer.
/// </summary>
public sealed partial class GameEventIntake(ISessionStore sessions, ISessionActors actors, ILogger<GameEventIntake> logger)
{
    public const int MaxEventIdLength = 128;
    public const int MaxTextLength = 4000;

    [GeneratedRegex(@"\A[A-Za-z0-9_.:-]{1,128}\z")]
    private static partial Regex EventIdPattern();

    public async Task<EventDisposition> AcceptAsync(GameEvent? gameEvent, CancellationToken ct)
    {
        Validate(gameEvent);
        var session = await sessions.GetAsync(gameEvent!.SessionId, ct);
        if (session is null)
        {
            logger.LogWarning("Event {EventId} for unknown session {SessionId}", gameEvent.EventId, gameEvent.SessionId);
            return EventDisposition.UnknownSession;
        }
        if (session.Status == SessionStatus.Ended)
        {
            logger.LogInformation("Event {EventId} for ended session {SessionId} dropped", gameEvent.EventId, gameEvent.SessionId);
            return EventDisposition.SessionEnded;
        }

        var state = await actors.GetStateAsync(gameEvent.SessionId, ct);
        if (state is not null && (state.SeenEventIds.Contains(gameEvent.EventId, StringComparer.Ordinal)
            || state.PendingEvents.Any(e => string.Equals(e.EventId, gameEvent.EventId, StringComparison.Ordinal))))
        {
            logger.LogInformation("Event {EventId} for session {SessionId} is a duplicate", gameEvent.EventId, gameEvent.SessionId);
            return EventDisposition.Duplicate;
        }

        await actors.SendAsync(gameEvent.SessionId, new SessionOperation.AddEvent(gameEvent), ct);
        logger.LogInformation("Event {EventId} accepted for session {SessionId} (react {React})", gameEvent.EventId, gameEvent.SessionId, gameEvent.React);
        return EventDisposition.Accepted;
    }

    /// <summary>Throws a Validation problem listing every bad field.</summary>
    public static void Validate(GameEvent? gameEvent)
    {
        if (gameEvent is null)
        {
            throw RoleplayException.Invalid("body", "A JSON body is required.");
        }
        var errors = new ValidationErrors();
        if (string.IsNullOrEmpty(gameEvent.EventId) || !EventIdPattern().IsMatch(gameEvent.EventId))
        {
            errors.Add("eventId", $"Required: 1 to {MaxEventIdLength} of A-Z a-z 0-9 _ . : -");
        }
        if (!SessionIds.IsWellFormed(gameEvent.SessionId))
        {
            errors.Add("sessionId", $"Required: {SessionIds.Rule}");
        }
        if (string.IsNullOrWhiteSpace(gameEvent.Text))
        {
            errors.Add("text", "Required.");
        }
        else if (gameEvent.Text.Length > MaxTextLength)
        {
            errors.Add("text", $"At most {MaxTextLength} characters.");
        }
        if (!errors.IsEmpty)
        {
            throw RoleplayException.Invalid(errors.ToDictionary());
        }
    }
}
