using CharacterFunctions.Roleplay.Conversation;

namespace CharacterFunctions.Roleplay.Storage;

/// <summary>
/// Shape checks every <see cref="ISessionStore"/> applies before writing, so all stores reject the
/// same malformed commits (a programming error, hence <see cref="ArgumentException"/>).
/// </summary>
public static class SessionCommitRules
{
    /// <summary>Throws unless the first messages are seq 1..n densely and the head's LastSeq is n.</summary>
    public static void ValidateCreate(SessionRecord session, IReadOnlyList<TranscriptMessage> initialMessages)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(initialMessages);
        ArgumentException.ThrowIfNullOrEmpty(session.SessionId, nameof(session));
        for (var i = 0; i < initialMessages.Count; i++)
        {
            if (initialMessages[i].Seq != i + 1)
            {
                throw new ArgumentException($"Initial message {i} has seq {initialMessages[i].Seq}; expected {i + 1}.", nameof(initialMessages));
            }
        }

        if (session.LastSeq != initialMessages.Count)
        {
            throw new ArgumentException($"LastSeq {session.LastSeq} does not match {initialMessages.Count} initial messages.", nameof(session));
        }
    }

    /// <summary>
    /// Throws unless appended seqs continue <c>Expected.LastSeq</c> densely, <c>Updated.LastSeq</c> is
    /// the last of them, replaced messages are existing seqs (each at most once), and a completion or
    /// actor state belongs to the same session (a completion must be completed, with its result).
    /// </summary>
    public static void ValidateCommit(SessionCommit commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var expected = commit.Expected;
        var updated = commit.Updated;
        if (!string.Equals(expected.SessionId, updated.SessionId, StringComparison.Ordinal))
        {
            throw new ArgumentException("Expected and Updated must be the same session.", nameof(commit));
        }

        for (var i = 0; i < commit.Appended.Count; i++)
        {
            var want = expected.LastSeq + 1 + i;
            if (commit.Appended[i].Seq != want)
            {
                throw new ArgumentException($"Appended message {i} has seq {commit.Appended[i].Seq}; expected {want}.", nameof(commit));
            }
        }

        if (updated.LastSeq != expected.LastSeq + commit.Appended.Count)
        {
            throw new ArgumentException(
                $"Updated.LastSeq {updated.LastSeq} must be {expected.LastSeq + commit.Appended.Count} after appending {commit.Appended.Count}.",
                nameof(commit));
        }

        var replacedSeqs = new HashSet<long>();
        foreach (var replaced in commit.Replaced)
        {
            if (replaced.Seq < 1 || replaced.Seq > expected.LastSeq)
            {
                throw new ArgumentException($"Replaced seq {replaced.Seq} is not an existing message.", nameof(commit));
            }

            if (!replacedSeqs.Add(replaced.Seq))
            {
                throw new ArgumentException($"Replaced seq {replaced.Seq} appears twice.", nameof(commit));
            }
        }

        if (commit.Completion is { } completion
            && (!string.Equals(completion.SessionId, expected.SessionId, StringComparison.Ordinal)
                || completion.Status != IdempotencyStatus.Completed || completion.ResultJson is null))
        {
            throw new ArgumentException("The completion must be a completed record of the same session, with its result.", nameof(commit));
        }

        if (commit.ActorState is { } state && !string.Equals(state.SessionId, expected.SessionId, StringComparison.Ordinal))
        {
            throw new ArgumentException("The actor state must be the same session's.", nameof(commit));
        }
    }
}
