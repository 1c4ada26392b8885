using CharacterFunctions.Roleplay.Conversation;

namespace CharacterFunctions.Roleplay.Storage.Caching;

/// <summary>
/// The newest messages of a session as the store holds them, dense from <see cref="FirstSeq"/> to the head's
/// LastSeq: what a turn's history window and a long poll read. Immutable; a commit makes a new one.
/// </summary>
public sealed class TranscriptTail
{
    /// <summary>Messages kept per session: the longest window a prompt reads (100) and the pending-event scan (200).</summary>
    public const int MaxMessages = 200;

    private readonly TranscriptMessage[] _messages;

    private TranscriptTail(long firstSeq, TranscriptMessage[] messages)
    {
        FirstSeq = firstSeq;
        _messages = messages;
    }

    public long FirstSeq { get; }

    public long LastSeq => FirstSeq + _messages.Length - 1;

    /// <summary>A tail from messages read or written densely from <paramref name="firstSeq"/>; null when they are not dense.</summary>
    public static TranscriptTail? From(long firstSeq, IReadOnlyList<TranscriptMessage> messages)
    {
        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i].Seq != firstSeq + i)
            {
                return null;
            }
        }
        var skip = Math.Max(0, messages.Count - MaxMessages);
        return new TranscriptTail(firstSeq + skip, messages.Skip(skip).ToArray());
    }

    /// <summary>The tail after a commit that expected this tail's LastSeq: replacements applied, appended messages added.</summary>
    public TranscriptTail? After(SessionCommit commit)
    {
        if (commit.Expected.LastSeq != LastSeq)
        {
            return null;
        }
        var messages = (TranscriptMessage[])_messages.Clone();
        foreach (var replaced in commit.Replaced)
        {
            if (replaced.Seq >= FirstSeq && replaced.Seq <= LastSeq)
            {
                messages[replaced.Seq - FirstSeq] = replaced;
            }
        }
        return From(FirstSeq, [.. messages, .. commit.Appended]);
    }

    /// <summary>Messages <paramref name="fromSeq"/>..<paramref name="toSeq"/> when this tail holds all of them; else null.</summary>
    public IReadOnlyList<TranscriptMessage>? Range(long fromSeq, long toSeq)
    {
        if (fromSeq > toSeq)
        {
            return [];
        }
        return fromSeq >= FirstSeq && toSeq <= LastSeq
            ? _messages[(int)(fromSeq - FirstSeq)..(int)(toSeq - FirstSeq + 1)]
            : null;
    }

    /// <summary>Up to <paramref name="limit"/> messages after <paramref name="afterSeq"/> when none of them is older than this tail; else null.</summary>
    public IReadOnlyList<TranscriptMessage>? Page(long afterSeq, int limit)
    {
        if (afterSeq + 1 < FirstSeq)
        {
            return null;
        }
        return _messages.Where(m => m.Seq > afterSeq).Take(Math.Max(0, limit)).ToArray();
    }
}
