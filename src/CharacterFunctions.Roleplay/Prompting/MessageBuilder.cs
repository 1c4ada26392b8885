using CharacterFunctions.Roleplay.Characters;
using CharacterFunctions.Roleplay.Characters.Cards;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.ModelApi;
using CharacterFunctions.Roleplay.Models;
using CharacterFunctions.Roleplay.Validation;

namespace CharacterFunctions.Roleplay.Prompting;

/// <summary>
/// The one place that turns a session, its characters and transcript into the exact model request
/// (contract rules 1-7, plus the per-call supplementary system messages of <see cref="SupplementaryMessages"/>:
/// lorebook entries and post-history instructions). Pure: same context (and same estimator calibration), same request.
/// </summary>
/// <remarks>
/// Regenerate: pass History = transcript [ContextFromSeq .. seq-1] of the message being regenerated,
/// no new messages, the original kind, a cursor with WindowStartSeq = ContextFromSeq (and, for a
/// long-term-memory character, MemorySyncedSeq = ContextFromSeq - 1) and the new seed: the same
/// messages come out.
/// Calibration: feed <see cref="BuiltPrompt.EstimatedInputTokens"/> and the reported prompt_tokens to
/// <see cref="TokenEstimator.Observe"/> for windowed characters only; for long-term-memory characters
/// the provider adds its own summary and stored messages, so their counts would skew the factor.
/// </remarks>
public sealed class MessageBuilder(ModelCatalog catalog, TokenEstimator estimator)
{
    /// <summary>Most messages in one request, system and trailing partial included (rule 7).</summary>
    public const int MaxMessages = 100;

    /// <summary>
    /// When the window must move it drops to this share of the token budget and message cap, leaving
    /// room for many turns with an unchanged (cached) prefix before the next move.
    /// </summary>
    public const double LowWatermark = 0.55;

    /// <summary>First transcript seq a caller must read (inclusive) to build the next prompt for a character.</summary>
    public static long HistoryReadFrom(SessionRecord session, CharacterCursor cursor, CharacterProfile speaker)
    {
        // Never more than the message cap: older messages could not be sent anyway.
        var capFloor = Math.Max(session.LastSeq - (MaxMessages - 1), 1);
        var from = speaker.Memory.LongTerm ? cursor.MemorySyncedSeq + 1 : cursor.WindowStartSeq;
        return Math.Max(from, capFloor);
    }

    public BuiltPrompt Build(PromptContext context)
    {
        var speaker = context.Speaker;
        var spec = catalog.Get(speaker.Model);
        var systemText = SystemText(context.Session, speaker);
        var maxTokens = context.Options?.MaxTokens ?? speaker.Generation.MaxTokens;
        var budget = InputBudget(spec, maxTokens);

        var tail = context.NewMessages.Select(m => TranscriptMapper.ToChat(m, context)).ToList();
        if (context.Continued is { } cutOff)
        {
            tail.Add(TranscriptMapper.PartialOf(cutOff, context));
        }
        else if (context.Session.IsGroup || context.Kind != PromptKind.Turn)
        {
            tail.Add(TranscriptMapper.TrailingPartial(speaker));
        }

        var supplements = SupplementaryMessages.For(context, estimator);
        var built = speaker.Memory.LongTerm
            ? BuildLongTermMemory(context, systemText, tail, supplements, budget)
            : BuildWindowed(context, systemText, SendsProfile(speaker), tail, supplements, budget);

        var call = new ModelCall(Request(context, built.Messages, systemText, maxTokens), SessionHeader(context))
        {
            SessionId = context.Session.SessionId,
            CharacterId = speaker.Id,
        };
        return new BuiltPrompt(call, built.NextCursor, built.ContextFromSeq, built.EstimatedTokens);
    }

    /// <summary>The character's effective system prompt plus the session's scenario, card macros resolved.</summary>
    public static string SystemText(SessionRecord session, CharacterProfile speaker)
    {
        var system = PersonaRenderer.EffectiveSystemPrompt(speaker);
        var text = string.IsNullOrWhiteSpace(session.Scenario) ? system : system + "\n\n" + session.Scenario;
        return CardMacros.Resolve(text, speaker.Name, CardMacros.UserName(session.Players));
    }

    /// <summary>
    /// Whether the system text travels as <c>character_options.profile</c> instead of a system message.
    /// Long-term memory: seed 002's parameter table, "profile ... The content of the original system message
    /// in messages should be configured here." Real-time and knowledge search: seed 002's samples for both
    /// say "Define the character profile (migrate the original System Message content to profile)" and send
    /// messages without a system message, so we do the same rather than guess that a system message also works.
    /// </summary>
    public static bool SendsProfile(CharacterProfile speaker) =>
        speaker.Memory.LongTerm || speaker.Features.Realtime || speaker.Features.KnowledgeBaseIds.Count > 0;

    /// <summary>
    /// The <c>x-dashscope-aca-session</c> header. Seeds 002/004 use this one header for both the session cache and
    /// long-term memory, so a call carries one or the other: memory calls send the session's memory key (per
    /// character when several characters share it), all other calls a per-session cache key (per character
    /// in a group), which keeps cache entries out of the lasting memory.
    /// </summary>
    public static string SessionHeader(PromptContext context)
    {
        var session = context.Session;
        if (context.Speaker.Memory.LongTerm && session.MemoryKey is { } memoryKey)
        {
            return session.CharacterIds.Count > 1 ? $"{memoryKey}:{context.Speaker.Id}" : memoryKey;
        }
        return session.IsGroup ? $"{session.SessionId}:{context.Speaker.Id}" : session.SessionId;
    }

    /// <summary>Max input, and room for max_tokens of output inside the context window when it is set.</summary>
    public static int InputBudget(ModelSpec spec, int? maxTokens) =>
        maxTokens is { } output ? Math.Min(spec.MaxInputTokens, spec.ContextWindow - output) : spec.MaxInputTokens;

    /// <param name="asProfile">The system text goes in character_options.profile: no system message, same window rule.</param>
    private Window BuildWindowed(PromptContext context, string systemText, bool asProfile, List<ChatMessage> tail, List<ChatMessage> supplements, int budget)
    {
        var modelId = context.Speaker.Model;
        var firstRead = context.History.Count > 0 ? context.History[0].Seq : context.Cursor.WindowStartSeq;
        var start = Math.Max(context.Cursor.WindowStartSeq, firstRead);
        var candidates = context.History.Where(m => m.Seq >= start).ToList();
        var mapped = candidates.Select(m => TranscriptMapper.ToChat(m, context)).ToList();

        List<ChatMessage> head = asProfile ? [] : [ChatMessage.System(systemText)];
        var headRaw = asProfile ? TokenEstimator.RawTextTokens(systemText) : head.Sum(TokenEstimator.RawMessageTokens);
        var fixedRaw = TokenEstimator.RequestOverhead + headRaw + tail.Sum(TokenEstimator.RawMessageTokens)
            + supplements.Sum(TokenEstimator.RawMessageTokens);
        var keepFrom = HistoryWindow.Choose(
            fixedRaw,
            head.Count + tail.Count + supplements.Count,
            mapped.Select(TokenEstimator.RawMessageTokens).ToList(),
            raw => estimator.Scale(modelId, raw),
            budget,
            MaxMessages,
            LowWatermark);
        if (keepFrom < 0)
        {
            throw TooLong();
        }

        var windowStart = keepFrom == 0 ? start
            : keepFrom < candidates.Count ? candidates[keepFrom].Seq
            : candidates[^1].Seq + 1;
        List<ChatMessage> messages = [.. head, .. mapped.Skip(keepFrom), .. tail];
        SupplementaryMessages.Insert(messages, supplements, minIndex: head.Count);
        var contextFrom = candidates.Skip(keepFrom).Concat(context.NewMessages).Select(m => (long?)m.Seq).FirstOrDefault() ?? windowStart;
        var estimate = asProfile
            ? estimator.Scale(modelId, fixedRaw + mapped.Skip(keepFrom).Sum(TokenEstimator.RawMessageTokens))
            : estimator.EstimateMessages(modelId, messages);
        return new Window(messages, context.Cursor with { WindowStartSeq = windowStart }, contextFrom, estimate);
    }

    /// <summary>
    /// Long-term memory: the provider keeps the history, so only messages it has not seen are sent,
    /// and the profile travels in character_options instead of a system message (rule 6).
    /// </summary>
    private Window BuildLongTermMemory(PromptContext context, string profile, List<ChatMessage> tail, List<ChatMessage> supplements, int budget)
    {
        var modelId = context.Speaker.Model;
        var candidates = context.History.Where(m => m.Seq > context.Cursor.MemorySyncedSeq).ToList();
        var mapped = candidates.Select(m => TranscriptMapper.ToChat(m, context)).ToList();

        var fixedRaw = TokenEstimator.RequestOverhead + TokenEstimator.RawTextTokens(profile)
            + tail.Sum(TokenEstimator.RawMessageTokens) + supplements.Sum(TokenEstimator.RawMessageTokens);
        // No cache to keep stable here: drop only the oldest unsent messages that cannot fit.
        var keepFrom = HistoryWindow.Choose(
            fixedRaw,
            tail.Count + supplements.Count,
            mapped.Select(TokenEstimator.RawMessageTokens).ToList(),
            raw => estimator.Scale(modelId, raw),
            budget,
            MaxMessages,
            lowWatermark: null);
        if (keepFrom < 0)
        {
            throw TooLong();
        }

        var sent = candidates.Skip(keepFrom).Concat(context.NewMessages).ToList();
        List<ChatMessage> messages = [.. mapped.Skip(keepFrom), .. tail];
        if (messages.Count == 0)
        {
            // A caller bug (e.g. a regenerate that did not rewind MemorySyncedSeq): never send an empty request.
            throw new InvalidOperationException("Nothing to send: no unsynced messages, no new messages and no partial prefix.");
        }
        SupplementaryMessages.Insert(messages, supplements, minIndex: 0);
        // The reply is committed right after this call and the provider stores its own output, so
        // the next call starts after it.
        var lastKnown = Math.Max(sent.Count > 0 ? sent[^1].Seq : 0, context.Cursor.MemorySyncedSeq);
        return new Window(
            messages,
            context.Cursor with { MemorySyncedSeq = lastKnown + 1 },
            sent.Count > 0 ? sent[0].Seq : context.Cursor.MemorySyncedSeq + 1,
            estimator.Scale(modelId, fixedRaw + mapped.Skip(keepFrom).Sum(TokenEstimator.RawMessageTokens)));
    }

    private static ChatCompletionRequest Request(PromptContext context, List<ChatMessage> messages, string systemText, int? maxTokens)
    {
        var speaker = context.Speaker;
        var options = context.Options;
        var generation = speaker.Generation;
        var logitBias = SamplingRules.EffectiveLogitBias(generation, options);
        return new ChatCompletionRequest
        {
            Model = speaker.Model,
            Messages = messages,
            N = options?.N ?? generation.N,
            Seed = options?.Seed ?? generation.Seed,
            Temperature = options?.Temperature ?? generation.Temperature,
            TopP = options?.TopP ?? generation.TopP,
            MaxTokens = maxTokens,
            LogitBias = logitBias.Count > 0 ? logitBias : null,
            EnableSearch = speaker.Features.WebSearch ? true : null,
            SearchOptions = speaker.Features.WebSearch ? speaker.Features.SearchOptions : null,
            CharacterOptions = CharacterOptionsFor(speaker, systemText),
        };
    }

    private static CharacterOptions? CharacterOptionsFor(CharacterProfile speaker, string systemText)
    {
        var options = new CharacterOptions
        {
            EnableRealtime = speaker.Features.Realtime ? true : null,
            VectorStoreIds = speaker.Features.KnowledgeBaseIds.Count > 0 ? speaker.Features.KnowledgeBaseIds : null,
            Profile = SendsProfile(speaker) ? systemText : null,
            Memory = speaker.Memory.LongTerm
                ? new MemoryOptions
                {
                    EnableLongTermMemory = true,
                    MemoryEntries = speaker.Memory.MemoryEntries,
                    SkipSaveTypes = speaker.Memory.SkipSaveTypes,
                }
                : null,
        };
        return options is { EnableRealtime: null, VectorStoreIds: null, Profile: null, Memory: null } ? null : options;
    }

    private static RoleplayException TooLong() =>
        new(ProblemKind.Unprocessable, "Prompt too long.",
            "The system prompt and the new messages alone exceed the model's input limit.",
            code: "prompt_too_long");

    private sealed record Window(List<ChatMessage> Messages, CharacterCursor NextCursor, long ContextFromSeq, int EstimatedTokens);
}
