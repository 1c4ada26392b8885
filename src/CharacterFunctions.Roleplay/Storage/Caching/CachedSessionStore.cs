using CharacterFunctions.Roleplay.Conversation;

namespace CharacterFunctions.Roleplay.Storage.Caching;

/// <summary>
/// Session heads served from memory, for a process that is its store's only writer (the local host): a
/// turn reads its head several times (request checks, the committer under the lock, long polls) and each
/// would be a store read. Create and commit cache the head they return; a commit that throws, for whatever
/// reason, drops the entry so the next read (the committer's retry) sees the store's truth. Transcript
/// reads pass through. Heads are immutable records, so handing out the cached instance is safe.
/// </summary>
public sealed class CachedSessionStore(ISessionStore inner, StampedCache<string, SessionRecord> heads) : ISessionStore
{
    public async Task<SessionRecord> CreateAsync(SessionRecord session, IReadOnlyList<TranscriptMessage> initialMessages, CancellationToken ct)
    {
        var stamp = heads.Begin();
        SessionRecord stored;
        try
        {
            stored = await inner.CreateAsync(session, initialMessages, ct);
        }
        catch
        {
            heads.Invalidate(session.SessionId);
            throw;
        }
        heads.Stored(stored.SessionId, stored, stamp);
        return stored;
    }

    public async Task<SessionRecord?> GetAsync(string sessionId, CancellationToken ct)
    {
        if (heads.TryGet(sessionId, out var cached))
        {
            return cached;
        }
        var stamp = heads.Begin();
        var read = await inner.GetAsync(sessionId, ct);
        heads.Fill(sessionId, read, stamp);
        return read;
    }

    public async Task<SessionRecord> CommitAsync(SessionCommit commit, CancellationToken ct)
    {
        var sessionId = commit.Expected.SessionId;
        var stamp = heads.Begin();
        SessionRecord stored;
        try
        {
            stored = await inner.CommitAsync(commit, ct);
        }
        catch
        {
            // A lost race means the cached head is stale; a cancelled or failed write may have landed.
            heads.Invalidate(sessionId);
            throw;
        }
        heads.Stored(sessionId, stored, stamp);
        return stored;
    }

    public Task<IReadOnlyList<TranscriptMessage>> ReadRangeAsync(string sessionId, long fromSeq, long toSeq, CancellationToken ct) =>
        inner.ReadRangeAsync(sessionId, fromSeq, toSeq, ct);

    public Task<IReadOnlyList<TranscriptMessage>> ReadPageAsync(string sessionId, long afterSeq, int limit, CancellationToken ct) =>
        inner.ReadPageAsync(sessionId, afterSeq, limit, ct);

    public Task<IReadOnlyList<TranscriptMessage>> FindByTurnAsync(string sessionId, string turnId, CancellationToken ct) =>
        inner.FindByTurnAsync(sessionId, turnId, ct);
}
