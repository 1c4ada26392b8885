using System.Text.RegularExpressions;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Roleplay.Validation;
using Microsoft.Extensions.Logging;

namespace CharacterFunctions.Roleplay.Events;

/// <summary>
/// Entry point for game events (Service Bus message or local POST): validates, then hands the event to
/// the session actor. The actor's reducer is authoritative for the event's effect; the answer to the
/// caller comes from an idempotency claim (an atomic insert), so of simultaneous deliveries of one
/// eventId exactly one is <c>accepted</c> and the others <c>duplicate</c>.
/// </summary>
public sealed partial class GameEventIntake(ISessionStore sessions, ISessionActors actors, IIdempotencyStore claims, ClaimLease lease, ILogger<GameEventIntake> logger)
{
    /// <summary>Operation-id prefix of event claims in the idempotency store (turn claims use the bare turnId).</summary>
    public const string ClaimPrefix = "event:";
    private const string ClaimHash = "game-event";

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

        var claim = lease.NewClaim(gameEvent.SessionId, ClaimPrefix + gameEvent.EventId, ClaimHash);
        // A claim left by a process that died before handing the event over is taken over, not called a duplicate.
        if (await claims.TryClaimAsync(claim, ct) is { } existing
            && !(lease.IsOwnerGone(existing, claim.ClaimedAt) && await claims.TryTakeOverAsync(existing, claim, ct)))
        {
            logger.LogInformation("Event {EventId} for session {SessionId} is a duplicate (claimed concurrently)", gameEvent.EventId, gameEvent.SessionId);
            return EventDisposition.Duplicate;
        }
        try
        {
            if (!gameEvent.React)
            {
                // Marked before the actor holds it, so a turn that finds no mark finds no held event either.
                await sessions.MarkHeldEventAsync(gameEvent.SessionId, gameEvent.EventId, ct);
            }
            await actors.SendAsync(gameEvent.SessionId, new SessionOperation.AddEvent(gameEvent), ct);
        }
        catch
        {
            // Not delivered: free the id so the sender's retry is accepted rather than called a duplicate.
            await claims.ReleaseAsync(claim.SessionId, claim.OperationId, CancellationToken.None);
            throw;
        }
        await claims.CompleteAsync(claim.SessionId, claim.OperationId, "{}", CancellationToken.None);
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
