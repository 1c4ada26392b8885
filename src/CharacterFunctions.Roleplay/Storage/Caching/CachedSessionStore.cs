using CharacterFunctions.Roleplay.Conversation;

namespace CharacterFunctions.Roleplay.Storage.Caching;

/// <summary>
/// Session heads served from memory, for a process that is its store's only writer (the local host): a
/// turn reads its head several times (request checks, the committer under the lock, long polls) and each
/// would be a store read. Create and commit cache the head they return; a commit that throws, for whatever
/// reason, drops the entry so the next read (the committer's retry) sees the store's truth. With
/// <paramref name="tails"/> the newest messages of recently active sessions are kept too
/// (<see cref="TranscriptTail"/>), extended by every commit, so a turn's history window and a long poll
/// read no rows and parse no JSON; older ranges and turn lookups go to the store. Heads and messages are
/// immutable records, so handing out the cached instances is safe.
/// </summary>
public sealed class CachedSessionStore(ISessionStore inner, StampedCache<string, SessionRecord> heads, StampedCache<string, TranscriptTail>? tails = null) : ISessionStore
{
    public async Task<SessionRecord> CreateAsync(SessionRecord session, IReadOnlyList<TranscriptMessage> initialMessages, CancellationToken ct)
    {
        var stamp = heads.Begin();
        var tailStamp = tails?.Begin() ?? 0;
        SessionRecord stored;
        try
        {
            stored = await inner.CreateAsync(session, initialMessages, ct);
        }
        catch
        {
            heads.Invalidate(session.SessionId);
            tails?.Invalidate(session.SessionId);
            throw;
        }
        heads.Stored(stored.SessionId, Maybe(stored), stamp);
        if (tails is not null && TranscriptTail.From(1, initialMessages) is { } tail)
        {
            tails.Stored(stored.SessionId, tail, tailStamp);
        }
        return stored;
    }

    public Task<SessionRecord?> GetAsync(string sessionId, CancellationToken ct) =>
        heads.ReadThroughAsync(sessionId, () => inner.GetAsync(sessionId, ct));

    public async Task<SessionRecord> CommitAsync(SessionCommit commit, CancellationToken ct)
    {
        var sessionId = commit.Expected.SessionId;
        var stamp = heads.Begin();
        var tailStamp = tails?.Begin() ?? 0;
        SessionRecord stored;
        try
        {
            stored = await inner.CommitAsync(commit, ct);
        }
        catch
        {
            // A lost race means the cached head is stale; a cancelled or failed write may have landed.
            heads.Invalidate(sessionId);
            tails?.Invalidate(sessionId);
            throw;
        }
        heads.Stored(sessionId, Maybe(stored), stamp);
        if (tails is not null)
        {
            // The tail the commit was planned on, extended; any other tail is of unknown age.
            if (tails.TryGet(sessionId, out var tail) && tail.After(commit) is { } extended)
            {
                tails.Stored(sessionId, extended, tailStamp);
            }
            else
            {
                tails.Invalidate(sessionId);
            }
        }
        return stored;
    }

    public async Task<IReadOnlyList<TranscriptMessage>> ReadRangeAsync(string sessionId, long fromSeq, long toSeq, CancellationToken ct)
    {
        if (tails is null)
        {
            return await inner.ReadRangeAsync(sessionId, fromSeq, toSeq, ct);
        }
        if (tails.TryGet(sessionId, out var tail) && tail.Range(fromSeq, toSeq) is { } cached)
        {
            return cached;
        }
        var stamp = tails.Begin();
        var read = await inner.ReadRangeAsync(sessionId, fromSeq, toSeq, ct);
        // A read up to the head's newest message is a tail; the stamp keeps it out if a commit came meanwhile.
        if (heads.TryGet(sessionId, out var head) && head.LastSeq == toSeq && TranscriptTail.From(fromSeq, read) is { } fresh && fresh.LastSeq == toSeq)
        {
            tails.Fill(sessionId, fresh, stamp);
        }
        return read;
    }

    public async Task<IReadOnlyList<TranscriptMessage>> ReadPageAsync(string sessionId, long afterSeq, int limit, CancellationToken ct) =>
        tails is not null && tails.TryGet(sessionId, out var tail) && tail.Page(afterSeq, limit) is { } cached
            ? cached
            : await inner.ReadPageAsync(sessionId, afterSeq, limit, ct);

    /// <summary>Marks in the store; the cached head is dropped so the next read carries the store's answer.</summary>
    public async Task MarkHeldEventAsync(string sessionId, string eventId, CancellationToken ct)
    {
        await inner.MarkHeldEventAsync(sessionId, eventId, ct);
        heads.Invalidate(sessionId);
    }

    public Task<IReadOnlyList<TranscriptMessage>> FindByTurnAsync(string sessionId, string turnId, CancellationToken ct) =>
        inner.FindByTurnAsync(sessionId, turnId, ct);

    /// <summary>
    /// A head known from a write carries the writer's idea of held events, which a mark made meanwhile does not
    /// change: cached, it says "maybe" (only a fresh read from a store that tracks marks may list them).
    /// </summary>
    private static SessionRecord Maybe(SessionRecord head) => head.HeldEventMarks is null ? head : head with { HeldEventMarks = null };
}
