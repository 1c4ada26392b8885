using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Storage;

namespace CharacterFunctions.Storage.Tests.Infrastructure;

/// <summary>A session store that can hold its next head read, range read or commit after the inner store answered.</summary>
public sealed class GatedSessionStore(ISessionStore inner) : ISessionStore
{
    private Gate? _nextGet;
    private Gate? _nextCommit;
    private Gate? _nextRange;

    public Gate HoldNextGet() => _nextGet = new Gate();

    public Gate HoldNextCommit() => _nextCommit = new Gate();

    public Gate HoldNextRange() => _nextRange = new Gate();

    public Task<SessionRecord> CreateAsync(SessionRecord session, IReadOnlyList<TranscriptMessage> initialMessages, CancellationToken ct) =>
        inner.CreateAsync(session, initialMessages, ct);

    public async Task<SessionRecord?> GetAsync(string sessionId, CancellationToken ct)
    {
        var gate = Interlocked.Exchange(ref _nextGet, null);
        var read = await inner.GetAsync(sessionId, ct);
        if (gate is not null)
        {
            await gate.PassAsync();
        }
        return read;
    }

    public async Task<SessionRecord> CommitAsync(SessionCommit commit, CancellationToken ct)
    {
        var gate = Interlocked.Exchange(ref _nextCommit, null);
        var stored = await inner.CommitAsync(commit, ct);
        if (gate is not null)
        {
            await gate.PassAsync();
        }
        return stored;
    }

    public async Task<IReadOnlyList<TranscriptMessage>> ReadRangeAsync(string sessionId, long fromSeq, long toSeq, CancellationToken ct)
    {
        var gate = Interlocked.Exchange(ref _nextRange, null);
        var read = await inner.ReadRangeAsync(sessionId, fromSeq, toSeq, ct);
        if (gate is not null)
        {
            await gate.PassAsync();
        }
        return read;
    }

    public Task<IReadOnlyList<TranscriptMessage>> ReadPageAsync(string sessionId, long afterSeq, int limit, CancellationToken ct) =>
        inner.ReadPageAsync(sessionId, afterSeq, limit, ct);

    public Task<IReadOnlyList<TranscriptMessage>> FindByTurnAsync(string sessionId, string turnId, CancellationToken ct) =>
        inner.FindByTurnAsync(sessionId, turnId, ct);
}
