using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Roleplay.Storage;
using CharacterFunctions.Roleplay.Validation;
using Microsoft.Extensions.Logging;

namespace CharacterFunctions.Roleplay.Commits;

/// <summary>Plans a write from the current head; called again with a fresh head after a lost race.</summary>
public delegate Task<CommitPlan<T>> CommitPlanner<T>(SessionRecord head, CancellationToken ct);

/// <summary>
/// The one commit path of every use case that changes a session: under the session lock, take the
/// head (read again when a real lock may have let another writer move it), check it (404, 410), let
/// the use case plan on it, commit conditionally, and on a lost race plan again (bounded, one policy),
/// else 409. Where the actors persist to the session store (<see cref="ISessionActorCommits"/>) their
/// new state rides in the commit's transaction; elsewhere the actor operations are sent after the
/// commit, outside the lock, in order. Then transcript observers. The transcript is durable by then,
/// so their failures are logged.
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

    /// <param name="current">The head the caller has just read, if any: planned on first where no lock serialises writers, so the store is read once.</param>
    public async Task<Committed<T>> CommitAsync<T>(string sessionId, HeadRule rule, CommitPlanner<T> plan, CancellationToken ct, SessionRecord? current = null)
    {
        Outcome<T> outcome;
        if (rule == HeadRule.Ending)
        {
            outcome = await CommitLoopAsync(sessionId, rule, plan, current, ct);
        }
        else
        {
            await using (await sessionLock.AcquireAsync(sessionId, ct))
            {
                outcome = await CommitLoopAsync(sessionId, rule, plan, sessionLock.Serialises ? null : current, ct);
            }
        }
        if (outcome.Committed.Session is { } stored)
        {
            await NotifyAsync(stored, outcome.Plan.Changed, outcome.ActorsApplied ? [] : outcome.Plan.Operations);
        }
        return outcome.Committed;
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

    /// <summary>What the loop wrote; <see cref="ActorsApplied"/> when the actor state rode in the commit.</summary>
    private sealed record Outcome<T>(Committed<T> Committed, CommitPlan<T> Plan, bool ActorsApplied);

    private async Task<Outcome<T>> CommitLoopAsync<T>(string sessionId, HeadRule rule, CommitPlanner<T> plan, SessionRecord? current, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var head = attempt == 0 && current is not null ? current : await RequireSessionAsync(sessionId, ct);
            if (rule == HeadRule.MustBeActive)
            {
                EnsureActive(head);
            }
            var planned = await plan(head, ct);
            if (planned.Commit is null)
            {
                return new Outcome<T>(new Committed<T>(null, planned.Result), planned, false);
            }
            try
            {
                var (stored, actorsApplied) = await WriteAsync(planned, ct);
                return new Outcome<T>(new Committed<T>(stored, planned.Result), planned, actorsApplied);
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

    /// <summary>The store write, carrying the actor's next state where the host's actors can join it.</summary>
    private async Task<(SessionRecord Stored, bool ActorsApplied)> WriteAsync<T>(CommitPlan<T> planned, CancellationToken ct)
    {
        var commit = planned.Commit!;
        if (planned.Operations.Count == 0 || actors is not ISessionActorCommits joint)
        {
            return (await sessions.CommitAsync(commit, ct), false);
        }
        await using var actor = await joint.PrepareAsync(commit.Expected.SessionId, planned.Operations, ct);
        var stored = await sessions.CommitAsync(commit with { ActorState = actor.State }, ct);
        actor.Committed();
        return (stored, true);
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
