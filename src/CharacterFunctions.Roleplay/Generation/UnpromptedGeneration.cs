using CharacterFunctions.Roleplay.Telemetry;
using CharacterFunctions.Roleplay.Commits;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.ModelApi;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Roleplay.Storage;

namespace CharacterFunctions.Roleplay.Generation;

/// <summary>
/// The one pipeline for messages nobody typed: pick the speaker (the one who spoke last, or who is
/// named), build, call the model, write the optional event and the generated message in one commit,
/// and report each as activity. Failures throw; what they mean (drop a nudge, hand an event back) is
/// each caller's policy.
/// </summary>
public sealed class UnpromptedGeneration(SessionCommitter committer, GenerationSteps steps, IChatModel model, TimeProvider time)
{
    /// <summary>The committed messages, or empty when the transcript moved past <see cref="UnpromptedRequest.BasedOnSeq"/>.</summary>
    public async Task<IReadOnlyList<TranscriptMessage>> GenerateAsync(UnpromptedRequest request, CancellationToken ct)
    {
        var committed = await committer.CommitAsync<IReadOnlyList<TranscriptMessage>>(
            request.SessionId, HeadRule.MustBeActive, (head, token) => PlanAsync(head, request, token), ct);
        // Counted once committed: a plan dropped or re-run by the committer said nothing.
        foreach (var message in committed.Result.Where(m => m.Kind is MessageKind.Nudge or MessageKind.Reaction))
        {
            RoleplayTelemetry.UnpromptedCommitted(request.SessionId, message.SpeakerId ?? "", message.Kind);
        }
        return committed.Result;
    }

    private async Task<CommitPlan<IReadOnlyList<TranscriptMessage>>> PlanAsync(SessionRecord session, UnpromptedRequest request, CancellationToken ct)
    {
        if (request.BasedOnSeq is { } basedOn && session.LastSeq != basedOn)
        {
            return CommitPlan<IReadOnlyList<TranscriptMessage>>.Nothing([]);
        }
        var characters = await steps.LoadCharactersAsync(session, ct);
        var last = session.CharacterIds.Count > 1 ? await steps.FindLatestAssistantAsync(session, ct) : null; // who spoke last matters only in a group
        var choice = SpeakerSelection.ForContinuation(session, characters, last?.SpeakerId, request.Event?.Text);

        var leading = request.Event is { } gameEvent
            ? [TranscriptMessage.Event(session.LastSeq + 1, gameEvent.EventId, gameEvent.Text, null, time.GetUtcNow())]
            : Array.Empty<TranscriptMessage>();
        var built = await steps.BuildAsync(session, choice.Speaker, characters, leading, request.Prompt, null, ct);
        var completion = GenerationSteps.RequireCompletion(await model.CompleteAsync(built.Call, ct));
        var generated = GenerationSteps.Message(session.LastSeq + leading.Length + 1, request.Kind, choice.Speaker, completion, built, null, time.GetUtcNow());

        IReadOnlyList<TranscriptMessage> written = [.. leading, generated];
        var updated = steps.AfterGeneration(session, choice, built, completion.Usage, generated.Seq);
        return new CommitPlan<IReadOnlyList<TranscriptMessage>>(SessionCommit.Append(session, updated, written), written, written,
            SessionReducer.ActivityReports(session, written));
    }
}
