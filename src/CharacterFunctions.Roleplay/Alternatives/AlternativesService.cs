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
    public async Task<TranscriptMessage> RegenerateAsync(string sessionId, Caller caller, long? seed, CancellationToken ct)
    {
        SessionAccess.Demand(caller, sessionId);
        if (seed is < 0 or > SamplingRules.MaxSeed)
        {
            throw RoleplayException.Invalid("seed", $"Must be from 0 to {SamplingRules.MaxSeed}.");
        }
        await committer.RequireSessionAsync(sessionId, ct);

        var committed = await committer.CommitAsync(sessionId, HeadRule.MustBeActive, (session, token) => PlanRegenerateAsync(session, seed, token), ct);
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
            var selected = latest with { Text = alternatives[index], Alternatives = alternatives, Selected = index };
            return new CommitPlan<TranscriptMessage>(new SessionCommit(session, session, [], [selected]), selected, [selected], []);
        }, ct);
        return committed.Result;
    }

    private async Task<CommitPlan<TranscriptMessage>> PlanRegenerateAsync(SessionRecord session, long? seed, CancellationToken ct)
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

        var newSeed = seed ?? NewSeed(latest.Seed);
        // Same messages and the same sampling options as the original turn; one new answer with a new seed.
        var options = (latest.TurnOptions ?? new TurnOptions()) with { N = 1, Seed = newSeed };
        var built = await steps.RebuildAsync(session, latest, speaker, characters, options, ct);
        var completion = GenerationSteps.RequireCompletion(await model.CompleteAsync(built.Call, ct));
        var text = ReplyText.Clean(completion.Choices[0], speaker.Name);
        var alternatives = (latest.Alternatives ?? [latest.Text]).Append(text).ToList();
        var replaced = latest with
        {
            Text = text,
            Alternatives = alternatives,
            Selected = alternatives.Count - 1,
            Usage = (latest.Usage ?? TokenUsage.Zero).Add(completion.Usage),
            Seed = built.Call.Body.Seed ?? newSeed,
        };
        var updated = steps.Account(session, speaker, built, completion.Usage);
        return new CommitPlan<TranscriptMessage>(new SessionCommit(session, updated, [], [replaced]), replaced, [replaced], []);
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
