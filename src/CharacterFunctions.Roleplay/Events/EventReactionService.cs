using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Generation;
using CharacterFunctions.Roleplay.Prompting;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Roleplay.Validation;
using Microsoft.Extensions.Logging;

namespace CharacterFunctions.Roleplay.Events;

/// <summary>
/// A game event with <c>react: true</c>: records the event and the character's reaction in one commit.
/// Its policy: an event is never lost, so when no reaction can be written it is handed back to the
/// actor as pending for the next turn; only a missing or ended session drops it.
/// </summary>
public sealed class EventReactionService(UnpromptedGeneration generation, ISessionStore sessions, ISessionActors actors, ILogger<EventReactionService> logger)
{
    /// <summary>The committed event and reaction messages; empty when the session is missing or ended, or the reaction failed.</summary>
    public async Task<IReadOnlyList<TranscriptMessage>> ReactAsync(GameEvent gameEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(gameEvent);
        var sessionId = gameEvent.SessionId;
        try
        {
            var written = await generation.GenerateAsync(new UnpromptedRequest(sessionId, MessageKind.Reaction, PromptKind.EventReaction, Event: gameEvent), ct);
            logger.LogInformation("Session {SessionId}: event {EventId} and reaction committed at seq {Seq}", sessionId, gameEvent.EventId, written[^1].Seq);
            return written;
        }
        catch (RoleplayException exception) when (exception.Kind is ProblemKind.NotFound or ProblemKind.Gone)
        {
            logger.LogInformation("Session {SessionId}: event {EventId} reaction dropped, session missing or ended", sessionId, gameEvent.EventId);
            return [];
        }
        catch (RoleplayException exception)
        {
            logger.LogWarning("Session {SessionId}: reaction to event {EventId} not committed ({Kind}, code {Code}); event kept pending",
                sessionId, gameEvent.EventId, exception.Kind, exception.Code);
            // Held from now on: marked before the actor holds it, so a turn that finds no mark finds no event either.
            await sessions.MarkHeldEventAsync(sessionId, gameEvent.EventId, ct);
            await actors.SendAsync(sessionId, new SessionOperation.ReactionFailed(gameEvent), ct);
            return [];
        }
    }
}
