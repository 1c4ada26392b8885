using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using CharacterFunctions.Roleplay.Characters;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.ModelApi;
using CharacterFunctions.Roleplay.Prompting;
using CharacterFunctions.Roleplay.Security;
using CharacterFunctions.Roleplay.Serialization;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Roleplay.Turns;
using CharacterFunctions.Roleplay.Validation;
using Microsoft.Extensions.Logging;

namespace CharacterFunctions.Roleplay.Services;

/// <summary>
/// Player turns (plain and streamed), regenerate and selection. A turn is idempotent by turnId,
/// writes its events, user message and reply in one conditional commit, and writes nothing when the
/// model fails.
/// </summary>
public sealed class TurnService
{
    public const int MaxTextLength = 4000;
    public const int MaxTurnIdLength = 128;

    /// <summary>An in-flight claim older than this is presumed dead (its worker crashed or timed out).</summary>
    public static readonly TimeSpan StaleClaimAfter = TimeSpan.FromMinutes(2);

    /// <summary>Told to a client that retries a turn still being answered (409): a model call takes seconds.</summary>
    public static readonly TimeSpan InProgressRetryAfter = TimeSpan.FromSeconds(1);

    private delegate Task<ModelResult> ModelInvoker(ModelCall call, CancellationToken ct);

    private readonly SessionWork _work;
    private readonly ISessionStore _store;
    private readonly IChatModel _model;
    private readonly IIdempotencyStore _idempotency;
    private readonly ISessionLock _lock;
    private readonly TimeProvider _time;
    private readonly ILogger<TurnService> _logger;

    public TurnService(
        SessionWork work,
        IChatModel model,
        IIdempotencyStore idempotency,
        ISessionLock sessionLock,
        TimeProvider time,
        ILogger<TurnService> logger)
    {
        _work = work;
        _store = work.Sessions;
        _model = model;
        _idempotency = idempotency;
        _lock = sessionLock;
        _time = time;
        _logger = logger;
    }

    public Task<TurnResult> PostTurnAsync(string sessionId, Caller caller, TurnRequest? request, string? idempotencyKeyHeader, CancellationToken ct) =>
        RunTurnAsync(sessionId, caller, request, idempotencyKeyHeader, _model.CompleteAsync, ct);

    /// <summary>
    /// The same turn with the model's text streamed as it is written: deltas, then one Done with the
    /// committed result. Failures before the first item throw from the first MoveNextAsync.
    /// </summary>
    public async IAsyncEnumerable<TurnStreamItem> StreamTurnAsync(
        string sessionId, Caller caller, TurnRequest? request, string? idempotencyKeyHeader,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var channel = Channel.CreateUnbounded<TurnStreamItem>(new UnboundedChannelOptions { SingleReader = true });
        var streamed = 0;

        async Task<ModelResult> StreamingInvoke(ModelCall call, CancellationToken token)
        {
            // Only the first attempt streams; a commit retry (another writer got in first) completes quietly
            // and Done carries the text that was actually committed.
            if (Interlocked.Exchange(ref streamed, 1) == 1)
            {
                return await _model.CompleteAsync(call, token);
            }
            ModelResult? final = null;
            await foreach (var item in _model.StreamAsync(call, token))
            {
                switch (item)
                {
                    case ModelStreamEvent.Delta delta:
                        channel.Writer.TryWrite(new TurnStreamItem.Delta(delta.ChoiceIndex, delta.Text));
                        break;
                    case ModelStreamEvent.Completed completed:
                        final = ModelResult.Ok(completed.Completion);
                        break;
                    case ModelStreamEvent.Failed failed:
                        final = ModelResult.Fail(failed.Failure);
                        break;
                }
            }
            return final ?? ModelResult.Fail(new ModelFailure(ModelFailureKind.InvalidResponse, null, "stream_incomplete", "The stream ended without a result."));
        }

        var producer = Task.Run(async () =>
        {
            try
            {
                var result = await RunTurnAsync(sessionId, caller, request, idempotencyKeyHeader, StreamingInvoke, ct);
                channel.Writer.TryWrite(new TurnStreamItem.Done(result));
            }
            finally
            {
                channel.Writer.TryComplete();
            }
        }, CancellationToken.None);

        await foreach (var item in channel.Reader.ReadAllAsync(ct))
        {
            yield return item;
        }
        await producer; // rethrows the turn's failure, if any
    }

    private async Task<TurnResult> RunTurnAsync(string sessionId, Caller caller, TurnRequest? request, string? header, ModelInvoker invoke, CancellationToken ct)
    {
        SessionAccess.Demand(caller, sessionId);
        var (body, text, clientTurnId) = ValidateRequest(request, header);
        var session = await _work.RequireSessionAsync(sessionId, ct);
        var player = Admit(session, caller, body);

        var turnId = clientTurnId ?? Guid.NewGuid().ToString("N");
        var claimed = false;
        if (clientTurnId is not null)
        {
            var hash = TurnRequestHash.Compute(body, player.PlayerId);
            if (await ClaimAsync(session, turnId, hash, ct) is { } earlier)
            {
                return earlier;
            }
            claimed = true;
        }
        else
        {
            SessionWork.EnsureActive(session);
        }

        Committed committed;
        try
        {
            await using (await _lock.AcquireAsync(sessionId, ct))
            {
                committed = await CommitTurnAsync(sessionId, turnId, player, text, body, invoke, ct);
            }
        }
        catch (Exception exception)
        {
            if (claimed && !await MayHaveCommittedAsync(sessionId, turnId, exception))
            {
                await ReleaseQuietlyAsync(sessionId, turnId);
            }
            throw;
        }

        if (claimed)
        {
            try
            {
                await _idempotency.CompleteAsync(sessionId, turnId, JsonSerializer.Serialize(committed.Result, RoleplayJson.Options), CancellationToken.None);
            }
            catch (Exception exception)
            {
                // The turn is committed; a retry after the claim goes stale recovers it from the transcript.
                _logger.LogError(exception, "Session {SessionId} turn {TurnId}: could not record the idempotent result", sessionId, turnId);
            }
        }
        await _work.AfterCommitAsync(committed.Session, committed.Result.Messages, committed.Operations, CancellationToken.None);
        _logger.LogInformation("Session {SessionId} turn {TurnId} committed up to seq {Seq}", sessionId, turnId, committed.Session.LastSeq);
        return committed.Result;
    }

    private sealed record Committed(SessionRecord Session, TurnResult Result, IReadOnlyList<SessionOperation> Operations);

    private async Task<Committed> CommitTurnAsync(string sessionId, string turnId, Player player, string text, TurnRequest body, ModelInvoker invoke, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            // Read the head inside the lock: the previous holder may have moved it.
            var session = await _work.RequireSessionAsync(sessionId, ct);
            SessionWork.EnsureActive(session);
            var now = _time.GetUtcNow();
            var seq = session.LastSeq;

            if (!body.Reply)
            {
                // Banter without a model call; pending events stay pending for the next answered turn.
                var alone = UserMessage(++seq, player, text, turnId, now);
                try
                {
                    var stored = await _store.CommitAsync(SessionCommit.Append(session, session with { LastSeq = seq }, [alone]), ct);
                    return new Committed(stored, new TurnResult(turnId, [alone], TokenUsage.Zero), [new SessionOperation.Activity(alone.Seq, MessageKind.User)]);
                }
                catch (ConcurrencyException) when (attempt < SessionWork.MaxRetries)
                {
                    _logger.LogInformation("Session {SessionId} turn {TurnId}: commit conflict, retrying (attempt {Attempt})", sessionId, turnId, attempt + 1);
                    continue;
                }
                catch (ConcurrencyException)
                {
                    throw ConflictAfterRetries(sessionId);
                }
            }

            var (choice, pending, prompted, user, built) = await DraftAsync(session, player, text, turnId, body, now, ct);
            var completion = SessionWork.RequireCompletion(await invoke(built.Call, ct));
            seq = user.Seq + 1;
            var reply = GeneratedMessage(seq, MessageKind.Reply, choice.Speaker, completion, built, turnId, _time.GetUtcNow()) with { TurnOptions = body.Options };
            List<TranscriptMessage> newMessages = [.. prompted, reply];

            var updated = _work.AfterGeneration(session, choice, built, completion.Usage, seq);
            try
            {
                var stored = await _store.CommitAsync(SessionCommit.Append(session, updated, newMessages), ct);
                var operations = new List<SessionOperation>();
                if (pending.Count > 0)
                {
                    operations.Add(new SessionOperation.EventsConsumed(pending.Select(e => e.EventId).ToList()));
                }
                operations.Add(new SessionOperation.Activity(user.Seq, MessageKind.User));
                operations.Add(new SessionOperation.Activity(reply.Seq, MessageKind.Reply));
                return new Committed(stored, new TurnResult(turnId, newMessages, completion.Usage), operations);
            }
            catch (ConcurrencyException) when (attempt < SessionWork.MaxRetries)
            {
                _logger.LogInformation("Session {SessionId} turn {TurnId}: commit conflict, rebuilding (attempt {Attempt})", sessionId, turnId, attempt + 1);
            }
            catch (ConcurrencyException)
            {
                throw ConflictAfterRetries(sessionId);
            }
        }
    }

    /// <summary>
    /// The exact model call this turn would make now, built by the same steps a turn takes (operator
    /// preview). Calls no model, claims no turnId and writes nothing.
    /// </summary>
    public async Task<ModelCall> PreviewTurnAsync(string sessionId, Caller caller, TurnRequest? request, string? idempotencyKeyHeader, CancellationToken ct)
    {
        SessionAccess.Demand(caller, sessionId);
        var (body, text, clientTurnId) = ValidateRequest(request, idempotencyKeyHeader);
        if (!body.Reply)
        {
            throw RoleplayException.Invalid("reply", "A turn with reply: false calls no model, so there is no model request to preview.");
        }
        var session = await _work.RequireSessionAsync(sessionId, ct);
        var player = Admit(session, caller, body);
        SessionWork.EnsureActive(session);
        var draft = await DraftAsync(session, player, text, clientTurnId ?? "preview", body, _time.GetUtcNow(), ct);
        return draft.Built.Call;
    }

    /// <summary>What a turn adds before the reply (held events, then the player's line) and the request built from them.</summary>
    private sealed record TurnDraft(
        SpeakerSelection.Choice Choice, IReadOnlyList<GameEvent> Pending, IReadOnlyList<TranscriptMessage> Prompted,
        TranscriptMessage User, BuiltPrompt Built);

    /// <summary>The one place a turn's model request is made: speaker, option bounds, held events, player line, prompt.</summary>
    private async Task<TurnDraft> DraftAsync(SessionRecord session, Player player, string text, string turnId, TurnRequest body, DateTimeOffset now, CancellationToken ct)
    {
        var characters = await _work.LoadCharactersAsync(session, ct);
        var choice = SpeakerSelection.ForTurn(session, characters, body.RespondAs, text);
        _work.ValidateOptionsFor(choice.Speaker, body.Options);

        var pending = await _work.PendingEventsAsync(session, ct);
        var seq = session.LastSeq;
        var prompted = new List<TranscriptMessage>();
        foreach (var pendingEvent in pending)
        {
            prompted.Add(EventMessage(++seq, pendingEvent, turnId, now));
        }
        var user = UserMessage(++seq, player, text, turnId, now);
        prompted.Add(user);

        var built = await _work.BuildAsync(session, choice.Speaker, characters, prompted, PromptKind.Turn, body.Options, ct);
        return new TurnDraft(choice, pending, prompted, user, built);
    }

    /// <summary>The speaking player, once the caller may post and any respondAs names a character of the session.</summary>
    private static Player Admit(SessionRecord session, Caller caller, TurnRequest body)
    {
        var player = ResolvePlayer(session, caller, body.PlayerId);
        if (body.RespondAs is { } respondAs && !session.CharacterIds.Contains(respondAs, StringComparer.Ordinal))
        {
            throw RoleplayException.Invalid("respondAs", "Must be a character of this session.");
        }
        return player;
    }

    /// <summary>Null when this call now owns the turn; otherwise the result to return (a retry).</summary>
    private async Task<TurnResult?> ClaimAsync(SessionRecord session, string turnId, string hash, CancellationToken ct)
    {
        var sessionId = session.SessionId;
        if (session.Status == SessionStatus.Ended)
        {
            // A retry of a turn that completed before the end still gets its answer.
            var record = await _idempotency.GetAsync(sessionId, turnId, ct);
            if (record is { Status: IdempotencyStatus.Completed, ResultJson: { } json } && record.RequestHash == hash)
            {
                return Deserialize(json);
            }
            SessionWork.EnsureActive(session);
        }

        var now = _time.GetUtcNow();
        var existing = await _idempotency.TryClaimAsync(new IdempotencyRecord(sessionId, turnId, hash, IdempotencyStatus.InFlight, null, now), ct);
        if (existing is null)
        {
            return null;
        }
        if (!string.Equals(existing.RequestHash, hash, StringComparison.Ordinal))
        {
            throw new RoleplayException(ProblemKind.Unprocessable, "The turnId was already used for another request.",
                $"Turn '{turnId}' was posted before with a different body; use a new turnId for a new turn.");
        }
        if (existing is { Status: IdempotencyStatus.Completed, ResultJson: { } stored })
        {
            _logger.LogInformation("Session {SessionId} turn {TurnId}: returning the recorded result", sessionId, turnId);
            return Deserialize(stored);
        }
        if (now - existing.ClaimedAt <= StaleClaimAfter)
        {
            throw new RoleplayException(ProblemKind.Conflict, "The turn is still in progress.",
                $"Turn '{turnId}' is being processed; retry shortly to get its result.", retryAfter: InProgressRetryAfter);
        }

        // Stale claim: if its messages were committed, finish the record from them (never a second model call).
        var written = await _store.FindByTurnAsync(sessionId, turnId, ct);
        if (written.Count > 0)
        {
            var recovered = Recover(turnId, written);
            await _idempotency.CompleteAsync(sessionId, turnId, JsonSerializer.Serialize(recovered, RoleplayJson.Options), ct);
            _logger.LogWarning("Session {SessionId} turn {TurnId}: recovered a stale turn from its committed messages", sessionId, turnId);
            return recovered;
        }
        if (!await _idempotency.TryReclaimAsync(existing, now, ct))
        {
            throw new RoleplayException(ProblemKind.Conflict, "The turn is still in progress.",
                $"Turn '{turnId}' was taken over by another request; retry shortly to get its result.", retryAfter: InProgressRetryAfter);
        }
        _logger.LogWarning("Session {SessionId} turn {TurnId}: reclaimed a stale in-flight turn", sessionId, turnId);
        return null;
    }

    private static TurnResult Recover(string turnId, IReadOnlyList<TranscriptMessage> written)
    {
        var messages = written.OrderBy(m => m.Seq).ToList();
        var usage = messages.Where(m => m.Role == MessageRole.Assistant && m.Usage is not null)
            .Aggregate(TokenUsage.Zero, (sum, m) => sum.Add(m.Usage!));
        return new TurnResult(turnId, messages, usage);
    }

    private static TurnResult Deserialize(string json) =>
        JsonSerializer.Deserialize<TurnResult>(json, RoleplayJson.Options)
        ?? throw new InvalidOperationException("A recorded turn result is empty.");

    /// <summary>
    /// An unexpected failure (not a mapped problem) may have hit after the store applied the commit; then the
    /// claim is kept so a retry recovers the committed turn instead of running it twice.
    /// </summary>
    private async Task<bool> MayHaveCommittedAsync(string sessionId, string turnId, Exception exception)
    {
        if (exception is RoleplayException)
        {
            return false;
        }
        try
        {
            return (await _store.FindByTurnAsync(sessionId, turnId, CancellationToken.None)).Count > 0;
        }
        catch (Exception lookup)
        {
            _logger.LogError(lookup, "Session {SessionId} turn {TurnId}: could not check for committed messages; keeping the claim", sessionId, turnId);
            return true;
        }
    }

    private async Task ReleaseQuietlyAsync(string sessionId, string turnId)
    {
        try
        {
            await _idempotency.ReleaseAsync(sessionId, turnId, CancellationToken.None);
        }
        catch (Exception exception)
        {
            // The claim goes stale and is reclaimed later.
            _logger.LogError(exception, "Session {SessionId} turn {TurnId}: could not release the idempotency claim", sessionId, turnId);
        }
    }

    /// <summary>Regenerates the latest assistant message with the same messages and a new seed; the answer becomes the selected alternative.</summary>
    public async Task<TranscriptMessage> RegenerateAsync(string sessionId, Caller caller, long? seed, CancellationToken ct)
    {
        SessionAccess.Demand(caller, sessionId);
        if (seed is < 0 or > SamplingRules.MaxSeed)
        {
            throw RoleplayException.Invalid("seed", $"Must be from 0 to {SamplingRules.MaxSeed}.");
        }
        await _work.RequireSessionAsync(sessionId, ct);

        SessionRecord stored;
        TranscriptMessage replaced;
        await using (await _lock.AcquireAsync(sessionId, ct))
        {
            for (var attempt = 0; ; attempt++)
            {
                var session = await _work.RequireSessionAsync(sessionId, ct);
                SessionWork.EnsureActive(session);
                var latest = await RequireLatestGeneratedAsync(session, ct);
                var characters = await _work.LoadCharactersAsync(session, ct);
                var speaker = latest.SpeakerId is { } id && characters.TryGetValue(id, out var found)
                    ? found
                    : throw new RoleplayException(ProblemKind.Conflict, "The speaker of the message is not in the session.", $"Message {latest.Seq} cannot be regenerated.");

                var newSeed = seed ?? NewSeed(latest.Seed);
                // Same messages and the same sampling options as the original turn; one new answer with a new seed.
                var options = (latest.TurnOptions ?? new TurnOptions()) with { N = 1, Seed = newSeed };
                var built = await _work.RebuildAsync(session, latest, speaker, characters, options, ct);
                var completion = SessionWork.RequireCompletion(await _model.CompleteAsync(built.Call, ct));
                var text = ReplyText.Clean(completion.Choices[0], speaker.Name);
                var alternatives = (latest.Alternatives ?? [latest.Text]).Append(text).ToList();
                replaced = latest with
                {
                    Text = text,
                    Alternatives = alternatives,
                    Selected = alternatives.Count - 1,
                    Usage = (latest.Usage ?? TokenUsage.Zero).Add(completion.Usage),
                    Seed = built.Call.Body.Seed ?? newSeed,
                };
                var updated = _work.Account(session, speaker, built, completion.Usage);
                try
                {
                    stored = await _store.CommitAsync(new SessionCommit(session, updated, [], [replaced]), ct);
                    break;
                }
                catch (ConcurrencyException) when (attempt < SessionWork.MaxRetries)
                {
                    _logger.LogInformation("Session {SessionId}: regenerate of seq {Seq} lost a commit race, retrying", sessionId, latest.Seq);
                }
                catch (ConcurrencyException)
                {
                    throw ConflictAfterRetries(sessionId);
                }
            }
        }
        _work.Notify(stored, [replaced]);
        _logger.LogInformation("Session {SessionId}: regenerated seq {Seq}, now {Count} alternatives", sessionId, replaced.Seq, replaced.Alternatives!.Count);
        return replaced;
    }

    /// <summary>Selects alternative <paramref name="index"/> of the latest assistant message; later prompts use its text.</summary>
    public async Task<TranscriptMessage> SelectAsync(string sessionId, Caller caller, long seq, int index, CancellationToken ct)
    {
        SessionAccess.Demand(caller, sessionId);
        await _work.RequireSessionAsync(sessionId, ct);

        await using (await _lock.AcquireAsync(sessionId, ct))
        {
            for (var attempt = 0; ; attempt++)
            {
                var session = await _work.RequireSessionAsync(sessionId, ct);
                SessionWork.EnsureActive(session);
                if (seq < 1 || seq > session.LastSeq)
                {
                    throw RoleplayException.NotFound($"Message {seq}");
                }
                var latest = await _work.FindLatestAssistantAsync(session, ct);
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
                try
                {
                    var stored = await _store.CommitAsync(new SessionCommit(session, session, [], [selected]), ct);
                    _work.Notify(stored, [selected]);
                    return selected;
                }
                catch (ConcurrencyException) when (attempt < SessionWork.MaxRetries)
                {
                }
                catch (ConcurrencyException)
                {
                    throw ConflictAfterRetries(sessionId);
                }
            }
        }
    }

    private async Task<TranscriptMessage> RequireLatestGeneratedAsync(SessionRecord session, CancellationToken ct)
    {
        var latest = await _work.FindLatestAssistantAsync(session, ct);
        return latest is { Kind: MessageKind.Reply or MessageKind.Nudge or MessageKind.Reaction }
            ? latest
            : throw new RoleplayException(ProblemKind.Conflict, "Nothing to regenerate.",
                "The latest assistant message is not a generated reply, nudge or reaction.");
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

    private static (TurnRequest Body, string Text, string? TurnId) ValidateRequest(TurnRequest? request, string? header)
    {
        if (request is null)
        {
            throw RoleplayException.Invalid("body", "A JSON body is required.");
        }
        var errors = new ValidationErrors();
        var text = request.Text?.Trim() ?? "";
        if (text.Length == 0)
        {
            errors.Add("text", "Required: the player's message.");
        }
        else if (request.Text!.Length > MaxTextLength)
        {
            errors.Add("text", $"At most {MaxTextLength} characters.");
        }

        var bodyId = string.IsNullOrWhiteSpace(request.TurnId) ? null : request.TurnId;
        var headerId = string.IsNullOrWhiteSpace(header) ? null : header;
        if (bodyId is not null && headerId is not null && !string.Equals(bodyId, headerId, StringComparison.Ordinal))
        {
            errors.Add("turnId", "The body turnId and the Idempotency-Key header differ.");
        }
        var turnId = bodyId ?? headerId;
        if (turnId is { Length: > MaxTurnIdLength })
        {
            errors.Add("turnId", $"At most {MaxTurnIdLength} characters.");
        }
        if (request.RespondAs is { Length: 0 })
        {
            errors.Add("respondAs", "Must be a character id when given.");
        }
        if (request.Options is { } options)
        {
            // Field rules now; the speaker's model bounds are checked once the speaker is known.
            SamplingRules.Validate("options", options.Temperature, options.TopP, options.MaxTokens, options.N, options.Seed, options.LogitBias, null, errors);
        }
        return errors.IsEmpty ? (request, text, turnId) : throw RoleplayException.Invalid(errors.ToDictionary());
    }

    /// <summary>Players speak as their token's player; an operator names one, or a one-player session implies it.</summary>
    private static Player ResolvePlayer(SessionRecord session, Caller caller, string? requestedPlayerId)
    {
        if (!caller.IsOperator)
        {
            if (requestedPlayerId is not null && !string.Equals(requestedPlayerId, caller.PlayerId, StringComparison.Ordinal))
            {
                throw RoleplayException.Invalid("playerId", "Only an operator may post for another player.");
            }
            return session.Players.FirstOrDefault(p => p.PlayerId == caller.PlayerId)
                ?? throw new RoleplayException(ProblemKind.Forbidden, "Access denied.", "The access token's player is not part of this session.");
        }
        if (requestedPlayerId is not null)
        {
            return session.Players.FirstOrDefault(p => p.PlayerId == requestedPlayerId)
                ?? throw RoleplayException.Invalid("playerId", "Must be a player of this session.");
        }
        return session.Players.Count == 1
            ? session.Players[0]
            : throw RoleplayException.Invalid("playerId", "Required when an operator posts in a session with several players.");
    }

    internal static TranscriptMessage UserMessage(long seq, Player player, string text, string? turnId, DateTimeOffset now) => new()
    {
        Seq = seq,
        Role = MessageRole.User,
        Kind = MessageKind.User,
        Speaker = player.Name,
        SpeakerId = player.PlayerId,
        Text = text,
        TurnId = turnId,
        CreatedAt = now,
    };

    internal static TranscriptMessage EventMessage(long seq, GameEvent gameEvent, string? turnId, DateTimeOffset now) => new()
    {
        Seq = seq,
        Role = MessageRole.System,
        Kind = MessageKind.Event,
        Text = gameEvent.Text,
        EventId = gameEvent.EventId,
        TurnId = turnId,
        CreatedAt = now,
    };

    /// <summary>An assistant message from a completion: choice 0 cleaned, all choices as alternatives when n &gt; 1.</summary>
    internal static TranscriptMessage GeneratedMessage(long seq, MessageKind kind, CharacterProfile speaker, ChatCompletion completion, BuiltPrompt built, string? turnId, DateTimeOffset now)
    {
        var texts = completion.Choices.Select(choice => ReplyText.Clean(choice, speaker.Name)).ToList();
        return new TranscriptMessage
        {
            Seq = seq,
            Role = MessageRole.Assistant,
            Kind = kind,
            Speaker = speaker.Name,
            SpeakerId = speaker.Id,
            Text = texts[0],
            Alternatives = texts.Count > 1 ? texts : null,
            Selected = texts.Count > 1 ? 0 : null,
            Usage = completion.Usage,
            ContextFromSeq = built.ContextFromSeq,
            Seed = built.Call.Body.Seed,
            TurnId = turnId,
            CreatedAt = now,
        };
    }

    internal static RoleplayException ConflictAfterRetries(string sessionId) =>
        new(ProblemKind.Conflict, "The session changed concurrently.",
            $"Session '{sessionId}' kept changing while this request was processed; retry it.");
}
