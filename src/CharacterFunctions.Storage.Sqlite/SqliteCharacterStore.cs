using System.Text.Json;
using CharacterFunctions.Roleplay.Characters;
using CharacterFunctions.Roleplay.Serialization;
using CharacterFunctions.Roleplay.Storage;

namespace CharacterFunctions.Storage.Sqlite;

/// <summary>Characters as JSON rows; the etag column is the concurrency token, fresh on every write.</summary>
public sealed class SqliteCharacterStore(SqliteDatabase database) : ICharacterStore
{
    public Task<CharacterProfile> PutAsync(CharacterProfile profile, string? ifMatch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return database.WriteAsync(async (connection, transaction) =>
        {
            await using (var read = SqliteDatabase.Command(connection, transaction, "SELECT etag FROM characters WHERE id = $id", ("$id", profile.Id)))
            {
                var current = (string?)await read.ExecuteScalarAsync(ct);
                if (!StoreETags.Matches(ifMatch, current))
                {
                    throw new ConcurrencyException($"Character '{profile.Id}' does not match the given etag.");
                }
            }

            var stored = profile with { ETag = StoreETags.New() };
            await using var write = SqliteDatabase.Command(connection, transaction,
                "INSERT INTO characters (id, etag, json) VALUES ($id, $etag, $json) " +
                "ON CONFLICT (id) DO UPDATE SET etag = excluded.etag, json = excluded.json",
                ("$id", stored.Id), ("$etag", stored.ETag), ("$json", JsonSerializer.Serialize(stored, RoleplayJson.Options)));
            await write.ExecuteNonQueryAsync(ct);
            return stored;
        }, ct);
    }

    public async Task<CharacterProfile?> GetAsync(string characterId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = SqliteDatabase.Command(connection, null, "SELECT json FROM characters WHERE id = $id", ("$id", characterId));
        var json = (string?)await command.ExecuteScalarAsync(ct);
        return json is null ? null : JsonSerializer.Deserialize<CharacterProfile>(json, RoleplayJson.Options);
    }

    public async Task<IReadOnlyList<CharacterProfile>> ListAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = SqliteDatabase.Command(connection, null, "SELECT json FROM characters ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync(ct);
        var profiles = new List<CharacterProfile>();
        while (await reader.ReadAsync(ct))
        {
            profiles.Add(JsonSerializer.Deserialize<CharacterProfile>(reader.GetString(0), RoleplayJson.Options)!);
        }

        return profiles;
    }

    public Task<bool> DeleteAsync(string characterId, CancellationToken ct) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await using var command = SqliteDatabase.Command(connection, transaction, "DELETE FROM characters WHERE id = $id", ("$id", characterId));
            return await command.ExecuteNonQueryAsync(ct) > 0;
        }, ct);
}
