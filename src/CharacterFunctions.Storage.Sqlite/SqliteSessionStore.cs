using System.Text.Json;
using CharacterFunctions.Roleplay.Conversation;
using CharacterFunctions.Roleplay.Serialization;
using CharacterFunctions.Roleplay.Storage;
using Microsoft.Data.Sqlite;

namespace CharacterFunctions.Storage.Sqlite;

/// <summary>
/// Session heads (one row, versioned) and transcripts (one row per message keyed by (session, seq)).
/// A commit checks the head version and writes head and messages in one BEGIN IMMEDIATE transaction.
/// </summary>
public sealed class SqliteSessionStore(SqliteDatabase database) : ISessionStore
{
    private const int SqliteConstraint = 19;

    public async Task<SessionRecord> CreateAsync(SessionRecord session, IReadOnlyList<TranscriptMessage> initialMessages, CancellationToken ct)
    {
        SessionCommitRules.ValidateCreate(session, initialMessages);
        var stored = session with { Version = StoreETags.New() };
        try
        {
            return await database.WriteAsync(async (connection, transaction) =>
            {
                await using (var head = SqliteDatabase.Command(connection, transaction,
                    "INSERT INTO sessions (session_id, version, status, json) VALUES ($id, $version, $status, $json)",
                    HeadParameters(stored)))
                {
                    await head.ExecuteNonQueryAsync(ct);
                }

                await InsertMessagesAsync(connection, transaction, stored.SessionId, initialMessages, ct);
                return stored;
            }, ct);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SqliteConstraint)
        {
            throw new ConcurrencyException($"Session '{session.SessionId}' already exists.");
        }
    }

    public async Task<SessionRecord?> GetAsync(string sessionId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = SqliteDatabase.Command(connection, null, "SELECT json FROM sessions WHERE session_id = $id", ("$id", sessionId));
        var json = (string?)await command.ExecuteScalarAsync(ct);
        return json is null ? null : JsonSerializer.Deserialize<SessionRecord>(json, RoleplayJson.Options);
    }

    public async Task<SessionRecord> CommitAsync(SessionCommit commit, CancellationToken ct)
    {
        SessionCommitRules.ValidateCommit(commit);
        var sessionId = commit.Expected.SessionId;
        var stored = commit.Updated with { Version = StoreETags.New() };
        try
        {
            return await database.WriteAsync(async (connection, transaction) =>
            {
                // The head first, conditional on the version: the one check that orders writers.
                await using (var head = SqliteDatabase.Command(connection, transaction,
                    "UPDATE sessions SET version = $version, status = $status, json = $json WHERE session_id = $id AND version = $expected",
                    [.. HeadParameters(stored), ("$expected", commit.Expected.Version)]))
                {
                    if (await head.ExecuteNonQueryAsync(ct) != 1)
                    {
                        throw await MissedHeadAsync(connection, transaction, sessionId, commit.Expected.Version, ct);
                    }
                }

                await InsertMessagesAsync(connection, transaction, sessionId, commit.Appended, ct);
                foreach (var message in commit.Replaced)
                {
                    await using var replace = SqliteDatabase.Command(connection, transaction,
                        "UPDATE messages SET turn_id = $turn, json = $json WHERE session_id = $id AND seq = $seq",
                        ("$id", sessionId), ("$seq", message.Seq), ("$turn", message.TurnId), ("$json", Serialize(message)));
                    if (await replace.ExecuteNonQueryAsync(ct) != 1)
                    {
                        throw new ArgumentException($"Replaced seq {message.Seq} does not exist.", nameof(commit));
                    }
                }

                // Same transaction: the operation's record and the actor's next state are durable exactly when the messages are.
                if (commit.Completion is { } completion)
                {
                    await SqliteIdempotencyStore.WriteCompletedAsync(connection, transaction, completion, ct);
                }
                if (commit.ActorState is { } actorState)
                {
                    await SqliteActorStateStore.WriteAsync(connection, transaction, actorState, ct);
                }

                return stored;
            }, ct);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SqliteConstraint)
        {
            // A seq already taken means another writer got there first (the transaction rolled back).
            throw new ConcurrencyException($"Session '{sessionId}': an appended seq is already taken.");
        }
    }

    /// <summary>Why a conditional head update changed no row: the session is gone, or its version moved on.</summary>
    private static async Task<Exception> MissedHeadAsync(SqliteConnection connection, SqliteTransaction transaction, string sessionId, string expected, CancellationToken ct)
    {
        await using var read = SqliteDatabase.Command(connection, transaction, "SELECT 1 FROM sessions WHERE session_id = $id", ("$id", sessionId));
        return await read.ExecuteScalarAsync(ct) is null
            ? new KeyNotFoundException($"Session '{sessionId}' does not exist.")
            : new ConcurrencyException($"Session '{sessionId}' changed since version {expected}.");
    }

    public Task<IReadOnlyList<TranscriptMessage>> ReadRangeAsync(string sessionId, long fromSeq, long toSeq, CancellationToken ct) =>
        QueryMessagesAsync(
            "SELECT json FROM messages WHERE session_id = $id AND seq >= $from AND seq <= $to ORDER BY seq",
            ct, ("$id", sessionId), ("$from", fromSeq), ("$to", toSeq));

    public Task<IReadOnlyList<TranscriptMessage>> ReadPageAsync(string sessionId, long afterSeq, int limit, CancellationToken ct) =>
        limit <= 0
            ? Task.FromResult<IReadOnlyList<TranscriptMessage>>([])
            : QueryMessagesAsync(
                "SELECT json FROM messages WHERE session_id = $id AND seq > $after ORDER BY seq LIMIT $limit",
                ct, ("$id", sessionId), ("$after", afterSeq), ("$limit", limit));

    public Task<IReadOnlyList<TranscriptMessage>> FindByTurnAsync(string sessionId, string turnId, CancellationToken ct) =>
        QueryMessagesAsync(
            "SELECT json FROM messages WHERE session_id = $id AND turn_id = $turn ORDER BY seq",
            ct, ("$id", sessionId), ("$turn", turnId));

    private async Task<IReadOnlyList<TranscriptMessage>> QueryMessagesAsync(string sql, CancellationToken ct, params (string, object?)[] parameters)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = SqliteDatabase.Command(connection, null, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var messages = new List<TranscriptMessage>();
        while (await reader.ReadAsync(ct))
        {
            messages.Add(JsonSerializer.Deserialize<TranscriptMessage>(reader.GetString(0), RoleplayJson.Options)!);
        }

        return messages;
    }

    private static async Task InsertMessagesAsync(SqliteConnection connection, SqliteTransaction transaction, string sessionId, IReadOnlyList<TranscriptMessage> messages, CancellationToken ct)
    {
        foreach (var message in messages)
        {
            await using var insert = SqliteDatabase.Command(connection, transaction,
                "INSERT INTO messages (session_id, seq, turn_id, json) VALUES ($id, $seq, $turn, $json)",
                ("$id", sessionId), ("$seq", message.Seq), ("$turn", message.TurnId), ("$json", Serialize(message)));
            await insert.ExecuteNonQueryAsync(ct);
        }
    }

    private static (string, object?)[] HeadParameters(SessionRecord head) =>
    [
        ("$id", head.SessionId),
        ("$version", head.Version),
        ("$status", head.Status.ToString()),
        ("$json", JsonSerializer.Serialize(head, RoleplayJson.Options)),
    ];

    private static string Serialize(TranscriptMessage message) => JsonSerializer.Serialize(message, RoleplayJson.Options);
}
