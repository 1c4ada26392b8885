using System.Collections.Frozen;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Serialization;
using CharacterFunctions.Roleplay.Storage;

namespace CharacterFunctions.Storage.Tables;

/// <summary>
/// One partition per session: the head row ("head"), one row per message ("m" + 19-digit seq), the
/// held-events sentinel ("e") and one mark per held game event ("e:" + event id), and the session's
/// idempotency records ("o" + operation id, <see cref="TableIdempotencyStore"/>). Every commit is a single
/// entity-group transaction in that partition, conditional on the head's ETag, which is exposed as
/// <see cref="SessionRecord.Version"/>; an operation's completed record and the deletion of the marks of
/// the held events it writes ride in it.
/// </summary>
public sealed class TableSessionStore(TableStorage storage) : ISessionStore
{
    /// <summary>A Table transaction holds at most 100 actions.</summary>
    public const int MaxActionsPerTransaction = 100;

    /// <summary>
    /// Of a transaction's 100 actions one is always the head and one is kept for the operation's completed
    /// record. Mark deletions get what is left (<see cref="MarkDeletionRoom"/>): a turn writes at most
    /// <see cref="Roleplay.Sessions.SessionReducer.PendingEventLimit"/> (32) held events + its line + the
    /// reply, so 100 - 2 - 34 = 64 leaves room for all 32 marks.
    /// </summary>
    public const int MaxMessagesPerCommit = 98;

    private const string StatusProperty = "Status";
    private const string SeqProperty = "Seq";
    private const string TurnIdProperty = "TurnId";
    private const string HeldEventsProperty = "HeldEvents";

    public async Task<SessionRecord> CreateAsync(SessionRecord session, IReadOnlyList<TranscriptMessage> initialMessages, CancellationToken ct)
    {
        SessionCommitRules.ValidateCreate(session, initialMessages);
        EnsureFits(initialMessages.Count);
        var table = await storage.GetTableAsync(TableStorage.SessionsTable, ct);
        var partition = TableKeys.Escape(session.SessionId);
        var stored = session with { Version = "" };

        List<TableTransactionAction> actions =
        [
            new(TableTransactionActionType.Add, HeadEntity(partition, stored)),
            new(TableTransactionActionType.Add, HeldEventsSentinel(partition)),
        ];
        actions.AddRange(initialMessages.Select(m => new TableTransactionAction(TableTransactionActionType.Add, MessageEntity(partition, m))));
        try
        {
            var response = await table.SubmitTransactionAsync(actions, ct);
            // A session is created with its sentinel and no mark (an intake marks only a session it has read).
            return stored with { Version = await NewHeadVersionAsync(table, partition, response, ct), HeldEventMarks = FrozenSet<string>.Empty };
        }
        catch (TableTransactionFailedException e) when (TableErrors.IsLostRace(e))
        {
            throw new ConcurrencyException($"Session '{session.SessionId}' already exists.");
        }
    }

    /// <summary>
    /// The head, the held-events sentinel and the held-event marks in one request: the key range ["e", "head"]
    /// of the session's partition holds exactly these rows (a range, not a scan of the partition).
    /// </summary>
    public async Task<SessionRecord?> GetAsync(string sessionId, CancellationToken ct)
    {
        var table = await storage.GetTableAsync(TableStorage.SessionsTable, ct);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {TableKeys.Escape(sessionId)} and RowKey ge {TableKeys.HeldEventsRowKey} and RowKey le {TableKeys.HeadRowKey}");
        SessionRecord? head = null;
        var sentinelSaysNone = false;
        var marks = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            if (entity.RowKey == TableKeys.HeadRowKey)
            {
                head = ReadHead(entity);
            }
            else if (entity.RowKey == TableKeys.HeldEventsRowKey)
            {
                // The older store wrote true here when it held an event, without saying which: "maybe", for good.
                sentinelSaysNone = entity.GetBoolean(HeldEventsProperty) == false;
            }
            else
            {
                marks.Add(TableKeys.HeldEventId(entity.RowKey));
            }
        }
        // No sentinel: a session created before held events were tracked, whose held events are unknown.
        return head is null ? null : head with { HeldEventMarks = sentinelSaysNone ? marks : null };
    }

    /// <summary>An upsert of the event's own mark row: idempotent, and it never races a commit, which replaces only the head.</summary>
    public async Task MarkHeldEventAsync(string sessionId, string eventId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        var table = await storage.GetTableAsync(TableStorage.SessionsTable, ct);
        await table.UpsertEntityAsync(new TableEntity(TableKeys.Escape(sessionId), TableKeys.HeldEventMarkRowKey(eventId)), TableUpdateMode.Replace, ct);
    }

    public async Task<SessionRecord> CommitAsync(SessionCommit commit, CancellationToken ct)
    {
        SessionCommitRules.ValidateCommit(commit);
        EnsureFits(commit.Appended.Count + commit.Replaced.Count);
        if (commit.ActorState is not null)
        {
            // Nothing would read it: the Azure app's actors are Durable entities and keep their own state.
            throw new NotSupportedException(
                "The Table session store does not save actor state with a commit (SessionCommit.ActorState): in Azure the session actor is a Durable entity that keeps its own state.");
        }
        var sessionId = commit.Expected.SessionId;
        if (string.IsNullOrEmpty(commit.Expected.Version))
        {
            throw new ConcurrencyException($"Session '{sessionId}': the expected head has no version.");
        }

        var table = await storage.GetTableAsync(TableStorage.SessionsTable, ct);
        var partition = TableKeys.Escape(sessionId);
        var stored = commit.Updated with { Version = "" };

        List<TableTransactionAction> actions =
            [new(TableTransactionActionType.UpdateReplace, HeadEntity(partition, stored), new ETag(commit.Expected.Version))];
        actions.AddRange(commit.Appended.Select(m => new TableTransactionAction(TableTransactionActionType.Add, MessageEntity(partition, m))));
        // ETag.All: the row must exist (404 otherwise) but any version may be replaced; the head's ETag already orders writers.
        actions.AddRange(commit.Replaced.Select(m => new TableTransactionAction(TableTransactionActionType.UpdateReplace, MessageEntity(partition, m), ETag.All)));
        if (commit.Completion is { } completion)
        {
            // Inserted or replacing the in-flight claim, whoever holds it: the head's ETag already decided the one writer.
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, IdempotencyEntity.From(completion)));
        }
        var firstDeletion = actions.Count;
        // Only marks read with the expected head: they exist while the head keeps that ETag (only a commit
        // deletes marks), and deleting a missing row would fail the whole transaction.
        actions.AddRange(commit.HeldEventMarksWritten.Take(MarkDeletionRoom(commit)).Select(eventId => new TableTransactionAction(
            TableTransactionActionType.Delete, new TableEntity(partition, TableKeys.HeldEventMarkRowKey(eventId)), ETag.All)));
        try
        {
            var response = await table.SubmitTransactionAsync(actions, ct);
            // Marks made since the expected head was read are not known here: "maybe" until the next read.
            return stored with { Version = await NewHeadVersionAsync(table, partition, response, ct), HeldEventMarks = null };
        }
        catch (TableTransactionFailedException e) when (TableErrors.IsLostRace(e))
        {
            throw new ConcurrencyException($"Session '{sessionId}' changed since the expected version.");
        }
        catch (TableTransactionFailedException e) when (e.Status == TableErrors.NotFound && e.FailedTransactionActionIndex >= firstDeletion)
        {
            // A mark read with the expected head is gone, so another commit cleared it and moved the head.
            throw new ConcurrencyException($"Session '{sessionId}' changed since the expected version (a held-event mark was cleared).");
        }
        catch (TableTransactionFailedException e) when (e.Status == TableErrors.NotFound)
        {
            throw e.FailedTransactionActionIndex is null or 0
                ? new KeyNotFoundException($"Session '{sessionId}' does not exist.")
                : new ArgumentException($"A replaced message of session '{sessionId}' does not exist.", nameof(commit));
        }
    }

    public Task<IReadOnlyList<TranscriptMessage>> ReadRangeAsync(string sessionId, long fromSeq, long toSeq, CancellationToken ct)
    {
        if (toSeq < fromSeq || toSeq < 1)
        {
            return Task.FromResult<IReadOnlyList<TranscriptMessage>>([]);
        }

        var partition = TableKeys.Escape(sessionId);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and RowKey ge {TableKeys.MessageRowKey(fromSeq)} and RowKey le {TableKeys.MessageRowKey(toSeq)}");
        return QueryAsync(filter, int.MaxValue, ct);
    }

    public Task<IReadOnlyList<TranscriptMessage>> ReadPageAsync(string sessionId, long afterSeq, int limit, CancellationToken ct)
    {
        if (limit <= 0)
        {
            return Task.FromResult<IReadOnlyList<TranscriptMessage>>([]);
        }

        var partition = TableKeys.Escape(sessionId);
        // Message keys start with "m"; the head sorts before them and idempotency records ("o…") after the bound.
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and RowKey gt {TableKeys.MessageRowKey(afterSeq)} and RowKey lt {TableKeys.MessageKeysEnd}");
        return QueryAsync(filter, limit, ct);
    }

    public Task<IReadOnlyList<TranscriptMessage>> FindByTurnAsync(string sessionId, string turnId, CancellationToken ct)
    {
        // Tables have no secondary index; this scans only the session's own message rows (never its
        // idempotency records, which sort after the bound), and it is used only to recover a turn whose
        // result was not recorded.
        var partition = TableKeys.Escape(sessionId);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and RowKey gt {"m"} and RowKey lt {TableKeys.MessageKeysEnd} and TurnId eq {turnId}");
        return QueryAsync(filter, int.MaxValue, ct);
    }

    private async Task<IReadOnlyList<TranscriptMessage>> QueryAsync(string filter, int limit, CancellationToken ct)
    {
        var table = await storage.GetTableAsync(TableStorage.SessionsTable, ct);
        var messages = new List<TranscriptMessage>();
        int? pageSize = limit < 1000 ? limit : null;
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, pageSize, cancellationToken: ct))
        {
            messages.Add(JsonSerializer.Deserialize<TranscriptMessage>(EntityJson.Read(entity), RoleplayJson.Options)!);
            if (messages.Count >= limit)
            {
                break;
            }
        }

        // Rows come back in key order, which is seq order; sorting again keeps the contract explicit.
        messages.Sort((a, b) => a.Seq.CompareTo(b.Seq));
        return messages;
    }

    private static void EnsureFits(int messageActions)
    {
        if (messageActions > MaxMessagesPerCommit)
        {
            throw new ArgumentException($"A session commit may write at most {MaxMessagesPerCommit} messages; got {messageActions}.");
        }
    }

    /// <summary>
    /// Actions left for mark deletions after the head, the messages and the completion slot. Deleting fewer
    /// marks than the commit writes events is safe: a lingering mark costs a later actor query, never an event.
    /// </summary>
    private static int MarkDeletionRoom(SessionCommit commit) =>
        Math.Max(0, MaxActionsPerTransaction - 1 - commit.Appended.Count - commit.Replaced.Count - (commit.Completion is null ? 0 : 1));

    private static TableEntity HeadEntity(string partition, SessionRecord head)
    {
        var entity = new TableEntity(partition, TableKeys.HeadRowKey) { [StatusProperty] = head.Status.ToString() };
        EntityJson.Write(entity, JsonSerializer.Serialize(head, RoleplayJson.Options));
        return entity;
    }

    private static TableEntity HeldEventsSentinel(string partition) =>
        new(partition, TableKeys.HeldEventsRowKey) { [HeldEventsProperty] = false };

    private static TableEntity MessageEntity(string partition, TranscriptMessage message)
    {
        var entity = new TableEntity(partition, TableKeys.MessageRowKey(message.Seq))
        {
            [SeqProperty] = message.Seq,
            [TurnIdProperty] = message.TurnId,
        };
        EntityJson.Write(entity, JsonSerializer.Serialize(message, RoleplayJson.Options));
        return entity;
    }

    private static SessionRecord ReadHead(TableEntity entity) =>
        JsonSerializer.Deserialize<SessionRecord>(EntityJson.Read(entity), RoleplayJson.Options)! with { Version = entity.ETag.ToString() };

    /// <summary>The head's new ETag from the batch response (first action), or read back if the service omitted it.</summary>
    private static async Task<string> NewHeadVersionAsync(TableClient table, string partition, Response<IReadOnlyList<Response>> response, CancellationToken ct)
    {
        if (response.Value.Count > 0 && response.Value[0].Headers.ETag is { } etag && !string.IsNullOrEmpty(etag.ToString()))
        {
            return etag.ToString();
        }

        var head = await table.GetEntityAsync<TableEntity>(partition, TableKeys.HeadRowKey, cancellationToken: ct);
        return head.Value.ETag.ToString();
    }
}
