using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.ModelApi;
using CharacterFunctions.Roleplay.Prompting;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Roleplay.Validation;
using Microsoft.Extensions.Logging;

namespace CharacterFunctions.Roleplay.Services;

/// <summary>
/// Continuous response: the character speaks again after the players went quiet. Runs from the
/// session actor's GenerateNudge effect; every reason not to speak drops the nudge (returns null).
/// </summary>
public sealed class IdleContinuationService
{
    private readonly SessionWork _work;
    private readonly ISessionStore _store;
    private readonly IChatModel _model;
    private readonly ISessionLock _lock;
    private readonly TimeProvider _time;
    private readonly ILogger<IdleContinuationService> _logger;

    public IdleContinuationService(
        SessionWork work,
        IChatModel model,
        ISessionLock sessionLock,
        TimeProvider time,
        ILogger<IdleContinuationService> logger)
    {
        _work = work;
        _store = work.Sessions;
        _model = model;
        _lock = sessionLock;
        _time = time;
        _logger = logger;
    }

    /// <summary>The committed nudge, or null when dropped (session gone/ended, a message came after <paramref name="basedOnSeq"/>, lost race, model failure).</summary>
    public async Task<TranscriptMessage?> GenerateNudgeAsync(string sessionId, long basedOnSeq, CancellationToken ct)
    {
        SessionRecord stored;
        TranscriptMessage nudge;
        await using (await _lock.AcquireAsync(sessionId, ct))
        {
            var session = await _store.GetAsync(sessionId, ct);
            if (session is null || session.Status == SessionStatus.Ended || session.LastSeq != basedOnSeq)
            {
                _logger.LogInformation("Session {SessionId}: nudge based on seq {Seq} dropped (session ended, missing or moved on)", sessionId, basedOnSeq);
                return null;
            }

            try
            {
                var characters = await _work.LoadCharactersAsync(session, ct);
                var last = session.CharacterIds.Count > 1 ? await _work.FindLatestAssistantAsync(session, ct) : null; // who spoke last matters only in a group
                var choice = SpeakerSelection.ForContinuation(session, characters, last?.SpeakerId);
                var speaker = choice.Speaker;

                var built = await _work.BuildAsync(session, speaker, characters, [], PromptKind.IdleContinuation, null, ct);
                var result = await _model.CompleteAsync(built.Call, ct);
                if (!result.IsSuccess || result.Completion!.Choices.Count == 0)
                {
                    _logger.LogWarning("Session {SessionId}: nudge based on seq {Seq} dropped, model failed ({Kind}, code {Code})",
                        sessionId, basedOnSeq, result.Failure?.Kind, result.Failure?.Code);
                    return null;
                }

                var completion = result.Completion;
                nudge = TurnService.GeneratedMessage(session.LastSeq + 1, MessageKind.Nudge, speaker, completion, built, null, _time.GetUtcNow());
                var updated = _work.AfterGeneration(session, choice, built, completion.Usage, nudge.Seq);
                stored = await _store.CommitAsync(SessionCommit.Append(session, updated, [nudge]), ct);
            }
            catch (ConcurrencyException)
            {
                _logger.LogInformation("Session {SessionId}: nudge based on seq {Seq} dropped, another message was committed first", sessionId, basedOnSeq);
                return null;
            }
            catch (RoleplayException exception)
            {
                _logger.LogWarning("Session {SessionId}: nudge based on seq {Seq} dropped ({Kind})", sessionId, basedOnSeq, exception.Kind);
                return null;
            }
        }

        await _work.AfterCommitAsync(stored, [nudge], [new SessionOperation.Activity(nudge.Seq, MessageKind.Nudge)], CancellationToken.None);
        _logger.LogInformation("Session {SessionId}: nudge committed at seq {Seq}", sessionId, nudge.Seq);
        return nudge;
    }
}
