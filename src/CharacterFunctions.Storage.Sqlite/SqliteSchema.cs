namespace CharacterFunctions.Storage.Sqlite;

/// <summary>The schema, idempotent so that every process start may run it.</summary>
internal static class SqliteSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS characters (
            id   TEXT NOT NULL PRIMARY KEY,
            etag TEXT NOT NULL,
            json TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS sessions (
            session_id TEXT NOT NULL PRIMARY KEY,
            version    TEXT NOT NULL,
            status     TEXT NOT NULL,
            json       TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS messages (
            session_id TEXT    NOT NULL,
            seq        INTEGER NOT NULL,
            turn_id    TEXT    NULL,
            json       TEXT    NOT NULL,
            PRIMARY KEY (session_id, seq)
        );
        CREATE INDEX IF NOT EXISTS ix_messages_turn ON messages (session_id, turn_id);
        CREATE TABLE IF NOT EXISTS idempotency (
            session_id   TEXT    NOT NULL,
            operation_id TEXT    NOT NULL,
            request_hash TEXT    NOT NULL,
            status       TEXT    NOT NULL,
            result_json  TEXT    NULL,
            claimed_at   INTEGER NOT NULL,
            owner        TEXT    NULL,
            lease_until  INTEGER NULL,
            PRIMARY KEY (session_id, operation_id)
        );
        CREATE TABLE IF NOT EXISTS actor_states (
            session_id TEXT    NOT NULL PRIMARY KEY,
            active     INTEGER NOT NULL,
            json       TEXT    NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_actor_states_active ON actor_states (active);
        """;

    /// <summary>Columns added after the first release: (table, column, definition), added to older databases at start.</summary>
    public static readonly IReadOnlyList<(string Table, string Column, string Definition)> AddedColumns =
    [
        ("idempotency", "owner", "TEXT NULL"),
        ("idempotency", "lease_until", "INTEGER NULL"),
    ];
}
