using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CharacterFunctions.Roleplay.Characters;
using CharacterFunctions.Roleplay.Serialization;
using CharacterFunctions.Roleplay.Storage;

namespace CharacterFunctions.Storage.Tables;

/// <summary>
/// Characters in one partition ("character"), row key = id. The product etag is a property of its
/// own (a uuid per write), so it looks the same as the SQLite store's; the Table ETag guards the write.
/// </summary>
public sealed class TableCharacterStore(TableStorage storage) : ICharacterStore
{
    private const string Partition = "character";
    private const string ETagProperty = "CharacterETag";

    public async Task<CharacterProfile> PutAsync(CharacterProfile profile, string? ifMatch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var table = await storage.GetTableAsync(TableStorage.CharactersTable, ct);
        var stored = profile with { ETag = Guid.NewGuid().ToString("N") };
        var entity = new TableEntity(Partition, TableKeys.Escape(profile.Id)) { [ETagProperty] = stored.ETag };
        EntityJson.Write(entity, JsonSerializer.Serialize(stored, RoleplayJson.Options));

        if (ifMatch is null)
        {
            await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, ct);
            return stored;
        }

        var current = await table.GetEntityIfExistsAsync<TableEntity>(Partition, entity.RowKey, cancellationToken: ct);
        if (!current.HasValue || current.Value is null
            || (ifMatch != "*" && !string.Equals(current.Value.GetString(ETagProperty), ifMatch, StringComparison.Ordinal)))
        {
            throw new ConcurrencyException($"Character '{profile.Id}' does not match the given etag.");
        }

        try
        {
            // Conditional on the row we just compared, so a writer in between makes this fail, not vanish.
            await table.UpdateEntityAsync(entity, current.Value.ETag, TableUpdateMode.Replace, ct);
        }
        catch (RequestFailedException e) when (TableErrors.IsLostRace(e) || e.Status == TableErrors.NotFound)
        {
            throw new ConcurrencyException($"Character '{profile.Id}' changed concurrently.");
        }

        return stored;
    }

    public async Task<CharacterProfile?> GetAsync(string characterId, CancellationToken ct)
    {
        var table = await storage.GetTableAsync(TableStorage.CharactersTable, ct);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Escape(characterId), cancellationToken: ct);
        return entity.HasValue && entity.Value is not null ? Deserialize(entity.Value) : null;
    }

    public async Task<IReadOnlyList<CharacterProfile>> ListAsync(CancellationToken ct)
    {
        var table = await storage.GetTableAsync(TableStorage.CharactersTable, ct);
        var profiles = new List<CharacterProfile>();
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: ct))
        {
            profiles.Add(Deserialize(entity));
        }

        return profiles;
    }

    public async Task<bool> DeleteAsync(string characterId, CancellationToken ct)
    {
        var table = await storage.GetTableAsync(TableStorage.CharactersTable, ct);
        try
        {
            var response = await table.DeleteEntityAsync(Partition, TableKeys.Escape(characterId), ETag.All, ct);
            return response.Status != TableErrors.NotFound;
        }
        catch (RequestFailedException e) when (e.Status == TableErrors.NotFound)
        {
            return false;
        }
    }

    private static CharacterProfile Deserialize(TableEntity entity) =>
        JsonSerializer.Deserialize<CharacterProfile>(EntityJson.Read(entity), RoleplayJson.Options)!;
}
