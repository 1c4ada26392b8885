using System.Text.Json;
using CharacterFunctions.Roleplay.Commits;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Serialization;
using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Roleplay.Validation;
using Microsoft.Extensions.Logging;

namespace CharacterFunctions.Roleplay.Turns;

/// <summary>
/// Turns are idempotent by (sessionId, turnId), in the shape of a request manager: claim the id before
/// the work, complete it with the result, release it when the work failed. A retry with the same body
/// gets the recorded result (no second model call); a claim whose owner is gone (<see cref="ClaimLease"/>)
/// is recovered from the transcript or taken over at once.
/// </summary>
public sealed class TurnIdempotency(IIdempotencyStore records, ISessionStore sessions, ClaimLease lease, ILogger<TurnIdempotency> logger)
{
    /// <summary>Told to a client that retries a turn still being answered (409): a model call takes seconds.</summary>
    public static readonly TimeSpan InProgressRetryAfter = TimeSpan.FromSeconds(1);

    /// <summary>Null when this call now owns the turn; otherwise the result to return (a retry).</summary>
    public async Task<TurnResult?> ClaimAsync(SessionRecord session, string turnId, string hash, CancellationToken ct)
    {
        var sessionId = session.SessionId;
        if (session.Status == SessionStatus.Ended)
        {
            // A retry of a turn that completed before the end still gets its answer.
            var record = await records.GetAsync(sessionId, turnId, ct);
            if (record is { Status: IdempotencyStatus.Completed, ResultJson: { } json } && record.RequestHash == hash)
            {
                return Deserialize(json);
            }
            SessionCommitter.EnsureActive(session);
        }

        var claim = lease.NewClaim(sessionId, turnId, hash);
        var existing = await records.TryClaimAsync(claim, ct);
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
            logger.LogInformation("Session {SessionId} turn {TurnId}: returning the recorded result", sessionId, turnId);
            return Deserialize(stored);
        }
        if (!lease.IsOwnerGone(existing, claim.ClaimedAt))
        {
            throw InProgress(turnId, "is being processed");
        }

        // Owner gone (crashed or hung): if its messages were committed, finish the record from them (never a second model call).
        var written = await sessions.FindByTurnAsync(sessionId, turnId, ct);
        if (written.Count > 0)
        {
            var recovered = Recover(turnId, written);
            await records.CompleteAsync(sessionId, turnId, JsonSerializer.Serialize(recovered, RoleplayJson.Options), ct);
            logger.LogWarning("Session {SessionId} turn {TurnId}: recovered a turn whose claim owner is gone from its committed messages", sessionId, turnId);
            return recovered;
        }
        if (!await records.TryTakeOverAsync(existing, claim, ct))
        {
            throw InProgress(turnId, "was taken over by another request");
        }
        logger.LogWarning("Session {SessionId} turn {TurnId}: took over an in-flight claim whose owner is gone", sessionId, turnId);
        return null;
    }

    /// <summary>Keeps this process's claim on the turn alive while the model call runs; dispose when the turn is done.</summary>
    public IAsyncDisposable KeepClaimAlive(string sessionId, string turnId) => lease.KeepAlive(sessionId, turnId);

    /// <summary>
    /// The plan with the turn's completed record riding in its commit, so the result is recorded in the
    /// same transaction as the messages (never a committed turn without its record, and one write).
    /// </summary>
    public CommitPlan<TurnResult> WithCompletion(CommitPlan<TurnResult> plan, string sessionId, string hash)
    {
        if (plan.Commit is null)
        {
            return plan;
        }
        var completed = lease.NewClaim(sessionId, plan.Result.TurnId, hash) with
        {
            Status = IdempotencyStatus.Completed,
            ResultJson = JsonSerializer.Serialize(plan.Result, RoleplayJson.Options),
            Owner = null,
            LeaseUntil = null,
        };
        return plan with { Commit = plan.Commit with { Completion = completed } };
    }

    /// <summary>The turn's commit carried its completion: the claim has nothing left to write.</summary>
    public void Committed(string sessionId, string turnId) => records.Committed(sessionId, turnId);

    /// <summary>
    /// After the work failed: releases the claim so the client may retry. Safe even when the failure hit after
    /// the store applied the commit (a transport error on the way back): the commit carried the completed
    /// record, which a release never removes, so the retry gets the recorded result instead of a second turn.
    /// </summary>
    public async Task AbandonAsync(string sessionId, string turnId)
    {
        try
        {
            await records.ReleaseAsync(sessionId, turnId, CancellationToken.None);
        }
        catch (Exception exception)
        {
            // The claim's lease runs out and a retry takes it over.
            logger.LogError(exception, "Session {SessionId} turn {TurnId}: could not release the idempotency claim", sessionId, turnId);
        }
    }

    private static RoleplayException InProgress(string turnId, string what) =>
        new(ProblemKind.Conflict, "The turn is still in progress.",
            $"Turn '{turnId}' {what}; retry shortly to get its result.", retryAfter: InProgressRetryAfter);

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
}
