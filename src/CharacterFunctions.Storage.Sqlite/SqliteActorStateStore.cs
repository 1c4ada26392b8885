using System.Text.Json;
using CharacterFunctions.Roleplay.Serialization;
using CharacterFunctions.Roleplay.Sessions;
using CharacterFunctions.Roleplay.Storage;
using Microsoft.Data.Sqlite;

namespace CharacterFunctions.Storage.Sqlite;

/// <summary>Session-actor state as one JSON row per session, with an indexed "active" flag for start-up re-arming.</summary>
public sealed class SqliteActorStateStore(SqliteDatabase database) : ISessionActorStateStore
{
    public Task SaveAsync(SessionActorState state, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentException.ThrowIfNullOrEmpty(state.SessionId, nameof(state));
        return database.WriteAsync(async (connection, transaction) =>
        {
            await WriteAsync(connection, transaction, state, ct);
            return true;
        }, ct);
    }

    /// <summary>The upsert of one state, inside a caller's transaction (its own, or a session commit's).</summary>
    internal static async Task WriteAsync(SqliteConnection connection, SqliteTransaction transaction, SessionActorState state, CancellationToken ct)
    {
        await using var upsert = SqliteDatabase.Command(connection, transaction,
            "INSERT INTO actor_states (session_id, active, json) VALUES ($id, $active, $json) " +
            "ON CONFLICT (session_id) DO UPDATE SET active = excluded.active, json = excluded.json",
            ("$id", state.SessionId), ("$active", state.Started && !state.Ended ? 1 : 0),
            ("$json", JsonSerializer.Serialize(state, RoleplayJson.Options)));
        await upsert.ExecuteNonQueryAsync(ct);
    }

    public async Task<SessionActorState?> LoadAsync(string sessionId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = SqliteDatabase.Command(connection, null, "SELECT json FROM actor_states WHERE session_id = $id", ("$id", sessionId));
        var json = (string?)await command.ExecuteScalarAsync(ct);
        return json is null ? null : JsonSerializer.Deserialize<SessionActorState>(json, RoleplayJson.Options);
    }

    public async Task<IReadOnlyList<SessionActorState>> LoadActiveAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = SqliteDatabase.Command(connection, null, "SELECT json FROM actor_states WHERE active = 1 ORDER BY session_id");
        await using var reader = await command.ExecuteReaderAsync(ct);
        var states = new List<SessionActorState>();
        while (await reader.ReadAsync(ct))
        {
            states.Add(JsonSerializer.Deserialize<SessionActorState>(reader.GetString(0), RoleplayJson.Options)!);
        }

        return states;
    }
}
