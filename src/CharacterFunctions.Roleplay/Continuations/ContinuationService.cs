using CharacterFunctions.Roleplay.Commits;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Generation;
using CharacterFunctions.Roleplay.ModelApi;
using CharacterFunctions.Roleplay.Security;
using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Roleplay.Validation;
using Microsoft.Extensions.Logging;

namespace CharacterFunctions.Roleplay.Continuations;

/// <summary>
/// Continues the newest reply when it stopped on the output limit (finish reason <c>length</c>): the model gets
/// the reply as a trailing <c>partial: true</c> assistant prefix (seed partial mode) and its continuation is
/// appended to the same message. Idempotent by the client's continueId: the id is recorded on the message in
/// the same commit, so a retry (or a racing duplicate, re-planned after the conditional commit) appends nothing.
/// </summary>
public sealed class ContinuationService(SessionCommitter committer, GenerationSteps steps, IChatModel model, ILogger<ContinuationService> logger)
{
    public const string LengthFinishReason = "length";
    public const int MaxContinueIdLength = 128;

    public Task<TranscriptMessage> ContinueAsync(string sessionId, Caller caller, long seq, ContinueRequest? request, string? idempotencyKey, CancellationToken ct) =>
        RunAsync(sessionId, caller, seq, request, idempotencyKey, model.CompleteAsync, ct);

    /// <summary>The same continuation with the model's text streamed: deltas of the appended text, then Done with the whole message.</summary>
    public IAsyncEnumerable<GenerationStreamItem<TranscriptMessage>> StreamContinueAsync(
        string sessionId, Caller caller, long seq, ContinueRequest? request, string? idempotencyKey, CancellationToken ct) =>
        GenerationStream.RunAsync<TranscriptMessage>(model, invoke => RunAsync(sessionId, caller, seq, request, idempotencyKey, invoke, ct), ct);

    private async Task<TranscriptMessage> RunAsync(
        string sessionId, Caller caller, long seq, ContinueRequest? request, string? idempotencyKey, ModelInvoker invoke, CancellationToken ct)
    {
        SessionAccess.Demand(caller, sessionId);
        var continueId = ValidateId(request?.ContinueId, idempotencyKey);
        await committer.RequireSessionAsync(sessionId, ct);
        var committed = await committer.CommitAsync(sessionId, HeadRule.MustBeActive,
            (session, token) => PlanAsync(session, seq, continueId, invoke, token), ct);
        logger.LogInformation("Session {SessionId}: continued seq {Seq}, finish reason {FinishReason}", sessionId, seq, committed.Result.FinishReason);
        return committed.Result;
    }

    private async Task<CommitPlan<TranscriptMessage>> PlanAsync(SessionRecord session, long seq, string? continueId, ModelInvoker invoke, CancellationToken ct)
    {
        if (seq < 1 || seq > session.LastSeq)
        {
            throw RoleplayException.NotFound($"Message {seq}");
        }
        if (continueId is not null)
        {
            var target = await steps.ReadMessageAsync(session, seq, ct);
            if (target.ContinueIds?.Contains(continueId, StringComparer.Ordinal) == true)
            {
                return CommitPlan<TranscriptMessage>.Nothing(target);
            }
        }
        if (seq != session.LastSeq)
        {
            throw new RoleplayException(ProblemKind.Conflict, "Only the newest message can be continued.",
                $"Message {seq} is not the newest message of the session (that is {session.LastSeq}).");
        }
        var cutOff = await steps.ReadMessageAsync(session, seq, ct);
        if (cutOff is not { Role: MessageRole.Assistant, Kind: MessageKind.Reply or MessageKind.Nudge or MessageKind.Reaction })
        {
            throw new RoleplayException(ProblemKind.Conflict, "Only a generated reply can be continued.", $"Message {seq} is not a generated reply, nudge or reaction.");
        }
        if (cutOff.FinishReason != LengthFinishReason)
        {
            throw new RoleplayException(ProblemKind.Conflict, "The reply is complete.",
                $"Message {seq} stopped on '{cutOff.FinishReason ?? "unknown"}', not on the output limit ('{LengthFinishReason}').");
        }
        var characters = await steps.LoadCharactersAsync(session, ct);
        var speaker = cutOff.SpeakerId is { } id && characters.TryGetValue(id, out var found)
            ? found
            : throw new RoleplayException(ProblemKind.Conflict, "The speaker of the message is not in the session.", $"Message {seq} cannot be continued.");

        // The reply's own sampling options; one answer, a fresh seed (the prefix differs from the first call anyway).
        var options = (cutOff.TurnOptions ?? new TurnOptions()) with { N = 1, Seed = null };
        var built = await steps.BuildContinuationAsync(session, cutOff, speaker, characters, options, ct);
        var completion = GenerationSteps.RequireCompletion(await invoke(built.Call, ct));
        var continued = Append(cutOff, completion, continueId);
        // Cursors stay: the provider's memory (if any) already holds the reply, and the window did not move.
        var head = steps.Account(session, speaker, built, completion.Usage);
        return new CommitPlan<TranscriptMessage>(new SessionCommit(session, head, [], [continued]), continued, [continued], []);
    }

    /// <summary>The reply with the continuation appended, also to its selected alternative, and the new finish reason.</summary>
    private static TranscriptMessage Append(TranscriptMessage cutOff, ChatCompletion completion, string? continueId)
    {
        var text = cutOff.Text + completion.Choices[0];
        var finishReason = completion.FinishReasons.Count > 0 ? completion.FinishReasons[0] : null;
        var alternatives = cutOff.Alternatives?.ToList();
        var reasons = cutOff.AlternativeFinishReasons?.ToList();
        if (alternatives is not null && cutOff.Selected is { } selected && selected < alternatives.Count)
        {
            alternatives[selected] = text;
            if (reasons is not null && selected < reasons.Count)
            {
                reasons[selected] = finishReason;
            }
        }
        return cutOff with
        {
            Text = text,
            Alternatives = alternatives,
            AlternativeFinishReasons = reasons,
            FinishReason = finishReason,
            Usage = (cutOff.Usage ?? TokenUsage.Zero).Add(completion.Usage),
            ContinueIds = continueId is null ? cutOff.ContinueIds : [.. cutOff.ContinueIds ?? [], continueId],
        };
    }

    private static string? ValidateId(string? bodyId, string? header)
    {
        var fromBody = string.IsNullOrWhiteSpace(bodyId) ? null : bodyId;
        var fromHeader = string.IsNullOrWhiteSpace(header) ? null : header;
        var errors = new ValidationErrors();
        if (fromBody is not null && fromHeader is not null && !string.Equals(fromBody, fromHeader, StringComparison.Ordinal))
        {
            errors.Add("continueId", "The body continueId and the Idempotency-Key header differ.");
        }
        var id = fromBody ?? fromHeader;
        if (id is { Length: > MaxContinueIdLength })
        {
            errors.Add("continueId", $"At most {MaxContinueIdLength} characters.");
        }
        return errors.IsEmpty ? id : throw RoleplayException.Invalid(errors.ToDictionary());
    }
}
