using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Serialization;
using CharacterFunctions.Roleplay.Storage;

namespace CharacterFunctions.Storage.Tables;

/// <summary>
/// One partition per session: the head row ("head"), one row per message ("m" + 19-digit seq) and the
/// session's idempotency records ("o" + operation id, <see cref="TableIdempotencyStore"/>). Every commit is
/// a single entity-group transaction in that partition, conditional on the head's ETag, which is exposed
/// as <see cref="SessionRecord.Version"/>; an operation's completed record rides in it.
/// </summary>
public sealed class TableSessionStore(TableStorage storage) : ISessionStore
{
    /// <summary>A Table transaction holds at most 100 actions: one is always the head, one is kept for the operation's completed record.</summary>
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
            new(TableTransactionActionType.Add, HeldEventsEntity(partition, held: false)),
        ];
        actions.AddRange(initialMessages.Select(m => new TableTransactionAction(TableTransactionActionType.Add, MessageEntity(partition, m))));
        try
        {
            var response = await table.SubmitTransactionAsync(actions, ct);
            return stored with { Version = await NewHeadVersionAsync(table, partition, response, ct), MayHaveHeldEvents = false };
        }
        catch (TableTransactionFailedException e) when (TableErrors.IsLostRace(e))
        {
            throw new ConcurrencyException($"Session '{session.SessionId}' already exists.");
        }
    }

    /// <summary>The head and the held-events row in one request (a two-row query of the session's partition).</summary>
    public async Task<SessionRecord?> GetAsync(string sessionId, CancellationToken ct)
    {
        var table = await storage.GetTableAsync(TableStorage.SessionsTable, ct);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {TableKeys.Escape(sessionId)} and (RowKey eq {TableKeys.HeadRowKey} or RowKey eq {TableKeys.HeldEventsRowKey})");
        SessionRecord? head = null;
        bool? held = null;
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: 2, cancellationToken: ct))
        {
            if (entity.RowKey == TableKeys.HeadRowKey)
            {
                head = ReadHead(entity);
            }
            else
            {
                held = entity.GetBoolean(HeldEventsProperty) ?? true;
            }
        }
        // No row at all: a session created before the row existed, whose held events are unknown.
        return head is null ? null : head with { MayHaveHeldEvents = held ?? true };
    }

    public async Task MarkHeldEventsAsync(string sessionId, CancellationToken ct)
    {
        var table = await storage.GetTableAsync(TableStorage.SessionsTable, ct);
        await table.UpsertEntityAsync(HeldEventsEntity(TableKeys.Escape(sessionId), held: true), TableUpdateMode.Replace, ct);
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
        try
        {
            var response = await table.SubmitTransactionAsync(actions, ct);
            return stored with { Version = await NewHeadVersionAsync(table, partition, response, ct) };
        }
        catch (TableTransactionFailedException e) when (TableErrors.IsLostRace(e))
        {
            throw new ConcurrencyException($"Session '{sessionId}' changed since the expected version.");
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

    private static TableEntity HeadEntity(string partition, SessionRecord head)
    {
        var entity = new TableEntity(partition, TableKeys.HeadRowKey) { [StatusProperty] = head.Status.ToString() };
        EntityJson.Write(entity, JsonSerializer.Serialize(head, RoleplayJson.Options));
        return entity;
    }

    private static TableEntity HeldEventsEntity(string partition, bool held) =>
        new(partition, TableKeys.HeldEventsRowKey) { [HeldEventsProperty] = held };

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
