using CharacterFunctions.Roleplay.Characters;
using CharacterFunctions.Roleplay.Commits;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Generation;
using CharacterFunctions.Roleplay.ModelApi;
using CharacterFunctions.Roleplay.Security;
using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Roleplay.Validation;
using Microsoft.Extensions.Logging;

namespace CharacterFunctions.Roleplay.Alternatives;

/// <summary>
/// Alternatives of the latest assistant message: regenerate adds one (same messages, new seed) and
/// selects it; selection picks any of them. Later prompts use the selected text.
/// </summary>
public sealed class AlternativesService(SessionCommitter committer, GenerationSteps steps, IChatModel model, ILogger<AlternativesService> logger)
{
    /// <summary>Regenerates the latest assistant message with the same messages and a new seed; the answer becomes the selected alternative.</summary>
    public Task<TranscriptMessage> RegenerateAsync(string sessionId, Caller caller, long? seed, CancellationToken ct) =>
        RegenerateWithAsync(sessionId, caller, seed, model.CompleteAsync, ct);

    /// <summary>The same regenerate with the model's text streamed: deltas of the new alternative, then Done with the message.</summary>
    public IAsyncEnumerable<GenerationStreamItem<TranscriptMessage>> StreamRegenerateAsync(string sessionId, Caller caller, long? seed, CancellationToken ct) =>
        GenerationStream.RunAsync<TranscriptMessage>(model, invoke => RegenerateWithAsync(sessionId, caller, seed, invoke, ct), ct);

    private async Task<TranscriptMessage> RegenerateWithAsync(string sessionId, Caller caller, long? seed, ModelInvoker invoke, CancellationToken ct)
    {
        SessionAccess.Demand(caller, sessionId);
        if (seed is < 0 or > SamplingRules.MaxSeed)
        {
            throw RoleplayException.Invalid("seed", $"Must be from 0 to {SamplingRules.MaxSeed}.");
        }
        await committer.RequireSessionAsync(sessionId, ct);

        var committed = await committer.CommitAsync(sessionId, HeadRule.MustBeActive, (session, token) => PlanRegenerateAsync(session, seed, invoke, token), ct);
        var replaced = committed.Result;
        logger.LogInformation("Session {SessionId}: regenerated seq {Seq}, now {Count} alternatives", sessionId, replaced.Seq, replaced.Alternatives!.Count);
        return replaced;
    }

    /// <summary>Selects alternative <paramref name="index"/> of the latest assistant message; later prompts use its text.</summary>
    public async Task<TranscriptMessage> SelectAsync(string sessionId, Caller caller, long seq, int index, CancellationToken ct)
    {
        SessionAccess.Demand(caller, sessionId);
        await committer.RequireSessionAsync(sessionId, ct);

        var committed = await committer.CommitAsync(sessionId, HeadRule.MustBeActive, async (session, token) =>
        {
            if (seq < 1 || seq > session.LastSeq)
            {
                throw RoleplayException.NotFound($"Message {seq}");
            }
            var latest = await steps.FindLatestAssistantAsync(session, token);
            if (latest is null || latest.Seq != seq)
            {
                throw new RoleplayException(ProblemKind.Conflict, "Only the latest assistant message can be changed.",
                    $"Message {seq} is not the latest assistant message.");
            }
            var alternatives = latest.Alternatives ?? [latest.Text];
            if (index < 0 || index >= alternatives.Count)
            {
                throw RoleplayException.Invalid("index", $"Must be from 0 to {alternatives.Count - 1}.");
            }
            var selected = latest with
            {
                Text = alternatives[index],
                Alternatives = alternatives,
                Selected = index,
                FinishReason = latest.AlternativeFinishReasons is { } reasons && index < reasons.Count ? reasons[index] : latest.FinishReason,
            };
            var head = await ResendSelectedToMemoryAsync(session, selected, index, token);
            return new CommitPlan<TranscriptMessage>(new SessionCommit(session, head, [], [selected]), selected, [selected], []);
        }, ct);
        return committed.Result;
    }

    private async Task<CommitPlan<TranscriptMessage>> PlanRegenerateAsync(SessionRecord session, long? seed, ModelInvoker invoke, CancellationToken ct)
    {
        var latest = await steps.FindLatestAssistantAsync(session, ct);
        if (latest is not { Kind: MessageKind.Reply or MessageKind.Nudge or MessageKind.Reaction })
        {
            throw new RoleplayException(ProblemKind.Conflict, "Nothing to regenerate.",
                "The latest assistant message is not a generated reply, nudge or reaction.");
        }
        var characters = await steps.LoadCharactersAsync(session, ct);
        var speaker = latest.SpeakerId is { } id && characters.TryGetValue(id, out var found)
            ? found
            : throw new RoleplayException(ProblemKind.Conflict, "The speaker of the message is not in the session.", $"Message {latest.Seq} cannot be regenerated.");

        if (speaker.Memory.LongTerm)
        {
            // Seeds 002/004: the provider stored the question and its answer ("output") when it generated them, and
            // memory can be neither queried nor edited; asking again would store the question twice.
            throw new RoleplayException(ProblemKind.Conflict, "Long-term memory replies cannot be regenerated.",
                $"The provider's memory already holds message {latest.Seq}; ask with n > 1 and select an alternative instead.");
        }

        var newSeed = seed ?? NewSeed(latest.Seed);
        // Same messages and the same sampling options as the original turn; one new answer with a new seed.
        var options = (latest.TurnOptions ?? new TurnOptions()) with { N = 1, Seed = newSeed };
        var built = await steps.RebuildAsync(session, latest, speaker, characters, options, ct);
        var completion = GenerationSteps.RequireCompletion(await invoke(built.Call, ct));
        var text = ReplyText.Clean(completion.Choices[0], speaker.Name);
        var alternatives = (latest.Alternatives ?? [latest.Text]).Append(text).ToList();
        var finishReason = completion.FinishReasons.Count > 0 ? completion.FinishReasons[0] : null;
        var replaced = latest with
        {
            Text = text,
            Alternatives = alternatives,
            Selected = alternatives.Count - 1,
            FinishReason = finishReason,
            AlternativeFinishReasons = (latest.AlternativeFinishReasons ?? [latest.FinishReason]).Append(finishReason).ToList(),
            Usage = (latest.Usage ?? TokenUsage.Zero).Add(completion.Usage),
            Seed = built.Call.Body.Seed ?? newSeed,
        };
        var updated = steps.Account(session, speaker, built, completion.Usage);
        return new CommitPlan<TranscriptMessage>(new SessionCommit(session, updated, [], [replaced]), replaced, [replaced], []);
    }

    /// <summary>
    /// The provider remembered the first choice of an n &gt; 1 reply; selecting another rewinds the speaker's
    /// memory cursor so the next call sends the selected text as an assistant message and the provider's
    /// newest memory is the reply the transcript uses. The first choice stays in its memory (it cannot be deleted).
    /// </summary>
    private async Task<SessionRecord> ResendSelectedToMemoryAsync(SessionRecord session, TranscriptMessage selected, int index, CancellationToken ct)
    {
        if (index == 0 || selected.SpeakerId is not { } speakerId)
        {
            return session;
        }
        var characters = await steps.LoadCharactersAsync(session, ct);
        if (!characters.TryGetValue(speakerId, out var speaker) || !speaker.Memory.LongTerm)
        {
            return session;
        }
        var cursor = GenerationSteps.CursorOf(session, speakerId);
        var cursors = new Dictionary<string, CharacterCursor>(session.Cursors, StringComparer.Ordinal)
        {
            [speakerId] = cursor with { MemorySyncedSeq = Math.Min(cursor.MemorySyncedSeq, selected.Seq - 1) },
        };
        return session with { Cursors = cursors };
    }

    private static long NewSeed(long? previous)
    {
        while (true)
        {
            var candidate = Random.Shared.NextInt64(0, SamplingRules.MaxSeed + 1);
            if (candidate != previous)
            {
                return candidate;
            }
        }
    }
}
