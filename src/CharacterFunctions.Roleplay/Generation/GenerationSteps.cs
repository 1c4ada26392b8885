using CharacterFunctions.Roleplay.Telemetry;
using CharacterFunctions.Roleplay.Characters;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.ModelApi;
using CharacterFunctions.Roleplay.Models;
using CharacterFunctions.Roleplay.Prompting;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Roleplay.Validation;
using Microsoft.Extensions.Logging;

namespace CharacterFunctions.Roleplay.Generation;

/// <summary>
/// The steps every generating use case shares (turn, regenerate, nudge, reaction): load the
/// characters, read only the needed transcript tail, build the prompt, turn a completion into a
/// message, and account usage on the head. Writes nothing (that is <c>SessionCommitter</c>'s); one
/// singleton serves every use case.
/// </summary>
public sealed class GenerationSteps(
    ISessionStore sessions,
    ICharacterStore characters,
    ISessionActors actors,
    MessageBuilder builder,
    TokenEstimator estimator,
    ModelCatalog catalog,
    ILogger<GenerationSteps> logger)
{

    /// <summary>All characters of the session; a character deleted since the session started is a conflict.</summary>
    public async Task<IReadOnlyDictionary<string, CharacterProfile>> LoadCharactersAsync(SessionRecord session, CancellationToken ct)
    {
        var result = new Dictionary<string, CharacterProfile>(StringComparer.Ordinal);
        foreach (var id in session.CharacterIds)
        {
            result[id] = await characters.GetAsync(id, ct)
                ?? throw new RoleplayException(ProblemKind.Conflict, "A character of the session no longer exists.",
                    $"Character '{id}' was deleted after the session was created.");
        }
        return result;
    }

    public static CharacterCursor CursorOf(SessionRecord session, string characterId) =>
        session.Cursors.TryGetValue(characterId, out var cursor) ? cursor : CharacterCursor.Initial;

    /// <summary>Transcript messages <paramref name="from"/>..<paramref name="to"/>; none when the range is empty.</summary>
    private async Task<IReadOnlyList<TranscriptMessage>> HistoryAsync(string sessionId, long from, long to, CancellationToken ct) =>
        from <= to ? await sessions.ReadRangeAsync(sessionId, from, to, ct) : [];

    /// <summary>Reads just the transcript tail the builder needs for <paramref name="speaker"/> and builds the request.</summary>
    public async Task<BuiltPrompt> BuildAsync(
        SessionRecord session, CharacterProfile speaker, IReadOnlyDictionary<string, CharacterProfile> all,
        IReadOnlyList<TranscriptMessage> newMessages, PromptKind kind, TurnOptions? options, CancellationToken ct)
    {
        var cursor = CursorOf(session, speaker.Id);
        var from = Math.Max(1, MessageBuilder.HistoryReadFrom(session, cursor, speaker));
        var history = await HistoryAsync(session.SessionId, from, session.LastSeq, ct);
        return builder.Build(new PromptContext
        {
            Session = session,
            Speaker = speaker,
            Characters = all,
            Cursor = cursor,
            History = history,
            NewMessages = newMessages,
            Kind = kind,
            Options = options,
        });
    }

    /// <summary>Builds exactly the request an earlier generated message was made from (for regenerate).</summary>
    public async Task<BuiltPrompt> RebuildAsync(
        SessionRecord session, TranscriptMessage message, CharacterProfile speaker, IReadOnlyDictionary<string, CharacterProfile> all,
        TurnOptions options, CancellationToken ct)
    {
        var from = Math.Max(1, message.ContextFromSeq ?? 1);
        var history = await HistoryAsync(session.SessionId, from, message.Seq - 1, ct);
        return builder.Build(new PromptContext
        {
            Session = session,
            Speaker = speaker,
            Characters = all,
            Cursor = new CharacterCursor(from, from - 1),
            History = history,
            NewMessages = [],
            Kind = KindOf(message.Kind),
            Options = options,
        });
    }

    /// <summary>
    /// The request that continues <paramref name="cutOff"/>, the newest message: the history before it as the
    /// speaker's cursor gives it (a memory character sends none, the provider has it) and the reply as the
    /// trailing partial prefix.
    /// </summary>
    public async Task<BuiltPrompt> BuildContinuationAsync(
        SessionRecord session, TranscriptMessage cutOff, CharacterProfile speaker, IReadOnlyDictionary<string, CharacterProfile> all,
        TurnOptions options, CancellationToken ct)
    {
        var before = session with { LastSeq = cutOff.Seq - 1 };
        var cursor = CursorOf(session, speaker.Id);
        var from = Math.Max(1, MessageBuilder.HistoryReadFrom(before, cursor, speaker));
        var history = await HistoryAsync(session.SessionId, from, before.LastSeq, ct);
        return builder.Build(new PromptContext
        {
            Session = before,
            Speaker = speaker,
            Characters = all,
            Cursor = cursor,
            History = history,
            Kind = PromptKind.Continuation,
            Options = options,
            Continued = cutOff,
        });
    }

    public static PromptKind KindOf(MessageKind kind) => kind switch
    {
        MessageKind.Nudge => PromptKind.IdleContinuation,
        MessageKind.Reaction => PromptKind.EventReaction,
        _ => PromptKind.Turn,
    };

    /// <summary>The completion, or the mapped problem for a failure (and for an answer without choices).</summary>
    public static ChatCompletion RequireCompletion(ModelResult result)
    {
        if (result.Completion is { Choices.Count: > 0 } completion)
        {
            return completion;
        }
        throw ModelProblems.ToException(result.Failure
            ?? new ModelFailure(ModelFailureKind.InvalidResponse, null, "no_choices", "The model returned no choices."));
    }

    /// <summary>Adds a call's usage and estimated cost to the head and calibrates the estimator.</summary>
    public SessionRecord Account(SessionRecord head, CharacterProfile speaker, BuiltPrompt built, TokenUsage usage)
    {
        try
        {
            estimator.Observe(speaker.Model, built.EstimatedInputTokens, usage.PromptTokens);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Token estimator calibration failed for model {Model}", speaker.Model);
        }
        var cost = EstimateCost(speaker.Model, usage);
        RoleplayTelemetry.Accounted(head.SessionId, speaker.Id, speaker.Model, usage, cost, head.Currency);
        return head with
        {
            Usage = head.Usage.Add(usage),
            EstimatedCost = head.EstimatedCost + cost,
        };
    }

    // A model removed from the catalog since the session started costs nothing rather than failing a committed call.
    private decimal EstimateCost(string modelId, TokenUsage usage) =>
        catalog.TryGet(modelId, out _) ? catalog.EstimateCost(modelId, usage) : 0m;

    /// <summary>
    /// The speaker-dependent option rules (max_tokens within the model's output, merged logit bias size);
    /// the field rules were checked with the request.
    /// </summary>
    public void ValidateOptionsFor(CharacterProfile speaker, TurnOptions? options)
    {
        if (options is null || !catalog.TryGet(speaker.Model, out var spec))
        {
            return;
        }
        var errors = new ValidationErrors();
        SamplingRules.Validate("options", options, speaker, spec, errors);
        if (!errors.IsEmpty)
        {
            throw RoleplayException.Invalid(errors.ToDictionary());
        }
    }

    /// <summary>
    /// The head once a generated message is its newest: usage and cost accounted, the speaker's window
    /// cursor moved to where the prompt left it, and the seq and group rotation advanced.
    /// </summary>
    public SessionRecord AfterGeneration(SessionRecord head, SpeakerSelection.Choice choice, BuiltPrompt built, TokenUsage usage, long lastSeq)
    {
        var accounted = Account(head, choice.Speaker, built, usage);
        var cursors = new Dictionary<string, CharacterCursor>(accounted.Cursors, StringComparer.Ordinal) { [choice.Speaker.Id] = built.NextCursor };
        return accounted with { Cursors = cursors, LastSeq = lastSeq, NextSpeakerIndex = choice.NextSpeakerIndex };
    }

    /// <summary>How far back speaker and latest-message lookups scan; a longer run of player-only banter finds nothing.</summary>
    public const int MaxBackwardScan = 200;

    /// <summary>An assistant message from a completion: choice 0 cleaned, all choices as alternatives when n &gt; 1.</summary>
    public static TranscriptMessage Message(long seq, MessageKind kind, CharacterProfile speaker, ChatCompletion completion, BuiltPrompt built, string? turnId, DateTimeOffset now) =>
        TranscriptMessage.Generated(seq, kind, speaker.Id, speaker.Name,
            completion.Choices.Select(choice => ReplyText.Clean(choice, speaker.Name)).ToList(),
            completion.Choices.Select((_, i) => i < completion.FinishReasons.Count ? completion.FinishReasons[i] : null).ToList(),
            completion.Usage, built.ContextFromSeq, built.Call.Body.Seed, turnId, now);

    /// <summary>The committed message <paramref name="seq"/> (1..LastSeq).</summary>
    public async Task<TranscriptMessage> ReadMessageAsync(SessionRecord session, long seq, CancellationToken ct) =>
        (await sessions.ReadRangeAsync(session.SessionId, seq, seq, ct)).SingleOrDefault()
        ?? throw RoleplayException.NotFound($"Message {seq}");

    /// <summary>Scans back from the end (at most <see cref="MaxBackwardScan"/> messages) for the newest assistant message.</summary>
    public async Task<TranscriptMessage?> FindLatestAssistantAsync(SessionRecord session, CancellationToken ct)
    {
        const int page = 50;
        var floor = Math.Max(1, session.LastSeq - MaxBackwardScan + 1);
        for (var to = session.LastSeq; to >= floor; to -= page)
        {
            var chunk = await sessions.ReadRangeAsync(session.SessionId, Math.Max(floor, to - page + 1), to, ct);
            for (var i = chunk.Count - 1; i >= 0; i--)
            {
                if (chunk[i].Role == MessageRole.Assistant)
                {
                    return chunk[i];
                }
            }
        }
        return null;
    }

    /// <summary>
    /// The actor's pending events minus any a previous turn already wrote: the actor applies
    /// EventsConsumed asynchronously, so right after a turn it can still list them.
    /// </summary>
    public async Task<IReadOnlyList<GameEvent>> PendingEventsAsync(SessionRecord session, CancellationToken ct)
    {
        if (!session.MayHaveHeldEvents)
        {
            // The store knows no held event is waiting (every mark was cleared by the commit that wrote its
            // event): no need to ask the actor (a Durable state query in Azure).
            return [];
        }
        var pending = (await actors.GetStateAsync(session.SessionId, ct))?.PendingEvents ?? [];
        if (pending.Count == 0 || session.LastSeq == 0)
        {
            return pending;
        }
        var recent = await sessions.ReadRangeAsync(session.SessionId, Math.Max(1, session.LastSeq - MaxBackwardScan + 1), session.LastSeq, ct);
        var recorded = recent.Where(m => m.EventId is not null).Select(m => m.EventId!).ToHashSet(StringComparer.Ordinal);
        return recorded.Count == 0 ? pending : pending.Where(e => !recorded.Contains(e.EventId)).ToList();
    }
}
