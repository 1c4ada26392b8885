using System.Collections.Concurrent;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Events;
using CharacterFunctions.Roleplay.Nudges;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Roleplay.Storage;

namespace CharacterFunctions.LocalHost.Actors;

/// <summary>
/// In-process session actors: one mailbox per session, operations applied one at a time through the
/// pure <see cref="SessionReducer"/>, state saved before any effect runs (so a restart can resume),
/// then effects executed: idle timers on <see cref="TimeProvider"/>, nudges and reactions in the
/// background. The Azure host does the same with Durable entities. A mailbox is drained by a task
/// only while it has work, so thousands of quiet sessions cost a small object and a timer each.
/// Operations a session commit reports join that commit (<see cref="ISessionActorCommits"/>): the new state
/// is written in the commit's transaction and adopted only once it is durable.
/// </summary>
internal sealed partial class LocalSessionActors(
    ISessionActorStateStore stateStore,
    IServiceProvider services,
    TimeProvider time,
    ILogger<LocalSessionActors> logger) : ISessionActors, ISessionActorBatches, ISessionActorCommits, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Mailbox> _mailboxes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ITimer> _timers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, byte> _background = new();
    private readonly CancellationTokenSource _stopping = new();

    public async Task<SessionActorState?> GetStateAsync(string sessionId, CancellationToken ct)
    {
        // The mailbox's copy is the latest applied state; the store has it too once saved.
        if (_mailboxes.TryGetValue(sessionId, out var mailbox) && mailbox.State is { } state)
        {
            return state;
        }
        mailbox ??= _stopping.IsCancellationRequested ? null : MailboxOf(sessionId);
        var drainsBefore = mailbox?.Drains ?? 0;
        var loaded = await stateStore.LoadAsync(sessionId, ct);
        if (loaded is not null)
        {
            // Remembered so the next turn of a session the actor rarely hears from (no idle policy) reads nothing.
            mailbox?.Remember(loaded, drainsBefore);
        }
        return loaded;
    }

    /// <summary>Completes once the operation is applied and its state saved; effects run afterwards.</summary>
    public Task SendAsync(string sessionId, SessionOperation operation, CancellationToken ct) =>
        SendAllAsync(sessionId, [operation], ct);

    /// <summary>Applies the operations in order as one mailbox item: one state save for all of them.</summary>
    public Task SendAllAsync(string sessionId, IReadOnlyList<SessionOperation> operations, CancellationToken ct)
    {
        return Post(sessionId, operations, joint: null).Applied.Task.WaitAsync(ct);
    }

    /// <summary>
    /// Queues the operations as one mailbox item that computes the next state and then holds the mailbox
    /// until the commit carrying that state is decided: committed (adopt it, run effects) or not (keep the old).
    /// </summary>
    public async Task<IActorCommit> PrepareAsync(string sessionId, IReadOnlyList<SessionOperation> operations, CancellationToken ct)
    {
        var joint = new JointCommit();
        Post(sessionId, operations, joint);
        try
        {
            await joint.Prepared.Task.WaitAsync(ct);
            return joint;
        }
        catch
        {
            // Abandoned before the state was handed over: the drain must not wait for a decision.
            await joint.DisposeAsync();
            throw;
        }
    }

    /// <summary>Queues one mailbox item and starts a drain when none runs.</summary>
    private Envelope Post(string sessionId, IReadOnlyList<SessionOperation> operations, JointCommit? joint)
    {
        ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
        var envelope = new Envelope(operations, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), joint);
        var mailbox = MailboxOf(sessionId);
        if (mailbox.Post(envelope))
        {
            Track(Task.Run(() => DrainAsync(mailbox), CancellationToken.None));
        }
        return envelope;
    }

    private Mailbox MailboxOf(string sessionId) => _mailboxes.GetOrAdd(sessionId, id => new Mailbox(id));

    /// <summary>Start-up: re-arms the idle timers of active sessions; a timer already past due fires now.</summary>
    public async Task ResumeAsync(CancellationToken ct)
    {
        var states = await stateStore.LoadActiveAsync(ct);
        foreach (var state in states)
        {
            if (state.IdleDueAt is { } dueAt)
            {
                Arm(state.SessionId, dueAt, state.TimerGeneration);
            }
        }
        LogResumed(states.Count);
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }
        await _stopping.CancelAsync();
        foreach (var timer in _timers.Values)
        {
            await timer.DisposeAsync();
        }
        // Let running drains and background generations observe cancellation and finish.
        try
        {
            await Task.WhenAll(_background.Keys).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception exception) when (exception is OperationCanceledException or TimeoutException)
        {
            // Cancelled generations are expected at shutdown.
        }
    }

    /// <summary>Applies queued operations in order until the mailbox is empty; one drain per mailbox at a time.</summary>
    private async Task DrainAsync(Mailbox mailbox)
    {
        while (mailbox.TryTake(out var envelope))
        {
            try
            {
                var state = mailbox.State
                    ?? await stateStore.LoadAsync(mailbox.SessionId, _stopping.Token)
                    ?? new SessionActorState { SessionId = mailbox.SessionId };
                var (next, effects, applied) = SessionBatch.Apply(state, envelope.Operations, time.GetUtcNow());
                state = next;
                if (envelope.Joint is { } joint)
                {
                    // The state is saved by the session commit; adopted only if that commit lands.
                    joint.Prepared.TrySetResult(applied ? state : null);
                    if (applied && !await joint.Decision.Task)
                    {
                        continue;
                    }
                }
                else if (applied)
                {
                    await stateStore.SaveAsync(state, _stopping.Token);
                }
                mailbox.State = state;
                if (state.IdleDueAt is null && _timers.TryRemove(mailbox.SessionId, out var disarmed))
                {
                    // Disarmed (ended, or the nudge limit reached): a stale timer would only be ignored.
                    await disarmed.DisposeAsync();
                }
                envelope.Applied.TrySetResult();
                foreach (var effect in effects)
                {
                    Run(mailbox.SessionId, effect);
                }
            }
            catch (Exception exception)
            {
                // Forget the cached state: the store holds the last state that was really saved.
                mailbox.State = null;
                LogOperationFailed(exception, mailbox.SessionId, string.Join(", ", envelope.Operations.Select(o => o.GetType().Name)));
                envelope.Applied.TrySetException(exception);
                envelope.Joint?.Prepared.TrySetException(exception);
            }
        }
    }

    private void Run(string sessionId, SessionEffect effect)
    {
        switch (effect)
        {
            case SessionEffect.ScheduleIdleCheck schedule:
                Arm(sessionId, schedule.At, schedule.Generation);
                break;
            case SessionEffect.GenerateNudge nudge:
                InBackground(sessionId, "nudge", async ct =>
                {
                    TranscriptMessage? message = null;
                    try
                    {
                        message = await services.GetRequiredService<IdleContinuationService>()
                            .GenerateNudgeAsync(sessionId, nudge.BasedOnSeq, ct);
                    }
                    finally
                    {
                        if (message is null && !ct.IsCancellationRequested)
                        {
                            // Dropped or failed: the actor counts it and backs off (SessionReducer.MaxNudgeFailures).
                            LogNudgeDropped(sessionId, nudge.BasedOnSeq);
                            await SendAsync(sessionId, new SessionOperation.NudgeFailed(nudge.Generation), ct);
                        }
                    }
                });
                break;
            case SessionEffect.GenerateReaction reaction:
                // The service hands a failed reaction's event back as pending (ReactionFailed) itself.
                InBackground(sessionId, "reaction", ct => services.GetRequiredService<EventReactionService>().ReactAsync(reaction.Event, ct));
                break;
            case SessionEffect.Publish publish:
                LogPublished(sessionId, publish.Seq);
                break;
        }
    }

    private void Arm(string sessionId, DateTimeOffset dueAt, long generation)
    {
        var delay = dueAt - time.GetUtcNow();
        if (delay < TimeSpan.Zero)
        {
            delay = TimeSpan.Zero;
        }
        var timer = time.CreateTimer(_ => OnTimer(sessionId, generation), null, delay, Timeout.InfiniteTimeSpan);
        if (_timers.TryGetValue(sessionId, out var previous))
        {
            previous.Dispose();
        }
        _timers[sessionId] = timer;
    }

    private void OnTimer(string sessionId, long generation)
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }
        InBackground(sessionId, "idle-due", ct => SendAsync(sessionId, new SessionOperation.IdleDue(generation), ct));
    }

    private void InBackground(string sessionId, string what, Func<CancellationToken, Task> work)
    {
        var ct = _stopping.Token;
        Track(Task.Run(async () =>
        {
            try
            {
                await work(ct);
            }
            catch (Exception) when (ct.IsCancellationRequested)
            {
                // Shutting down.
            }
            catch (Exception exception)
            {
                LogBackgroundFailed(exception, sessionId, what);
            }
        }, CancellationToken.None));
    }

    /// <summary>Remembers running work so shutdown can wait for it.</summary>
    private void Track(Task task)
    {
        _background.TryAdd(task, 0);
        task.ContinueWith(t => _background.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private sealed record Envelope(IReadOnlyList<SessionOperation> Operations, TaskCompletionSource Applied, JointCommit? Joint = null);

    /// <summary>The handle of <see cref="PrepareAsync"/>: the state handed to the commit, and the commit's outcome handed back.</summary>
    private sealed class JointCommit : IActorCommit
    {
        public TaskCompletionSource<SessionActorState?> Prepared { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<bool> Decision { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public SessionActorState? State => Prepared.Task.IsCompletedSuccessfully ? Prepared.Task.Result : null;

        public void Committed() => Decision.TrySetResult(true);

        public ValueTask DisposeAsync()
        {
            Decision.TrySetResult(false);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class Mailbox(string sessionId)
    {
        private readonly Queue<Envelope> _queue = new();
        private bool _draining;
        private long _drains;

        public string SessionId { get; } = sessionId;

        /// <summary>Written by the drain (one at a time), or by <see cref="Remember"/> while none runs; read by GetStateAsync.</summary>
        public SessionActorState? State { get; set; }

        /// <summary>Drains started so far: a store read taken before the latest one may be older than what it saved.</summary>
        public long Drains
        {
            get
            {
                lock (_queue)
                {
                    return _drains;
                }
            }
        }

        /// <summary>
        /// Keeps a state read from the store when no drain has started since the read began (<paramref name="drainsBefore"/>)
        /// and none runs: otherwise the drain's own state is newer, or is about to be.
        /// </summary>
        public void Remember(SessionActorState loaded, long drainsBefore)
        {
            lock (_queue)
            {
                if (!_draining && _drains == drainsBefore && State is null)
                {
                    State = loaded;
                }
            }
        }

        /// <summary>Queues the envelope; true when the caller must start a drain (none is running).</summary>
        public bool Post(Envelope envelope)
        {
            lock (_queue)
            {
                _queue.Enqueue(envelope);
                if (_draining)
                {
                    return false;
                }
                _draining = true;
                _drains++;
                return true;
            }
        }

        /// <summary>The next envelope; when empty the drain ends, atomically with the check, so no post is missed.</summary>
        public bool TryTake(out Envelope envelope)
        {
            lock (_queue)
            {
                if (_queue.TryDequeue(out envelope!))
                {
                    return true;
                }
                _draining = false;
                return false;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Session actors resumed: {Count} active sessions loaded, pending idle timers re-armed")]
    private partial void LogResumed(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Session {SessionId}: operation {Operation} failed")]
    private partial void LogOperationFailed(Exception exception, string sessionId, string operation);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId}: nudge based on seq {BasedOnSeq} committed nothing; reported to the actor")]
    private partial void LogNudgeDropped(string sessionId, long basedOnSeq);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId}: published message seq {Seq}")]
    private partial void LogPublished(string sessionId, long seq);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId}: background {Work} failed")]
    private partial void LogBackgroundFailed(Exception exception, string sessionId, string work);
}
