using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Roleplay.Validation;
using Microsoft.Extensions.Logging;

namespace CharacterFunctions.Roleplay.Commits;

/// <summary>Plans a write from the current head; called again with a fresh head after a lost race.</summary>
public delegate Task<CommitPlan<T>> CommitPlanner<T>(SessionRecord head, CancellationToken ct);

/// <summary>
/// The one commit path of every use case that changes a session: under the session lock, re-read the
/// head, check it (404, 410), let the use case plan on it, commit conditionally, and on a lost race
/// plan again (bounded, one policy), else 409. After the commit, outside the lock: actor operations in
/// order, then transcript observers. The transcript is durable by then, so their failures are logged.
/// </summary>
public sealed class SessionCommitter(
    ISessionStore sessions,
    ISessionActors actors,
    ISessionLock sessionLock,
    IEnumerable<ITranscriptObserver> observers,
    ILogger<SessionCommitter> logger)
{
    /// <summary>A commit that loses to a concurrent writer is planned again this many times, then 409.</summary>
    public const int MaxRetries = 3;

    private readonly ITranscriptObserver[] _observers = observers.ToArray();

    /// <param name="afterCommit">Runs after the commit and before actors and observers hear of it (a turn records its idempotent result).</param>
    public async Task<Committed<T>> CommitAsync<T>(
        string sessionId, HeadRule rule, CommitPlanner<T> plan, CancellationToken ct, Func<Committed<T>, Task>? afterCommit = null)
    {
        Committed<T> committed;
        CommitPlan<T> applied;
        if (rule == HeadRule.Ending)
        {
            (committed, applied) = await CommitLoopAsync(sessionId, rule, plan, ct);
        }
        else
        {
            await using (await sessionLock.AcquireAsync(sessionId, ct))
            {
                (committed, applied) = await CommitLoopAsync(sessionId, rule, plan, ct);
            }
        }
        if (committed.Session is { } stored)
        {
            if (afterCommit is not null)
            {
                await afterCommit(committed);
            }
            await NotifyAsync(stored, applied.Changed, applied.Operations);
        }
        return committed;
    }

    public async Task<SessionRecord> RequireSessionAsync(string sessionId, CancellationToken ct) =>
        await sessions.GetAsync(sessionId, ct) ?? throw RoleplayException.NotFound($"Session '{sessionId}'");

    public static void EnsureActive(SessionRecord session)
    {
        if (session.Status == SessionStatus.Ended)
        {
            throw new RoleplayException(ProblemKind.Gone, "The session has ended.", $"Session '{session.SessionId}' has ended; its transcript stays readable.");
        }
    }

    private async Task<(Committed<T>, CommitPlan<T>)> CommitLoopAsync<T>(string sessionId, HeadRule rule, CommitPlanner<T> plan, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            // Read the head inside the lock: the previous holder may have moved it.
            var head = await RequireSessionAsync(sessionId, ct);
            if (rule == HeadRule.MustBeActive)
            {
                EnsureActive(head);
            }
            var planned = await plan(head, ct);
            if (planned.Commit is null)
            {
                return (new Committed<T>(null, planned.Result), planned);
            }
            try
            {
                var stored = await sessions.CommitAsync(planned.Commit, ct);
                return (new Committed<T>(stored, planned.Result), planned);
            }
            catch (ConcurrencyException) when (attempt < MaxRetries)
            {
                logger.LogInformation("Session {SessionId}: commit lost a race, planning again (attempt {Attempt})", sessionId, attempt + 1);
            }
            catch (ConcurrencyException)
            {
                throw new RoleplayException(ProblemKind.Conflict, "The session changed concurrently.",
                    $"Session '{sessionId}' kept changing while this request was processed; retry it.");
            }
        }
    }

    private async Task NotifyAsync(SessionRecord committed, IReadOnlyList<TranscriptMessage> changed, IReadOnlyList<SessionOperation> operations)
    {
        if (operations.Count > 1 && actors is ISessionActorBatches batches)
        {
            await SendQuietlyAsync(committed, operations, () => batches.SendAllAsync(committed.SessionId, operations, CancellationToken.None));
        }
        else
        {
            foreach (var operation in operations)
            {
                await SendQuietlyAsync(committed, [operation], () => actors.SendAsync(committed.SessionId, operation, CancellationToken.None));
            }
        }
        foreach (var observer in _observers)
        {
            try
            {
                observer.Committed(committed, changed);
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "Session {SessionId}: transcript observer {Observer} failed", committed.SessionId, observer.GetType().Name);
            }
        }
    }

    private async Task SendQuietlyAsync(SessionRecord committed, IReadOnlyList<SessionOperation> operations, Func<Task> send)
    {
        try
        {
            await send();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Session {SessionId}: could not send {Operation} to the session actor after commit at seq {Seq}",
                committed.SessionId, string.Join(", ", operations.Select(o => o.GetType().Name)), committed.LastSeq);
        }
    }
}
