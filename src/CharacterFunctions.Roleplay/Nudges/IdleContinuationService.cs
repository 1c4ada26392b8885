using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Generation;
using CharacterFunctions.Roleplay.Prompting;
using CharacterFunctions.Roleplay.Validation;
using Microsoft.Extensions.Logging;

namespace CharacterFunctions.Roleplay.Nudges;

/// <summary>
/// Continuous response: the character speaks again after the players went quiet. Runs from the
/// session actor's GenerateNudge effect. Its policy: a nudge is best effort, so every reason not to
/// speak drops it (returns null) and the next idle timer may try again.
/// </summary>
public sealed class IdleContinuationService(UnpromptedGeneration generation, ILogger<IdleContinuationService> logger)
{
    /// <summary>The committed nudge, or null when dropped (session gone/ended, a message came after <paramref name="basedOnSeq"/>, lost race, model failure).</summary>
    public async Task<TranscriptMessage?> GenerateNudgeAsync(string sessionId, long basedOnSeq, CancellationToken ct)
    {
        try
        {
            var written = await generation.GenerateAsync(new UnpromptedRequest(sessionId, MessageKind.Nudge, PromptKind.IdleContinuation, BasedOnSeq: basedOnSeq), ct);
            if (written.Count == 0)
            {
                logger.LogInformation("Session {SessionId}: nudge based on seq {Seq} dropped, the transcript moved on", sessionId, basedOnSeq);
                return null;
            }
            logger.LogInformation("Session {SessionId}: nudge committed at seq {Seq}", sessionId, written[^1].Seq);
            return written[^1];
        }
        catch (RoleplayException exception)
        {
            logger.LogWarning("Session {SessionId}: nudge based on seq {Seq} dropped ({Kind}, code {Code})", sessionId, basedOnSeq, exception.Kind, exception.Code);
            return null;
        }
    }
}
