using System.Runtime.CompilerServices;
using CharacterFunctions.Roleplay.Commits;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Generation;
using CharacterFunctions.Roleplay.ModelApi;
using CharacterFunctions.Roleplay.Prompting;
using CharacterFunctions.Roleplay.Security;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Roleplay.Validation;
using Microsoft.Extensions.Logging;

namespace CharacterFunctions.Roleplay.Turns;

/// <summary>
/// A player turn (plain or streamed): validated, made idempotent by turnId (<see cref="TurnIdempotency"/>),
/// then its pending events, user message, reply and completed idempotency record written in one
/// commit through <see cref="SessionCommitter"/>. Nothing is written when the model fails.
/// </summary>
public sealed class TurnService(
    SessionCommitter committer,
    GenerationSteps steps,
    TurnIdempotency idempotency,
    IChatModel model,
    TimeProvider time,
    ILogger<TurnService> logger)
{
    public Task<TurnResult> PostTurnAsync(string sessionId, Caller caller, TurnRequest? request, string? idempotencyKeyHeader, CancellationToken ct) =>
        RunTurnAsync(sessionId, caller, request, idempotencyKeyHeader, model.CompleteAsync, ct);

    /// <summary>
    /// The same turn with the model's text streamed as it is written: deltas, then one Done with the
    /// committed result. Failures before the first item throw from the first MoveNextAsync.
    /// </summary>
    public async IAsyncEnumerable<TurnStreamItem> StreamTurnAsync(
        string sessionId, Caller caller, TurnRequest? request, string? idempotencyKeyHeader,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var items = GenerationStream.RunAsync<TurnResult>(model, invoke => RunTurnAsync(sessionId, caller, request, idempotencyKeyHeader, invoke, ct), ct);
        await foreach (var item in items)
        {
            yield return item switch
            {
                GenerationStreamItem<TurnResult>.Delta delta => new TurnStreamItem.Delta(delta.Index, delta.Text),
                GenerationStreamItem<TurnResult>.Done done => new TurnStreamItem.Done(done.Result),
                _ => throw new InvalidOperationException($"Unknown stream item {item.GetType().Name}."),
            };
        }
    }

    private async Task<TurnResult> RunTurnAsync(string sessionId, Caller caller, TurnRequest? request, string? header, ModelInvoker invoke, CancellationToken ct)
    {
        SessionAccess.Demand(caller, sessionId);
        var (body, text, clientTurnId) = TurnRequestRules.Validate(request, header);
        var session = await committer.RequireSessionAsync(sessionId, ct);
        var player = TurnRequestRules.ResolvePlayer(session, caller, body.PlayerId);
        TurnRequestRules.RequireRespondAs(session, body.RespondAs);

        var turnId = clientTurnId ?? Guid.NewGuid().ToString("N");
        var hash = clientTurnId is null ? null : TurnRequestHash.Compute(body, player.PlayerId);
        if (hash is null)
        {
            SessionCommitter.EnsureActive(session);
        }
        else if (await idempotency.ClaimAsync(session, turnId, hash, ct) is { } earlier)
        {
            return earlier;
        }

        // Renewed while the model call runs, so a retry meanwhile gets 409 but one after a crash takes over at once.
        await using var claimLease = hash is null ? null : idempotency.KeepClaimAlive(sessionId, turnId);
        Committed<TurnResult> committed;
        try
        {
            committed = await committer.CommitAsync(sessionId, HeadRule.MustBeActive, async (head, token) =>
            {
                var plan = await PlanAsync(head, turnId, player, text, body, invoke, token);
                return hash is null ? plan : idempotency.WithCompletion(plan, sessionId, hash);
            }, ct, current: session);
        }
        catch when (hash is not null)
        {
            await idempotency.AbandonAsync(sessionId, turnId);
            throw;
        }
        if (hash is not null)
        {
            idempotency.Committed(sessionId, turnId);
        }
        logger.LogInformation("Session {SessionId} turn {TurnId} committed up to seq {Seq}", sessionId, turnId, committed.Session!.LastSeq);
        return committed.Result;
    }

    private async Task<CommitPlan<TurnResult>> PlanAsync(SessionRecord session, string turnId, Player player, string text, TurnRequest body, ModelInvoker invoke, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var seq = session.LastSeq;
        if (!body.Reply)
        {
            // Banter without a model call; pending events stay pending for the next answered turn.
            var alone = TranscriptMessage.User(++seq, player, text, turnId, now);
            return new CommitPlan<TurnResult>(SessionCommit.Append(session, session with { LastSeq = seq }, [alone]),
                new TurnResult(turnId, [alone], TokenUsage.Zero), [alone], SessionReducer.ActivityReports(session, [alone]));
        }

        var (choice, pending, newMessages, user, built) = await DraftAsync(session, player, text, turnId, body, now, ct);
        var speaker = choice.Speaker;
        seq = user.Seq;
        var completion = GenerationSteps.RequireCompletion(await invoke(built.Call, ct));
        var reply = GenerationSteps.Message(++seq, MessageKind.Reply, speaker, completion, built, turnId, time.GetUtcNow()) with { TurnOptions = body.Options };
        newMessages.Add(reply);

        var operations = new List<SessionOperation>();
        if (pending.Count > 0)
        {
            operations.Add(new SessionOperation.EventsConsumed(pending.Select(e => e.EventId).ToList()));
        }
        operations.AddRange(SessionReducer.ActivityReports(session, [user, reply]));
        var updated = steps.AfterGeneration(session, choice, built, completion.Usage, seq);
        return new CommitPlan<TurnResult>(SessionCommit.Append(session, updated, newMessages),
            new TurnResult(turnId, newMessages, completion.Usage), newMessages, operations);
    }

    /// <summary>
    /// The exact model call this turn would make now, built by the same steps a turn takes (operator
    /// preview). Calls no model, claims no turnId and writes nothing.
    /// </summary>
    public async Task<ModelCall> PreviewTurnAsync(string sessionId, Caller caller, TurnRequest? request, string? idempotencyKeyHeader, CancellationToken ct)
    {
        SessionAccess.Demand(caller, sessionId);
        var (body, text, clientTurnId) = TurnRequestRules.Validate(request, idempotencyKeyHeader);
        if (!body.Reply)
        {
            throw RoleplayException.Invalid("reply", "A turn with reply: false calls no model, so there is no model request to preview.");
        }
        var session = await committer.RequireSessionAsync(sessionId, ct);
        var player = TurnRequestRules.ResolvePlayer(session, caller, body.PlayerId);
        TurnRequestRules.RequireRespondAs(session, body.RespondAs);
        SessionCommitter.EnsureActive(session);
        var draft = await DraftAsync(session, player, text, clientTurnId ?? "preview", body, time.GetUtcNow(), ct);
        return draft.Built.Call;
    }

    /// <summary>What a turn adds before the reply (held events, then the player's line) and the request built from them.</summary>
    private sealed record TurnDraft(
        SpeakerSelection.Choice Choice, IReadOnlyList<GameEvent> Pending, List<TranscriptMessage> Prompted,
        TranscriptMessage User, BuiltPrompt Built);

    /// <summary>The one place a turn's model request is made (turns and previews): speaker, option bounds, held events, player line, prompt.</summary>
    private async Task<TurnDraft> DraftAsync(SessionRecord session, Player player, string text, string turnId, TurnRequest body, DateTimeOffset now, CancellationToken ct)
    {
        var characters = await steps.LoadCharactersAsync(session, ct);
        var choice = SpeakerSelection.ForTurn(session, characters, body.RespondAs, text);
        steps.ValidateOptionsFor(choice.Speaker, body.Options);

        var pending = await steps.PendingEventsAsync(session, ct);
        var seq = session.LastSeq;
        var prompted = new List<TranscriptMessage>();
        foreach (var pendingEvent in pending)
        {
            prompted.Add(TranscriptMessage.Event(++seq, pendingEvent.EventId, pendingEvent.Text, turnId, now));
        }
        var user = TranscriptMessage.User(++seq, player, text, turnId, now);
        prompted.Add(user);

        var built = await steps.BuildAsync(session, choice.Speaker, characters, prompted, PromptKind.Turn, body.Options, ct);
        return new TurnDraft(choice, pending, prompted, user, built);
    }
}
