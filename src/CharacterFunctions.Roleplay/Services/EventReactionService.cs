using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.ModelApi;
using CharacterFunctions.Roleplay.Prompting;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Roleplay.Validation;
using Microsoft.Extensions.Logging;

namespace CharacterFunctions.Roleplay.Services;

/// <summary>
/// A game event with <c>react: true</c>: records the event and the character's reaction in one commit.
/// When no reaction can be generated the event is handed back to the actor as pending, never lost.
/// </summary>
public sealed class EventReactionService
{
    private readonly SessionWork _work;
    private readonly ISessionStore _store;
    private readonly IChatModel _model;
    private readonly ISessionLock _lock;
    private readonly TimeProvider _time;
    private readonly ILogger<EventReactionService> _logger;

    public EventReactionService(
        SessionWork work,
        IChatModel model,
        ISessionLock sessionLock,
        TimeProvider time,
        ILogger<EventReactionService> logger)
    {
        _work = work;
        _store = work.Sessions;
        _model = model;
        _lock = sessionLock;
        _time = time;
        _logger = logger;
    }

    /// <summary>The committed event and reaction messages; empty when the session is missing or ended, or the reaction failed.</summary>
    public async Task<IReadOnlyList<TranscriptMessage>> ReactAsync(GameEvent gameEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(gameEvent);
        var sessionId = gameEvent.SessionId;
        SessionRecord stored;
        TranscriptMessage recorded;
        TranscriptMessage reaction;
        await using (await _lock.AcquireAsync(sessionId, ct))
        {
            for (var attempt = 0; ; attempt++)
            {
                var session = await _store.GetAsync(sessionId, ct);
                if (session is null || session.Status == SessionStatus.Ended)
                {
                    _logger.LogInformation("Session {SessionId}: event {EventId} reaction dropped, session missing or ended", sessionId, gameEvent.EventId);
                    return [];
                }

                try
                {
                    var characters = await _work.LoadCharactersAsync(session, ct);
                    var last = session.CharacterIds.Count > 1 ? await _work.FindLatestAssistantAsync(session, ct) : null; // who spoke last matters only in a group
                    var choice = SpeakerSelection.ForContinuation(session, characters, last?.SpeakerId, gameEvent.Text);
                    var speaker = choice.Speaker;
                    var now = _time.GetUtcNow();

                    recorded = TurnService.EventMessage(session.LastSeq + 1, gameEvent, null, now);
                    var built = await _work.BuildAsync(session, speaker, characters, [recorded], PromptKind.EventReaction, null, ct);
                    var result = await _model.CompleteAsync(built.Call, ct);
                    if (!result.IsSuccess || result.Completion!.Choices.Count == 0)
                    {
                        _logger.LogWarning("Session {SessionId}: reaction to event {EventId} failed ({Kind}, code {Code}); event kept pending",
                            sessionId, gameEvent.EventId, result.Failure?.Kind, result.Failure?.Code);
                        await HandBackAsync(gameEvent, ct);
                        return [];
                    }

                    var completion = result.Completion;
                    reaction = TurnService.GeneratedMessage(recorded.Seq + 1, MessageKind.Reaction, speaker, completion, built, null, _time.GetUtcNow());
                    var updated = _work.AfterGeneration(session, choice, built, completion.Usage, reaction.Seq);
                    stored = await _store.CommitAsync(SessionCommit.Append(session, updated, [recorded, reaction]), ct);
                    break;
                }
                catch (ConcurrencyException) when (attempt < SessionWork.MaxRetries)
                {
                    _logger.LogInformation("Session {SessionId}: reaction to event {EventId} lost a commit race, retrying", sessionId, gameEvent.EventId);
                }
                catch (Exception exception) when (exception is ConcurrencyException or RoleplayException)
                {
                    _logger.LogWarning("Session {SessionId}: reaction to event {EventId} not committed ({Reason}); event kept pending",
                        sessionId, gameEvent.EventId, exception.GetType().Name);
                    await HandBackAsync(gameEvent, ct);
                    return [];
                }
            }
        }

        await _work.AfterCommitAsync(stored, [recorded, reaction],
            [new SessionOperation.Activity(recorded.Seq, MessageKind.Event), new SessionOperation.Activity(reaction.Seq, MessageKind.Reaction)],
            CancellationToken.None);
        _logger.LogInformation("Session {SessionId}: event {EventId} and reaction committed at seq {Seq}", sessionId, gameEvent.EventId, reaction.Seq);
        return [recorded, reaction];
    }

    private Task HandBackAsync(GameEvent gameEvent, CancellationToken ct) =>
        _work.SendAsync(gameEvent.SessionId, new SessionOperation.ReactionFailed(gameEvent), ct);
}
